// The write transactions (Database.transaction) and typed SQL (Database.sql, Kysely on the driver)
// that every deal write runs on: commit and rollback, no interleaving with Prisma's reads and writes on
// PGlite's one connection, optimistic concurrency, and rows typed exactly as Prisma's.
import crypto from "node:crypto";
import { beforeAll, expect, test } from "vitest";
import { findActorByToken } from "@/src/auth/api-tokens";
import type { AppError } from "@/src/errors";
import { sql } from "kysely";
import { Prisma } from "@/src/generated/prisma/client";
import { compiledOnce } from "@/src/server/compiled-once";
import { database, db, type Sql } from "@/src/server/db";
import { moveOpportunity } from "@/src/server/opportunities/move-opportunity";
import { updateVersioned } from "@/src/server/opportunities/write-versioned";
import { recordHistory } from "@/src/server/history/record-history";
import { createOrg } from "../support/fixtures";
import { createDeal, ensureDefaults, satisfyStages } from "../support/deals";

// On a server the process's zone stays as set: rows must not depend on it (PGlite pins UTC itself).
process.env.TZ = "Asia/Tokyo";

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const insertTeam = (q: Sql, name: string) => q.insertInto("Team").values({ id: crypto.randomUUID(), name, updatedAt: new Date() }).execute();
const teamNames = async (prefix: string) =>
  (await db().team.findMany({ where: { name: { startsWith: prefix } }, orderBy: { name: "asc" } })).map((t) => t.name);
const deferred = () => {
  let resolve!: () => void;
  return { promise: new Promise<void>((r) => (resolve = r)), resolve };
};

// First in the file on purpose: the move has not read this process version yet, so it reads it in its
// own transaction (Prisma could not: on PGlite it would wait for that very transaction).
test("the first move on a process version reads the version in its transaction and moves", async () => {
  const deal = await createDeal(org.rep.token);
  await satisfyStages(deal.id, ["identify"], org.rep.id);
  const actor = (await findActorByToken(database().sql, org.rep.token))!;
  const moved = await moveOpportunity(actor, deal.id, { toStage: "qualify", version: 1 });
  expect([moved.stage, moved.version]).toEqual(["qualify", 2]);
  expect(await db().historyEntry.count({ where: { opportunityId: deal.id, type: "stage_changed" } })).toBe(1);
});

test("a transaction commits when its function resolves and rolls everything back when it throws", async () => {
  const deal = await createDeal(org.rep.token);
  await database().transaction(async (tx) => {
    await updateVersioned(tx, deal.id, 1, { nextStep: "Committed" });
    await recordHistory(tx, { opportunityId: deal.id, type: "field_changed", actorId: org.rep.id });
  });
  const failed = database().transaction(async (tx) => {
    await updateVersioned(tx, deal.id, 2, { nextStep: "Rolled back" });
    await recordHistory(tx, { opportunityId: deal.id, type: "field_changed", actorId: org.rep.id });
    throw new Error("rule refused");
  });
  await expect(failed).rejects.toThrow("rule refused");
  const row = await db().opportunity.findUniqueOrThrow({ where: { id: deal.id } });
  expect([row.version, row.nextStep]).toEqual([2, "Committed"]);
  expect(await db().historyEntry.count({ where: { opportunityId: deal.id, type: "field_changed" } })).toBe(1);
});

test("a statement that failed inside a transaction fails its COMMIT too, even when the error was caught", async () => {
  const attempt = database().transaction(async (tx) => {
    await insertTeam(tx, "aborted-1");
    await sql`SELECT 1 / 0`.execute(tx).catch(() => undefined);
  });
  await expect(attempt).rejects.toThrow();
  expect(await teamNames("aborted-")).toEqual([]);
});

test("a write transaction waiting for Prisma's keeps out of it: Prisma's rollback undoes only Prisma's write", async () => {
  const events: string[] = [];
  const prismaStarted = deferred();
  const prismaTx = db().$transaction(async (tx) => {
    events.push("prisma:start");
    await tx.team.create({ data: { name: "order1-prisma" } });
    prismaStarted.resolve();
    await sleep(150);
    events.push("prisma:end");
    throw new Error("prisma rolls back");
  });
  await prismaStarted.promise;
  const driverTx = database().transaction(async (tx) => {
    events.push("driver:start");
    await insertTeam(tx, "order1-driver");
  });
  await expect(prismaTx).rejects.toThrow("prisma rolls back");
  await driverTx;
  expect(await teamNames("order1-")).toEqual(["order1-driver"]);
  // PGlite has one connection: the driver's transaction began only once Prisma's had ended.
  if (database().config.kind === "pglite") expect(events).toEqual(["prisma:start", "prisma:end", "driver:start"]);
});

test("Prisma's writes during a write transaction stay out of it: the driver's rollback undoes only its own", async () => {
  const driverOpen = deferred();
  const driverTx = database().transaction(async (tx) => {
    await insertTeam(tx, "order2-driver");
    driverOpen.resolve();
    await sleep(150);
    throw new Error("driver rolls back");
  });
  await driverOpen.promise;
  const prismaWrites = Promise.all([
    db().team.create({ data: { name: "order2-prisma-plain" } }),
    db().$transaction((tx) => tx.team.create({ data: { name: "order2-prisma-tx" } })),
  ]);
  await expect(driverTx).rejects.toThrow("driver rolls back");
  await prismaWrites;
  expect(await teamNames("order2-")).toEqual(["order2-prisma-plain", "order2-prisma-tx"]);
});

test("of 20 simultaneous versioned writes in write transactions, exactly one wins and the rest are told the new version", async () => {
  const deal = await createDeal(org.rep.token);
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) =>
      database().transaction(async (tx) => {
        await updateVersioned(tx, deal.id, 1, { nextStep: `Writer ${i}` });
        await recordHistory(tx, { opportunityId: deal.id, type: "field_changed", actorId: org.rep.id, details: { i } });
        return i;
      }),
    ),
  );
  const winners = results.filter((r) => r.status === "fulfilled");
  const losers = results.flatMap((r) => (r.status === "rejected" ? [r.reason as AppError] : []));
  expect(winners).toHaveLength(1);
  expect(losers.map((e) => [e.code, e.details])).toEqual(Array(19).fill(["VERSION_CONFLICT", { currentVersion: 2 }]));
  const row = await db().opportunity.findUniqueOrThrow({ where: { id: deal.id } });
  expect([row.version, row.nextStep]).toEqual([2, `Writer ${(winners[0] as PromiseFulfilledResult<number>).value}`]);
  expect(await db().historyEntry.count({ where: { opportunityId: deal.id, type: "field_changed" } })).toBe(1);
});

test("of 20 simultaneous moves of one deal, one moves it and 19 are version conflicts", async () => {
  const deal = await createDeal(org.rep.token);
  await satisfyStages(deal.id, ["identify"], org.rep.id);
  const actor = (await findActorByToken(database().sql, org.rep.token))!;
  const results = await Promise.allSettled(Array.from({ length: 20 }, () => moveOpportunity(actor, deal.id, { toStage: "qualify", version: 1 })));
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  const codes = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as AppError).code] : []));
  expect(codes).toEqual(Array(19).fill("VERSION_CONFLICT"));
  expect(await db().historyEntry.count({ where: { opportunityId: deal.id, type: "stage_changed" } })).toBe(1);
});

test("rows read with typed SQL are typed exactly as Prisma's $queryRaw types them", async () => {
  const at = new Date("2026-03-04T05:06:07.089Z");
  const rest = `DATE '2026-03-04' AS "day", '{"a": [1, "x"]}'::jsonb AS "json", ARRAY['a', 'b']::text[] AS "list", 42 AS "int",
    1.5::float8 AS "float", TRUE AS "flag", NULL::text AS "nothing", 'open'::"OpportunityStatus" AS "status"`;
  const viaKysely = await sql`SELECT 9007199254740993::int8 AS "big", ${at}::timestamp(3) AS "at", ${sql.raw(rest)}`.execute(database().sql);
  const viaPrisma = await db().$queryRaw(Prisma.sql`SELECT 9007199254740993::int8 AS "big", ${at}::timestamp(3) AS "at", ${Prisma.raw(rest)}`);
  expect(viaKysely.rows).toEqual(viaPrisma);

  const deal = await createDeal(org.rep.token);
  const [row] = await db().$queryRaw<{ amountCents: bigint; createdAt: Date; closeDate: Date }[]>(
    Prisma.sql`SELECT "amountCents", "createdAt", "closeDate" FROM "Opportunity" WHERE "id" = ${deal.id}`,
  );
  const typed = await database()
    .sql.selectFrom("Opportunity")
    .select(["amountCents", "createdAt", "closeDate"])
    .where("id", "=", deal.id)
    .executeTakeFirstOrThrow();
  expect(typed).toEqual(row);
  expect(typeof typed.amountCents).toBe("bigint");
});

test("values written with typed SQL read back through Prisma unchanged, whatever the process's zone", async () => {
  const at = new Date("2026-07-08T23:30:00.250Z");
  const id = crypto.randomUUID();
  await database().sql.insertInto("Team").values({ id, name: "typed", targetCents: 12345678901234n, createdAt: at, updatedAt: at }).execute();
  expect(await db().team.findUniqueOrThrow({ where: { id } })).toMatchObject({ targetCents: 12345678901234n, createdAt: at, updatedAt: at });
});

test("a statement compiled once answers for each call's values exactly as the one built for them", async () => {
  const deals = [await createDeal(org.rep.token), await createDeal(org.teammate.token)];
  const byName = compiledOnce(["id", "owner"], (v) =>
    database().sql.selectFrom("Opportunity").select(["id", "ownerId", "amountCents"]).where("id", "=", v.id).where("ownerId", "=", v.owner),
  );
  for (const deal of deals) {
    const owner = deal.ownerId as string;
    const built = await database()
      .sql.selectFrom("Opportunity")
      .select(["id", "ownerId", "amountCents"])
      .where("id", "=", deal.id)
      .where("ownerId", "=", owner)
      .execute();
    expect((await database().sql.executeQuery(byName({ id: deal.id, owner }))).rows).toEqual(built);
    expect(built).toHaveLength(1);
  }
  // Another deal's owner: no row, as the built statement would answer.
  expect((await database().sql.executeQuery(byName({ id: deals[0]!.id, owner: deals[1]!.ownerId }))).rows).toEqual([]);
  expect(() => byName({ id: "x" } as never)).toThrow("No value for owner");
});

// A connection checked out of the pool has no listener of the pool's: a server that ends it
// mid-transaction used to throw an unhandled 'error' event, which ends the process.
test.runIf(process.env.DATABASE_URL?.startsWith("postgres"))(
  "a connection the server ends mid-transaction fails that transaction, not the process",
  async () => {
    const inside = deferred();
    let pid = 0;
    const attempt = database().transaction(async (tx) => {
      pid = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(tx)).rows[0]!.pid;
      inside.resolve();
      await sleep(300);
      await sql`SELECT 1`.execute(tx);
    });
    await inside.promise;
    await sql`SELECT pg_terminate_backend(${pid})`.execute(database().sql);
    await expect(attempt).rejects.toThrow();
    await sleep(100); // an 'error' event without a listener would surface as an unhandled error here
    expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(database().sql)).rows).toEqual([{ one: 1 }]);
  },
);
