import crypto from "node:crypto";
import { expect, inject, test } from "vitest";
import { type Database, database, openDatabase } from "@/src/server/db";
import { migrate, readMigrations } from "@/src/server/migrate";
import { admin, databaseUrl } from "@/tests/setup/postgres-global";

test("migrating an up-to-date database applies nothing", async () => {
  expect(await migrate(database())).toEqual([]);
});

test("a migration edited after it was applied is refused, not re-run", async () => {
  const [first, ...rest] = readMigrations();
  const edited = { ...first!, sql: `${first!.sql}\n-- edited`, checksum: "0".repeat(64) };
  await expect(migrate(database(), [edited, ...rest])).rejects.toThrow(/was changed after it was applied/);
});

test("a failing migration leaves nothing behind", async () => {
  const broken = { name: "99999999999999_broken", sql: 'CREATE TABLE "Half" (id int); SELECT * FROM "NoSuchTable";', checksum: "f".repeat(64) };
  await expect(migrate(database(), [...readMigrations(), broken])).rejects.toThrow(/99999999999999_broken failed/);
  const tables = await database().raw.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'Half'`);
  expect(tables).toEqual([]);
  const recorded = await database().raw.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99999999999999_broken'`);
  expect(recorded).toEqual([]);
});

// Two instances starting together against one fresh database (docs/deployment.md): one of them applies
// every migration, once, and both return once the database is complete. On PGlite the two are one
// process's two callers on its one connection.
test("of two migrations of one fresh database at once, one applies each migration once and the other none", async () => {
  const fresh = await freshDatabase();
  try {
    const [a, b] = [fresh.open(), fresh.open()];
    const results = await Promise.all([migrate(a), migrate(b)]);
    const names = readMigrations().map((m) => m.name);
    expect([...results].sort((x, y) => x.length - y.length)).toEqual([[], names]);
    const rows = await a.raw.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    expect(await migrate(b)).toEqual([]);
  } finally {
    await fresh.close();
  }
});

async function freshDatabase() {
  const postgresUrl = inject("postgresUrl");
  if (!postgresUrl) {
    const lite = openDatabase({ kind: "pglite", dir: null });
    return { open: () => lite, close: () => lite.close() };
  }
  const name = `m_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await admin(postgresUrl, `CREATE DATABASE ${name}`);
  const opened: Database[] = [];
  return {
    open: () => {
      const db = openDatabase({ kind: "postgres", url: databaseUrl(postgresUrl, name) });
      opened.push(db);
      return db;
    },
    close: async () => {
      await Promise.all(opened.map((db) => db.close()));
      await admin(postgresUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
