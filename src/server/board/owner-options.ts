// Whose deals the owner filter can single out: a manager's teammates, or for an admin every seller.
// A rep sees only their own deals, and the deal desk the deals submitted to it: they get no choice.
import type { Actor } from "../../auth/actor";
import { permissionScope } from "../../auth/authorize";
import { rolesWith } from "../../auth/permissions";
import type { Reader } from "../db";

export type OwnerOption = { id: string; name: string };

export async function listOwnerOptions(tx: Reader, actor: Actor): Promise<OwnerOption[]> {
  const scope = permissionScope(actor, "opportunity.read");
  if (scope !== "team" && scope !== "all") return [];
  return tx.user.findMany({
    where: {
      active: true,
      role: { in: rolesWith("opportunity.create") },
      ...(scope === "team" ? { OR: [{ id: actor.id }, { teamId: { in: actor.teamIds } }] } : {}),
    },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
