// Rules with the same position are read in one order everywhere a deal is evaluated: by position,
// then key (docs/rules/deal-desk.md#changing-the-rules). Without the key, PostgreSQL may return equal
// positions in any order, and a request's fired rules, a deal's reasons and the rules page would
// shuffle between reads.
import { sql } from "kysely";
import { beforeAll, expect, test } from "vitest";
import * as oneDeal from "@/app/api/v1/opportunities/[id]/route";
import { database } from "@/src/server/db";
import { loadDealDeskRules } from "@/src/server/deal-desk/load-rules";
import { newId } from "@/src/server/ids";
import { loadOpportunities } from "@/src/server/opportunities/load-opportunity";
import { createDeal, ensureDefaults } from "../../support/deals";
import { createOrg } from "../../support/fixtures";
import { call } from "../../support/http";

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  // Written in the reverse of key order, at one position, after the defaults: the heap's order is
  // the insertion order, so a read without the tiebreak answers zz before aa.
  const now = new Date();
  for (const key of ["zz_tied", "mm_tied", "aa_tied"])
    await database()
      .sql.insertInto("DealDeskRule")
      .values({
        id: newId(),
        key,
        label: `Tied ${key}`,
        condition: JSON.stringify({ term: "discount_percent", op: "gt", value: 50 }),
        groups: sql`CAST('{finance}' AS "ApproverGroup"[])`,
        position: 40,
        version: 1,
        updatedAt: now,
      })
      .execute();
});

const tied = (keys: string[]) => keys.filter((k) => k.endsWith("_tied"));

test("the rules as the desk loads them: equal positions by key", async () => {
  expect(tied((await loadDealDeskRules(database().sql)).map((r) => r.key))).toEqual(["aa_tied", "mm_tied", "zz_tied"]);
});

test("the rules loaded with a deal, and the reasons its approval answers: equal positions by key", async () => {
  const deal = await createDeal(org.rep.token, { discountPercent: 60 });
  const [loaded] = await loadOpportunities(database().sql, sql<boolean>`o."id" = ${deal.id}`);
  expect(tied(loaded!.rules.map((r) => r.key))).toEqual(["aa_tied", "mm_tied", "zz_tied"]);
  const res = await call(oneDeal.GET, { token: org.rep.token, params: { id: deal.id } });
  expect(res.body.approval.reasons.map((r: { key: string }) => r.key)).toEqual([
    "discount_over_15",
    "discount_over_30",
    "aa_tied",
    "mm_tied",
    "zz_tied",
  ]);
});
