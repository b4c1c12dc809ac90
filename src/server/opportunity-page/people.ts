// The people the page offers in its pickers. Owners follow canAssignOwner (src/auth), so the list
// never offers what the server would refuse; close plan owners are findPlanOwners' (src/server/opportunities/plan-owners.ts).
import type { Actor } from "../../auth/actor";
import { canAssignOwner } from "../../auth/authorize";
import { db, type Reader } from "../db";

export type Person = { id: string; name: string };

/** Who the actor may give a deal to: themselves, and for a manager their teams' reps and managers. */
export async function listAssignableOwners(actor: Actor, tx: Reader = db()): Promise<Person[]> {
  const candidates = await tx.user.findMany({
    where: { active: true, OR: [{ id: actor.id }, { teamId: { in: actor.teamIds } }] },
    select: { id: true, name: true, teamId: true, role: true },
    orderBy: { name: "asc" },
  });
  return candidates.filter((u) => canAssignOwner(actor, u)).map(({ id, name }) => ({ id, name }));
}
