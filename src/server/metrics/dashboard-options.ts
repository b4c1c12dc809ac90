// The choices of the dashboard's filters for an actor (docs/rules/dashboard.md, "The page"): the teams
// they may look at (a manager the teams they manage, an admin every team), the people of the chosen
// team (or of all their teams), and the processes.
import type { Actor } from "../../auth/actor";
import { assertCan, can, permissionScope } from "../../auth/authorize";
import { db } from "../db";

export async function dashboardOptions(actor: Actor, teamId?: string) {
  assertCan(actor, "dashboard.view");
  const everyone = permissionScope(actor, "dashboard.view") === "all";
  const teams = await db().team.findMany({
    where: everyone ? {} : { id: { in: actor.teamIds } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const memberTeams = teamId ? [teamId] : everyone ? null : actor.teamIds;
  const people =
    memberTeams === null
      ? []
      : await db().user.findMany({
          where: { teamId: { in: memberTeams.filter((id) => teams.some((t) => t.id === id)) } },
          select: { id: true, name: true, active: true },
          orderBy: [{ active: "desc" }, { name: "asc" }],
        });
  const processes = await db().process.findMany({
    select: { key: true, name: true, isDefault: true },
    orderBy: [{ isDefault: "desc" }, { name: "asc" }],
  });
  return { teams, people, processes };
}
export type DashboardOptions = Awaited<ReturnType<typeof dashboardOptions>>;

/**
 * Whether someone's figures are in the actor's dashboard scope: anyone's for an admin, the people of
 * the teams they manage for a manager (an unknown id is no one's, so not theirs).
 */
export async function mayViewOwnerFigures(actor: Actor, ownerId: string): Promise<boolean> {
  if (!can(actor, "dashboard.view")) return false;
  if (permissionScope(actor, "dashboard.view") === "all") return true;
  const owner = await db().user.findUnique({ where: { id: ownerId }, select: { teamId: true } });
  return !!owner?.teamId && actor.teamIds.includes(owner.teamId);
}
