// Proves the test setup itself (tests/setup/database.ts): each file gets a migrated, empty database
// of the project's kind, and concurrent writers on it behave as the use cases rely on (docs/rules/api-conventions.md, "Versions").
import { expect, test } from "vitest";
import { database, db } from "@/src/server/db";
import { readMigrations } from "@/src/server/migrate";

test("the database has every checked-in migration applied", async () => {
  const rows = await database().raw.query<{ migration_name: string }>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const expected = readMigrations().map((m) => m.name);
  expect(expected.length).toBeGreaterThan(0);
  expect(rows.map((r) => r.migration_name).sort()).toEqual(expected);
});

test("the database starts empty, and sees no other file's rows", async () => {
  expect(await db().user.count()).toBe(0);
  // database-isolation.test.ts creates this team in its own database, possibly at the same moment.
  expect(await db().team.count({ where: { name: "isolation" } })).toBe(0);
});

test("of 20 concurrent conditional updates of one row, exactly one wins and none fails", async () => {
  const team = await db().team.create({ data: { name: "original" } });
  // Each transaction reads, then writes only if the row still holds what the caller saw ("original",
  // as a client sends the version it read): the optimistic pattern of the use cases. PGlite has one
  // connection and queues the transactions; the server blocks later writers on the row lock and
  // re-checks their WHERE once the winner commits.
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) =>
      db().$transaction(async (tx) => {
        await tx.team.findUniqueOrThrow({ where: { id: team.id } });
        const { count } = await tx.team.updateMany({
          where: { id: team.id, name: "original" },
          data: { name: `winner-${i}` },
        });
        return count;
      }),
    ),
  );

  expect(results.filter((r) => r.status === "rejected")).toEqual([]);
  const counts = results.map((r) => (r.status === "fulfilled" ? r.value : -1));
  expect(counts.filter((c) => c === 1)).toHaveLength(1);
  expect(counts.filter((c) => c === 0)).toHaveLength(19);
  const winner = counts.indexOf(1);
  expect(await db().team.findUniqueOrThrow({ where: { id: team.id } })).toMatchObject({ name: `winner-${winner}` });
});
