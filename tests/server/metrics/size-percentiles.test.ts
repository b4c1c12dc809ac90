// The size mix's default thresholds (docs/rules/dashboard.md, "Balance"; decision 013): each team's 80th
// and 40th percentile deal size, found through the histogram of amounts the triggers keep, must be
// exactly what percentile_cont gives over the team's deals, through every kind of change to the deals
// and to the teams, and the histogram must never drift from the deals.
import { sql } from "kysely";
import { beforeAll, expect, test } from "vitest";
import type { Actor } from "@/src/auth/actor";
import { database, db } from "@/src/server/db";
import { dealSummariesDrift } from "@/src/server/metrics/deal-summaries";
import { getMetrics } from "@/src/server/metrics/get-metrics";
import { getActiveProcessVersion } from "@/src/server/process/get-process-version";
import { actorOf } from "../../support/board";
import { ensureDefaults } from "../../support/deals";
import { createTeam, createUser } from "../../support/fixtures";

let admin: Actor;
let owners: string[];
let versionId: string;

/** A small seeded generator: the same deals on every run, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}
const rand = random(20261223);
const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;

/** Amounts in cents over four orders of magnitude, with repeats, round numbers and zero. */
function amount(): bigint {
  const r = rand();
  if (r < 0.1) return BigInt(pick([0, 100, 1_000_000, 2_500_000, 5_000_000]));
  if (r < 0.2) return BigInt(Math.round(Math.exp(Math.floor(rand() * 200) / 16)));
  return BigInt(Math.floor(10 ** (3 + rand() * 5)));
}

beforeAll(async () => {
  await ensureDefaults();
  versionId = (await getActiveProcessVersion(database().sql)).id;
  admin = await actorOf(await createUser({ role: "admin" }));
  const [a, b, c] = [await createTeam(), await createTeam(), await createTeam()];
  owners = [];
  for (const [team, n] of [
    [a, 4],
    [b, 3],
    [c, 1],
  ] as const)
    for (let i = 0; i < n; i++) owners.push((await createUser({ role: "rep", teamId: team.id })).id);
  owners.push((await createUser({ role: "rep", teamId: null })).id); // no team
  // Team c's one rep owns a single deal: its percentiles are that deal's amount.
  const rows = Array.from({ length: 900 }, (_, i) => ({
    owner: i === 0 ? owners[7]! : pick(owners.filter((o) => o !== owners[7])),
    amount: amount(),
    status: rand() < 0.1 ? "disqualified" : pick(["open", "open", "won", "lost"]),
    currency: rand() < 0.1 ? "EUR" : "USD",
  }));
  await insertDeals(rows);
});

async function insertDeals(rows: { owner: string; amount: bigint; status: string; currency: string }[]) {
  const now = new Date();
  await database()
    .sql.insertInto("Opportunity")
    .values(
      rows.map((r, i) => ({
        id: `size-${crypto.randomUUID()}`,
        name: `Size ${i}`,
        accountName: "Size Inc",
        amountCents: r.amount,
        currency: r.currency,
        closeDate: now,
        originalCloseDate: now,
        ownerId: r.owner,
        processVersionId: versionId,
        stageKey: r.status === "won" ? "closed_won" : r.status === "lost" ? "closed_lost" : "qualify",
        stageEnteredAt: now,
        status: r.status as "open",
        closedAt: r.status === "won" || r.status === "lost" ? now : null,
        updatedAt: now,
      })),
    )
    .execute();
}

/** Each team's percentiles as percentile_cont gives them over the deals themselves, in the figure's units. */
async function expected() {
  const { rows } = await sql<{ teamId: string | null; p80: number; p40: number }>`
    SELECT u."teamId", percentile_cont(0.8) WITHIN GROUP (ORDER BY o."amountCents") AS p80,
      percentile_cont(0.4) WITHIN GROUP (ORDER BY o."amountCents") AS p40
    FROM "Opportunity" o JOIN "User" u ON u."id" = o."ownerId"
    WHERE o."status" <> 'disqualified' AND o."currency" = 'USD' AND o."processVersionId" = ${versionId}
    GROUP BY 1`.execute(database().sql);
  return new Map(rows.map((r) => [r.teamId, { rockFrom: Math.round(Number(r.p80)) / 100, stoneFrom: Math.round(Number(r.p40)) / 100 }]));
}

async function expectExactPercentiles() {
  const m = await getMetrics(admin, { from: "2026-10-01", to: "2026-12-31" }, new Date("2026-11-15T12:00:00Z"));
  const want = await expected();
  const got = new Map(m.sizeMix.thresholds.map((t) => [t.teamId, { rockFrom: t.rockFrom, stoneFrom: t.stoneFrom }]));
  expect(got).toEqual(want);
  expect(await dealSummariesDrift(database().sql)).toEqual([]);
}

test("through the histogram, each team's percentiles are percentile_cont's, to the cent", async () => {
  await expectExactPercentiles();
});

test("they stay exact through amount changes, disqualifications and re-opens, new owners, deletions and team moves", async () => {
  const q = database().sql;
  const ids = async (n: number, where = sql`true`) =>
    (await sql<{ id: string }>`SELECT "id" FROM "Opportunity" WHERE "id" LIKE 'size-%' AND ${where} ORDER BY "id" LIMIT ${n}`.execute(q)).rows.map(
      (r) => r.id,
    );

  for (const id of await ids(120)) await db().opportunity.update({ where: { id }, data: { amountCents: amount() } });
  await expectExactPercentiles();

  await sql`UPDATE "Opportunity" SET "status" = 'disqualified' WHERE "id" IN (${sql.join(await ids(60, sql`"status" = 'open'`))})`.execute(q);
  await sql`UPDATE "Opportunity" SET "status" = 'open' WHERE "id" IN (${sql.join(await ids(25, sql`"status" = 'disqualified'`))})`.execute(q);
  await expectExactPercentiles();

  for (const id of await ids(40, sql`"ownerId" <> ${owners[7]!}`))
    await db().opportunity.update({ where: { id }, data: { ownerId: pick(owners.slice(0, 7)) } });
  await sql`UPDATE "Opportunity" SET "currency" = 'EUR' WHERE "id" IN (${sql.join(await ids(15, sql`"currency" = 'USD' AND "ownerId" <> ${owners[7]!}`))})`.execute(
    q,
  );
  await expectExactPercentiles();

  await sql`DELETE FROM "Opportunity" WHERE "id" IN (${sql.join(await ids(30, sql`"ownerId" <> ${owners[7]!}`))})`.execute(q);
  await expectExactPercentiles();

  // A rep moves to another team, with their deals: the histogram is kept per owner, the teams are read now.
  const teamOfFirst = (await db().user.findUniqueOrThrow({ where: { id: owners[4]! } })).teamId;
  await db().user.update({ where: { id: owners[0]! }, data: { teamId: teamOfFirst } });
  await expectExactPercentiles();

  // A batch in one statement (an import's way), some of them at equal amounts.
  await insertDeals(
    Array.from({ length: 200 }, () => ({ owner: pick(owners), amount: rand() < 0.5 ? 4_200_000n : amount(), status: "open", currency: "USD" })),
  );
  await expectExactPercentiles();
});
