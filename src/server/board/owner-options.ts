// Whose deals the owner filter can single out: a manager's teammates, or for an admin every seller.
// A rep sees only their own deals, so they get no choice.
import type { Actor } from "../../auth/actor";
import type { Reader } from "../db";

export type OwnerOption = { id: string; name: string };

export async function listOwnerOptions(tx: Reader, actor: Actor): Promise<OwnerOption[]> {
  if (actor.role !== "manager" && actor.role !== "admin") return [];
  return tx.user.findMany({
    where: {
      active: true,
      role: { in: ["rep", "manager"] },
      ...(actor.role === "manager" ? { OR: [{ id: actor.id }, { teamId: { in: actor.teamIds } }] } : {}),
    },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
