// Who may own a close plan step on our side (canOwnPlanStep, src/auth): the deal's owner, their team
// and its manager, and the deal desk. The deal page's picker and the plan's writes ask this same
// function, so the picker offers exactly what a write accepts.
import { sql } from "kysely";
import { canOwnPlanStep, type OpportunityOwnership } from "../../auth/authorize";
import { rolesWith } from "../../auth/permissions";
import type { Sql } from "../db";

export type PlanOwner = { id: string; name: string };

/**
 * The active users who may own a step of this deal's plan, by name: among `ids` when given (to check
 * the owners a write names), else all of them (for the picker).
 */
export async function findPlanOwners(q: Sql, deal: OpportunityOwnership, ids?: readonly string[]): Promise<PlanOwner[]> {
  if (ids?.length === 0) return [];
  const onAnyDeal = rolesWith("closePlan.ownStep", "all");
  const rows = await q
    .selectFrom("User as u")
    .select(["u.id", "u.name", "u.role", "u.teamId"])
    .select(sql<string[]>`ARRAY(SELECT t."id" FROM "Team" t WHERE t."managerId" = u."id")`.as("managedTeamIds"))
    .where("u.active", "=", true)
    .where((eb) =>
      ids
        ? eb("u.id", "in", [...ids])
        : // Those the rule can reach, which canOwnPlanStep then decides on.
          eb.or([
            eb("u.id", "=", deal.ownerId),
            ...(deal.ownerTeamId
              ? [
                  eb("u.teamId", "=", deal.ownerTeamId),
                  eb.exists(eb.selectFrom("Team as t").select("t.id").whereRef("t.managerId", "=", "u.id").where("t.id", "=", deal.ownerTeamId)),
                ]
              : []),
            ...(onAnyDeal.length ? [eb("u.role", "in", onAnyDeal)] : []),
          ]),
    )
    .orderBy("u.name")
    .orderBy("u.id")
    .execute();
  return rows.filter((u) => canOwnPlanStep(u, deal)).map(({ id, name }) => ({ id, name }));
}
