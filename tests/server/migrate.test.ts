import { expect, test } from "vitest";
import { database } from "@/src/server/db";
import { migrate, readMigrations } from "@/src/server/migrate";

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
