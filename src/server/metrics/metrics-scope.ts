// Whose deals the dashboard counts (docs/rules/dashboard.md, "Scope"): a manager the teams they
// manage, an admin everyone; narrowed to one team or one rep, and always to one process.
import { sql, type RawBuilder } from "kysely";
import type { Actor } from "../../auth/actor";
import { assertCan, permissionScope } from "../../auth/authorize";
import type { Period } from "../../domain/metrics/period";
import { AppError } from "../../errors";
import type { Sql } from "../db";

export type MetricsFilter = { teamId?: string; ownerId?: string; processKey?: string };

/** An open stage of the scope's process (its current version), as the figures by stage list them. */
export type OpenStage = { key: string; name: string; order: number; probability: number; forecastCategory: string };

export type MetricsScope = {
  period: Period;
  /** null: every team (and deals of owners in no team). */
  teamIds: string[] | null;
  ownerId: string | null;
  process: { id: string; key: string; name: string; versionId: string };
  /** Every version of the process (deals follow the version they started on). */
  versionIds: string[];
  /** The open stages of the current version, in order: read with the scope, once per request (read when absent). */
  stages?: OpenStage[];
  /** Every stage of every version of the process, as the deals join them (read with the scope; the table when absent). */
  versionStages?: VersionStage[];
};

/** A stage of one of the process's versions: what a figure reads of a deal's stage. */
export type VersionStage = {
  processVersionId: string;
  key: string;
  name: string;
  kind: string;
  order: number;
  probability: number;
  forecastCategory: string;
  stallDays: number | null;
};

const forbidden = (message: string) => new AppError("FORBIDDEN", message);
const invalid = (field: string, message: string) => new AppError("VALIDATION_FAILED", `${field}: ${message}`, { fields: [{ field, message }] });

/**
 * The scope of a request, checked, with what every figure needs from it, in one statement: whether
 * the team asked for exists, the rep asked for and their team, the process with its versions and its
 * current version's open stages, and (`withMainCurrency`) the currency most deals in scope use. Each
 * statement before the figures is a round trip on the request's critical path, so the checks are read
 * together and refused afterwards, in the order they were always made.
 */
export async function resolveMetricsScope(
  q: Sql,
  actor: Actor,
  period: Period,
  filter: MetricsFilter,
  options: { withMainCurrency?: boolean } = {},
): Promise<MetricsScope & { mainCurrency: string | null }> {
  assertCan(actor, "dashboard.view");
  const everyone = permissionScope(actor, "dashboard.view") === "all";
  if (filter.teamId && !everyone && !actor.teamIds.includes(filter.teamId))
    throw forbidden("You may only see the dashboard of the teams you manage.");
  // The teams the figures would cover if every check passes: the main currency is counted over them in
  // the same statement, and thrown away with the rest when a check fails.
  const teamIds: string[] | null = filter.teamId ? [filter.teamId] : everyone ? null : actor.teamIds;
  const row = (
    await sql<ScopeRow>`SELECT
      ${filter.teamId ? sql`(SELECT t."id" FROM "Team" t WHERE t."id" = ${filter.teamId})` : sql`NULL::text`} AS "teamId",
      ${filter.ownerId ? sql`(SELECT json_build_object('id', u."id", 'teamId', u."teamId") FROM "User" u WHERE u."id" = ${filter.ownerId})` : sql`NULL::json`} AS "owner",
      pv."id", pv."key", pv."name", pv."versionId",
      ARRAY(SELECT v2."id" FROM "ProcessVersion" v2 WHERE v2."processId" = pv."id") AS "versionIds",
      (SELECT json_agg(json_build_object('key', s."key", 'name', s."name", 'order', s."order", 'probability', s."probability",
          'forecastCategory', s."forecastCategory") ORDER BY s."order")
        FROM "Stage" s WHERE s."processVersionId" = pv."versionId" AND s."kind" = 'open') AS "stages",
      (SELECT json_agg(json_build_object('processVersionId', s."processVersionId", 'key', s."key", 'name', s."name", 'kind', s."kind",
          'order', s."order", 'probability', s."probability", 'forecastCategory', s."forecastCategory", 'stallDays', s."stallDays")
          ORDER BY s."processVersionId", s."order")
        FROM "Stage" s WHERE s."processVersionId" IN (SELECT v4."id" FROM "ProcessVersion" v4 WHERE v4."processId" = pv."id")) AS "versionStages",
      ${
        options.withMainCurrency
          ? // Counted from the deals' summary (deal-summaries.ts): a few rows per owner, not every deal.
            sql`(SELECT o."currency" FROM "DealCurrencyCount" o
          WHERE ${scopeCondition(sql<boolean>`o."processVersionId" IN (SELECT v3."id" FROM "ProcessVersion" v3 WHERE v3."processId" = pv."id")`, teamIds, filter.ownerId ?? null)}
          GROUP BY o."currency" ORDER BY sum(o."deals") DESC, o."currency" LIMIT 1)`
          : sql`NULL::text`
      } AS "mainCurrency"
    FROM (SELECT 1) one
    LEFT JOIN LATERAL (
      SELECT p."id", p."key", p."name", v."id" AS "versionId" FROM "Process" p JOIN "ProcessVersion" v ON v."processId" = p."id"
      WHERE ${filter.processKey ? sql<boolean>`p."key" = ${filter.processKey}` : sql<boolean>`p."isDefault"`}
      ORDER BY v."version" DESC LIMIT 1
    ) pv ON true`.execute(q)
  ).rows[0]!;
  if (filter.teamId && row.teamId === null) throw invalid("teamId", "no team with this id");
  if (filter.ownerId) {
    const owner = row.owner;
    if (!owner) throw invalid("ownerId", "no user with this id");
    if (!everyone && (owner.teamId === null || !actor.teamIds.includes(owner.teamId)))
      throw forbidden("You may only see the dashboard of the people in the teams you manage.");
    if (teamIds !== null && (owner.teamId === null || !teamIds.includes(owner.teamId)))
      throw invalid("ownerId", "not a member of the team asked for");
  }
  if (row.id === null) {
    if (filter.processKey) throw invalid("processKey", "no process with this key");
    throw new AppError("NOT_FOUND", "No default process is published yet.");
  }
  const scope: MetricsScope = {
    period,
    teamIds,
    ownerId: filter.ownerId ?? null,
    process: { id: row.id, key: row.key!, name: row.name!, versionId: row.versionId! },
    versionIds: row.versionIds ?? [],
    stages: row.stages ?? [],
    versionStages: row.versionStages ?? [],
  };
  // The currency most deals in scope use; USD for an empty scope (null: not asked for).
  return { ...scope, mainCurrency: options.withMainCurrency ? (row.mainCurrency ?? "USD") : null };
}

type ScopeRow = {
  teamId: string | null;
  owner: { id: string; teamId: string | null } | null;
  id: string | null;
  key: string | null;
  name: string | null;
  versionId: string | null;
  versionIds: string[] | null;
  stages: OpenStage[] | null;
  versionStages: VersionStage[] | null;
  mainCurrency: string | null;
};

/**
 * The scope as a condition on `o` (the opportunity).
 */
export function scopeSql(scope: MetricsScope): RawBuilder<boolean> {
  // = ANY (an array), not IN (a list): PostgreSQL reads `IN (one id)` as `= id` and then applies that
  // to the stages' table too, whose rows it cannot count (stagesOf).
  return scopeCondition(sql<boolean>`o."processVersionId" = ANY (CAST(${scope.versionIds} AS text[]))`, scope.teamIds, scope.ownerId);
}

/** The scope as a condition on `o`: the process's versions (a condition), the teams, the rep. */
function scopeCondition(inVersions: RawBuilder<boolean>, teamIds: string[] | null, ownerId: string | null): RawBuilder<boolean> {
  // The process as the list of its versions' ids, not a join with ProcessVersion: a table of a few
  // rows that autovacuum may never analyze, whose missing statistics made the planner expect a few
  // hundred deals where there were all of them (and pick a nested loop over every owner).
  const parts: RawBuilder<boolean>[] = [inVersions];
  // A team as its members' deals: the deals are found by their owner (an index), not by reading every
  // deal and keeping those whose owner is in the team.
  if (teamIds !== null)
    parts.push(
      teamIds.length ? sql<boolean>`o."ownerId" IN (SELECT m."id" FROM "User" m WHERE m."teamId" IN (${sql.join(teamIds)}))` : sql<boolean>`false`,
    );
  if (ownerId !== null) parts.push(sql<boolean>`o."ownerId" = ${ownerId}`);
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

/**
 * FROM the deals in scope, as `o`, with their owner `u` and current stage `s`,
 * and whatever `join` adds (a figure's own table of the deals behind it).
 */
export const scopedDeals = (scope: MetricsScope, join: RawBuilder<unknown> = sql``) => sql`"Opportunity" o
  JOIN "User" u ON u."id" = o."ownerId"
  JOIN ${stagesOf(scope)} ON s."processVersionId" = o."processVersionId" AND s."key" = o."stageKey"
  ${join}
  WHERE ${scopeSql(scope)}`;

/**
 * The stages of the scope's process as a table `s`: the rows read with the scope, as a VALUES list,
 * else the Stage table. A VALUES list tells the planner how many stages there are. The Stage table,
 * a few rows per version, is never analyzed (autovacuum waits for 50 changed rows; PGlite has none),
 * and without statistics the planner expected one stage and read the deals once per stage, each time
 * through an index (44,000 block reads where one pass reads 8,000, at 100,000 deals).
 */
export function stagesOf(scope: MetricsScope, alias = "s"): RawBuilder<unknown> {
  if (!scope.versionStages?.length) return sql`"Stage" ${sql.id(alias)}`;
  const rows = scope.versionStages.map(
    (st) =>
      sql`(${st.processVersionId}, ${st.key}, ${st.name}, ${st.kind}, CAST(${st.order} AS integer), CAST(${st.probability} AS integer), ${st.forecastCategory}, CAST(${st.stallDays} AS integer))`,
  );
  return sql`(VALUES ${sql.join(rows)}) AS ${sql.id(alias)}("processVersionId", "key", "name", "kind", "order", "probability", "forecastCategory", "stallDays")`;
}
