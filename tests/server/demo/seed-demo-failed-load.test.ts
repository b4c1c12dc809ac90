// A demo load that fails leaves nothing behind (docs/rules/demo-data.md): no rows, since the load is
// one transaction, and no document bytes in the file storage, which the transaction does not cover;
// the next start loads it whole.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { expect, test } from "vitest";
import { database, db } from "@/src/server/db";
import { seedDemoData } from "@/src/server/demo/seed-demo";
import { ensureDefaultProcess } from "@/src/server/process/ensure-default-process";

const storage = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-demo-"));
process.env.STORAGE_DIR = storage;

const now = new Date("2026-03-15T15:30:00Z");
const storedFiles = () => fs.readdirSync(storage, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());

test("a load that fails after writing the documents removes their bytes, and the next one stores exactly the files it lists", async () => {
  await database().transaction((tx) => ensureDefaultProcess(tx));
  // The history is the last table the load writes, after the documents.
  await sql`CREATE FUNCTION refuse_history() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`.execute(
    database().sql,
  );
  await sql`CREATE TRIGGER refuse_history BEFORE INSERT ON "HistoryEntry" FOR EACH STATEMENT EXECUTE FUNCTION refuse_history()`.execute(
    database().sql,
  );
  await expect(seedDemoData(database(), { now })).rejects.toThrow(/disk full/);
  expect(await db().user.count()).toBe(0);
  expect(await db().file.count()).toBe(0);
  expect(storedFiles()).toEqual([]);

  await sql`DROP TRIGGER refuse_history ON "HistoryEntry"`.execute(database().sql);
  expect(await seedDemoData(database(), { now })).toBe(true);
  const rows = await db().file.findMany();
  expect(rows.length).toBeGreaterThan(20);
  expect(
    storedFiles()
      .map((e) => path.relative(storage, path.join(e.parentPath, e.name)))
      .sort(),
  ).toEqual(rows.map((f) => f.storageKey).sort());
});
