// The people the page offers in its pickers. Owners follow canAssignOwner (src/auth), so the list
// never offers what the server would refuse; close plan owners are the deal owner's team.
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

/** Who may own a close plan step on our side: the owner's team, its manager, and the deal owner. */
export async function listPlanOwners(tx: Reader, owner: { id: string; teamId: string | null }): Promise<Person[]> {
  const team = owner.teamId;
  return tx.user.findMany({
    where: {
      active: true,
      OR: [{ id: owner.id }, ...(team ? [{ teamId: team }, { managedTeams: { some: { id: team } } }] : [])],
    },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}
