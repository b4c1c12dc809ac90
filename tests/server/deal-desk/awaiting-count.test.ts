// The navigation's "waiting on you" count runs on every signed-in page
// (docs/rules/deal-desk.md#filters-sort-and-counts): it must cost what is pending, not what the desk
// has decided over the years, and nothing at all for those nothing can wait on.
import { sql } from "kysely";
import { beforeAll, describe, expect, test } from "vitest";
import { awaitingMeSql, countAwaitingMe } from "@/src/server/deal-desk/queue";
import { database, db, type Sql } from "@/src/server/db";
import { actorOf, insertDeal } from "../../support/board";
import { ensureDefaults } from "../../support/deals";
import { createOrg, createUser } from "../../support/fixtures";

const HISTORY = 20_000;
const PENDING = 12;

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  const deals: string[] = [];
  for (let i = 0; i < 40; i++)
    deals.push(
      await insertDeal(i % 2 ? org.rep.id : org.outsider.id, { name: `Deal ${i}`, amount: 1000, closeDate: "2027-03-31", stage: "negotiate" }),
    );
  const q = database().sql;
  // Years of decided requests, each with both groups' approvals, and a few pending ones (one per deal).
  await sql`INSERT INTO "ApprovalRequest" ("id", "opportunityId", "requestedById", "justification", "status", "requiredGroups", "termsSnapshot", "createdAt", "decidedAt")
    SELECT 'old' || g, (${deals}::text[])[1 + g % 40], ${org.rep.id}, 'Old', 'approved', CAST('{sales_manager,finance}' AS "ApproverGroup"[]), '{}'::jsonb,
      TIMESTAMP '2026-01-01' + g * INTERVAL '1 minute', TIMESTAMP '2026-01-01' + g * INTERVAL '1 minute'
    FROM generate_series(1, ${HISTORY}::int) g`.execute(q);
  await sql`INSERT INTO "ApprovalDecision" ("id", "requestId", "group", "deciderId", "decision", "comment", "decidedAt")
    SELECT 'old' || g || grp, 'old' || g, CAST(grp AS "ApproverGroup"), ${org.finance.id}, 'approve', '', TIMESTAMP '2026-01-01'
    FROM generate_series(1, ${HISTORY}::int) g, unnest(ARRAY['sales_manager', 'finance']) grp`.execute(q);
  await sql`INSERT INTO "ApprovalRequest" ("id", "opportunityId", "requestedById", "justification", "status", "requiredGroups", "termsSnapshot", "createdAt")
    SELECT 'new' || g, (${deals}::text[])[g], ${org.rep.id}, 'New', 'pending', CAST('{sales_manager,finance}' AS "ApproverGroup"[]), '{}'::jsonb, TIMESTAMP '2026-12-01'
    FROM generate_series(1, ${PENDING}::int) g`.execute(q);
  await sql`ANALYZE "ApprovalRequest"`.execute(q);
  await sql`ANALYZE "ApprovalDecision"`.execute(q);
});

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

async function planOf(statement: NonNullable<ReturnType<typeof awaitingMeSql>>): Promise<PlanNode[]> {
  const { rows } = await sql<{ "QUERY PLAN": unknown }>`EXPLAIN (FORMAT JSON) ${statement}`.execute(database().sql);
  const raw = rows[0]!["QUERY PLAN"];
  const [top] = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  return nodesOf(top!.Plan);
}

describe("the count reads what is pending through indexes", () => {
  test.each(["finance", "manager"] as const)("for a %s: no scan of every request or decision", async (who) => {
    const actor = await actorOf(org[who]);
    // Pending on the rep's deals (odd ones): the manager's team; every one for finance.
    expect(await countAwaitingMe(actor)).toBe(who === "finance" ? PENDING : PENDING / 2);
    const nodes = await planOf(awaitingMeSql(actor)!);
    const scanned = (table: string) => nodes.filter((n) => n["Relation Name"] === table);
    expect(scanned("ApprovalRequest").length).toBeGreaterThan(0);
    for (const table of ["ApprovalRequest", "ApprovalDecision"])
      for (const node of scanned(table)) expect(node["Node Type"], `${table} read by ${node["Node Type"]}`).not.toBe("Seq Scan");
  });
});

describe("nothing is asked of the database for those nothing waits on", () => {
  // A connection that fails the test if anything is sent through it.
  const untouchable = new Proxy({} as Sql, {
    get: (_, name) => {
      throw new Error(`the count used the database (${String(name)})`);
    },
  });

  test.each(["rep", "admin"] as const)("a %s", async (who) => {
    const actor = await actorOf(org[who]);
    expect(awaitingMeSql(actor)).toBeNull();
    expect(await countAwaitingMe(actor, { q: untouchable })).toBe(0);
  });

  test("a deal desk user in no group", async () => {
    const user = await createUser({ role: "deal_desk" });
    await db().user.update({ where: { id: user.id }, data: { groups: [] } });
    const actor = await actorOf(user);
    expect(await countAwaitingMe(actor, { q: untouchable })).toBe(0);
  });

  test("a desk member in a group is counted", async () => {
    expect(await countAwaitingMe(await actorOf(org.finance), { q: database().sql })).toBe(PENDING);
  });
});
