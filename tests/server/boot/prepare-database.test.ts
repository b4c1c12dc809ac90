// What every start does before serving (src/server/boot/prepare-database.ts): on a fresh database
// the default process, the deal desk rules and the demo data are written once, even when several
// instances start at the same moment against one server. Before they took the startup lock, four
// instances starting at once on PostgreSQL published four versions of the default process.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { DEFAULT_RULES } from "@/src/domain/deal-desk/rules";
import { STANDARD_B2B } from "@/src/domain/process/templates";
import { prepareDatabase } from "@/src/server/boot/prepare-database";
import { database, databaseConfig, db, openDatabase, type Database } from "@/src/server/db";
import { DEMO_INVITEE, DEMO_USERS } from "@/src/server/demo/demo-users";

// The demo's documents are written to the file storage: a folder of this test's own.
const storage = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-boot-"));
process.env.STORAGE_DIR = storage;

/** Four instances of the app on this test's database. */
async function startingAtOnce<T>(prepare: (instance: Database) => Promise<T>): Promise<T[]> {
  // On a server each instance has its own pool, so their starts really overlap; PGlite is one
  // process's own database, where the starts queue on its one connection.
  const config = databaseConfig();
  const others = config.kind === "postgres" ? [openDatabase(config), openDatabase(config), openDatabase(config)] : [];
  try {
    const instances = [database(), ...others];
    while (instances.length < 4) instances.push(database());
    return await Promise.all(instances.map(prepare));
  } finally {
    await Promise.all(others.map((d) => d.close()));
  }
}

test("instances starting at once on a fresh database publish the default process and rules once", async () => {
  await startingAtOnce((instance) => prepareDatabase(instance, { demoData: false }));
  const processes = await db().process.findMany({ include: { versions: { include: { stages: true } } } });
  expect(processes.map((p) => ({ key: p.key, isDefault: p.isDefault, versions: p.versions.map((v) => v.version) }))).toEqual([
    { key: STANDARD_B2B.key, isDefault: true, versions: [1] },
  ]);
  expect(processes[0]!.versions[0]!.stages).toHaveLength(STANDARD_B2B.stages.length);
  const rules = await db().dealDeskRule.findMany({ orderBy: { position: "asc" } });
  expect(rules.map((r) => r.key)).toEqual(DEFAULT_RULES.map((r) => r.key));
});

test("a later start leaves the defaults as an admin left them", async () => {
  const rule = DEFAULT_RULES[0]!.key;
  await db().dealDeskRule.update({ where: { key: rule }, data: { active: false } });
  await prepareDatabase(database(), { demoData: false });
  expect(await db().processVersion.count()).toBe(1);
  expect(await db().dealDeskRule.findUniqueOrThrow({ where: { key: rule } })).toMatchObject({ active: false });
  expect(await db().dealDeskRule.count()).toBe(DEFAULT_RULES.length);
});

test("instances starting at once with demo data wanted load it once", async () => {
  const results = await startingAtOnce((instance) => prepareDatabase(instance, { demoData: true }));
  expect(results.filter((r) => r.seeded)).toHaveLength(1);
  // The demo's people, and the one it has invited who has not joined yet: once each.
  expect(await db().user.count()).toBe(DEMO_USERS.length + 1);
  expect(await db().user.count({ where: { email: DEMO_INVITEE.email } })).toBe(1);
  expect(await db().opportunity.count()).toBeGreaterThan(0);
  // Only the instance that loaded it wrote documents: one stored file per listed file.
  const stored = fs.readdirSync(storage, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  expect(stored.length).toBeGreaterThan(0);
  expect(stored).toHaveLength(await db().file.count());
});
