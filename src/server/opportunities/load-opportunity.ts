// The deal row: the opportunity and everything its exit criteria and its answer need, read in ONE
// statement, with the active deal desk rules. Every write reads its deal this way, and so do the
// lists and the board, so the row is declared here only (docs/performance.md: the same read through
// Prisma's include costs seven round trips).
import { sql, type Expression, type SqlBool } from "kysely";
import { jsonArrayFrom, jsonBuildObject } from "kysely/helpers/postgres";
import type { CalendarDate } from "../../domain/dates";
import { RuleCondition, type DealDeskRule } from "../../domain/deal-desk/rules";
import type { Actor } from "../../auth/actor";
import { visibilitySql, visibilityValues } from "../../auth/authorize";
import { compiledOnce } from "../compiled-once";
import { database, type Sql } from "../db";

/**
 * The statement, for deals matching `where` over `o` (the opportunity) and `u` (its owner). With
 * `webhooks`, also the active webhook endpoints, which a change of one deal sends its events to
 * (docs/webhooks.md): read here, the write path needs no statement of its own for them.
 */
export const opportunityQuery = (q: Sql, where: Expression<SqlBool>, options: { webhooks?: boolean } = {}) =>
  q
    .selectFrom("Opportunity as o")
    .innerJoin("User as u", "u.id", "o.ownerId")
    .selectAll("o")
    .select((eb) => [
      jsonBuildObject({ name: eb.ref("u.name"), teamId: eb.ref("u.teamId") }).as("owner"),
      jsonArrayFrom(
        eb
          .selectFrom("OpportunityContact as c")
          .select(["c.id", "c.name", "c.email", "c.title", "c.role"])
          .whereRef("c.opportunityId", "=", "o.id")
          .orderBy("c.createdAt")
          .orderBy("c.id"),
      ).as("contacts"),
      jsonArrayFrom(eb.selectFrom("CriterionAttestation as a").select(["a.stageKey", "a.criterionKey"]).whereRef("a.opportunityId", "=", "o.id")).as(
        "attestations",
      ),
      jsonArrayFrom(eb.selectFrom("File as f").select(["f.kind", "f.storedName"]).whereRef("f.opportunityId", "=", "o.id")).as("files"),
      jsonArrayFrom(
        eb
          .selectFrom("ClosePlanStep as s")
          // A `date` inside JSON is text: read as the calendar date it is.
          .select(["s.ownerUserId", "s.ownerName", sql<CalendarDate | null>`s."dueDate"::text`.as("dueDate")])
          .whereRef("s.opportunityId", "=", "o.id"),
      ).as("planSteps"),
      jsonArrayFrom(
        eb
          .selectFrom("ApprovalRequest as r")
          .select(["r.id", "r.status", "r.termsSnapshot", "r.requiredGroups", "r.requestedById"])
          .whereRef("r.opportunityId", "=", "o.id")
          .orderBy("r.createdAt", "desc")
          .limit(1),
      ).as("approvalRequests"),
      jsonArrayFrom(
        eb
          .selectFrom("DealDeskRule as d")
          .select(["d.key", "d.label", "d.version", "d.groups", "d.condition"])
          .where("d.active", "=", true)
          // Position, then key: the order loadDealDeskRules and the rules page use.
          .orderBy("d.position")
          .orderBy("d.key"),
      ).as("rules"),
    ])
    .$if(options.webhooks === true, (query) =>
      query.select((eb) =>
        jsonArrayFrom(
          eb
            .selectFrom("WebhookEndpoint as w")
            .select(["w.id", "w.url", sql<string[]>`w."events"::text[]`.as("events")])
            .where("w.active", "=", true)
            .orderBy("w.createdAt")
            .orderBy("w.id"),
        ).as("webhooks"),
      ),
    )
    .where(where);

type Raw = Awaited<ReturnType<ReturnType<typeof opportunityQuery>["executeTakeFirstOrThrow"]>>;

export type OpportunityRow = Omit<Raw, "rules" | "webhooks">;

/** An active webhook endpoint: where a change's events go. */
export type WebhookTarget = { id: string; url: string; events: string[] };

export type LoadedOpportunity = {
  row: OpportunityRow;
  rules: DealDeskRule[];
  /** The active webhook endpoints, read with the deal for a write (empty for lists). */
  webhooks: WebhookTarget[];
};

const toLoaded = ({ rules, webhooks, ...row }: Raw): LoadedOpportunity => ({
  row,
  rules: rules.map((r) => ({ key: r.key, label: r.label, version: r.version, groups: r.groups, condition: RuleCondition.parse(r.condition) })),
  webhooks: webhooks ?? [],
});

/** The statement (exported for the benchmark). */
export const visibleOpportunityStatement = compiledOnce(["id", "everything", "ownerId", "teamIds", "deskGroups", "deputyId"], (v) =>
  opportunityQuery(database().sql, sql<boolean>`o."id" = ${v.id} AND ${visibilitySql(v)}`, { webhooks: true }).limit(1),
);

/** The deal with this id if the actor may see it, or null: the first read of every write. */
export async function loadVisibleOpportunity(q: Sql, actor: Actor, id: string): Promise<LoadedOpportunity | null> {
  const [raw] = (await q.executeQuery(visibleOpportunityStatement({ id, ...visibilityValues(actor) }))).rows;
  return raw ? toLoaded(raw) : null;
}

/** The deal matching `where`, or null. */
export async function loadOpportunity(q: Sql, where: Expression<SqlBool>): Promise<LoadedOpportunity | null> {
  const raw = await opportunityQuery(q, where, { webhooks: true }).limit(1).executeTakeFirst();
  return raw ? toLoaded(raw) : null;
}

type Query = ReturnType<typeof opportunityQuery>;

/** Every deal matching `where`, in no particular order unless `shape` sorts and cuts the list. */
export async function loadOpportunities(
  q: Sql,
  where: Expression<SqlBool>,
  shape: (query: Query) => Query = (query) => query,
): Promise<LoadedOpportunity[]> {
  return (await shape(opportunityQuery(q, where)).execute()).map(toLoaded);
}
