// Whose deals the dashboard counts (docs/rules/dashboard.md, "Scope"): a manager the teams they
// manage, an admin everyone; narrowed to one team or one rep, and always to one process.
import { sql, type RawBuilder } from "kysely";
import type { Actor } from "../../auth/actor";
import { assertCan, permissionScope } from "../../auth/authorize";
import type { Period } from "../../domain/metrics/period";
import { AppError } from "../../errors";
import type { Sql } from "../db";

export type MetricsFilter = { teamId?: string; ownerId?: string; processKey?: string };

export type MetricsScope = {
  period: Period;
  /** null: every team (and deals of owners in no team). */
  teamIds: string[] | null;
  ownerId: string | null;
  process: { id: string; key: string; name: string; versionId: string };
  /** Every version of the process (deals follow the version they started on). */
  versionIds: string[];
};

const forbidden = (message: string) => new AppError("FORBIDDEN", message);
const invalid = (field: string, message: string) => new AppError("VALIDATION_FAILED", `${field}: ${message}`, { fields: [{ field, message }] });

export async function resolveMetricsScope(q: Sql, actor: Actor, period: Period, filter: MetricsFilter): Promise<MetricsScope> {
  assertCan(actor, "dashboard.view");
  const everyone = permissionScope(actor, "dashboard.view") === "all";
  let teamIds: string[] | null = everyone ? null : actor.teamIds;
  if (filter.teamId) {
    if (!everyone && !actor.teamIds.includes(filter.teamId)) throw forbidden("You may only see the dashboard of the teams you manage.");
    const team = await q.selectFrom("Team").select("id").where("id", "=", filter.teamId).executeTakeFirst();
    if (!team) throw invalid("teamId", "no team with this id");
    teamIds = [team.id];
  }
  if (filter.ownerId) {
    const owner = await q.selectFrom("User").select(["id", "teamId"]).where("id", "=", filter.ownerId).executeTakeFirst();
    if (!owner) throw invalid("ownerId", "no user with this id");
    if (!everyone && (owner.teamId === null || !actor.teamIds.includes(owner.teamId)))
      throw forbidden("You may only see the dashboard of the people in the teams you manage.");
    if (teamIds !== null && (owner.teamId === null || !teamIds.includes(owner.teamId)))
      throw invalid("ownerId", "not a member of the team asked for");
  }
  const processRow = await q
    .selectFrom("Process as p")
    .innerJoin("ProcessVersion as v", "v.processId", "p.id")
    .select(["p.id", "p.key", "p.name", "v.id as versionId"])
    .select(sql<string[]>`ARRAY(SELECT v2."id" FROM "ProcessVersion" v2 WHERE v2."processId" = p."id")`.as("versionIds"))
    .where(filter.processKey ? sql<boolean>`p."key" = ${filter.processKey}` : sql<boolean>`p."isDefault"`)
    .orderBy("v.version", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!processRow) {
    if (filter.processKey) throw invalid("processKey", "no process with this key");
    throw new AppError("NOT_FOUND", "No default process is published yet.");
  }
  const { versionIds, ...process } = processRow;
  return { period, teamIds, ownerId: filter.ownerId ?? null, process, versionIds };
}

/**
 * The scope as a condition on `o` (the opportunity).
 */
export function scopeSql(scope: MetricsScope): RawBuilder<boolean> {
  // The process as the list of its versions' ids, not a join with ProcessVersion: a table of a few
  // rows that autovacuum may never analyze, whose missing statistics made the planner expect a few
  // hundred deals where there were all of them (and pick a nested loop over every owner).
  const parts: RawBuilder<boolean>[] = [sql<boolean>`o."processVersionId" IN (${sql.join(scope.versionIds)})`];
  // A team as its members' deals: the deals are found by their owner (an index), not by reading every
  // deal and keeping those whose owner is in the team.
  if (scope.teamIds !== null)
    parts.push(
      scope.teamIds.length
        ? sql<boolean>`o."ownerId" IN (SELECT m."id" FROM "User" m WHERE m."teamId" IN (${sql.join(scope.teamIds)}))`
        : sql<boolean>`false`,
    );
  if (scope.ownerId !== null) parts.push(sql<boolean>`o."ownerId" = ${scope.ownerId}`);
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

/**
 * FROM the deals in scope, as `o`, with their owner `u` and current stage `s`,
 * and whatever `join` adds (a figure's own table of the deals behind it).
 */
export const scopedDeals = (scope: MetricsScope, join: RawBuilder<unknown> = sql``) => sql`"Opportunity" o
  JOIN "User" u ON u."id" = o."ownerId"
  JOIN "Stage" s ON s."processVersionId" = o."processVersionId" AND s."key" = o."stageKey"
  ${join}
  WHERE ${scopeSql(scope)}`;
