// `npm run backup` and `npm run restore` on the embedded database (docs/deployment.md, "Backups of the
// embedded database"): the demo data comes back table for table; a backup taken from the running app
// during a burst of writes holds every write committed before it and no half transaction; a restore
// never touches a folder in use, never replaces a database without --force, and keeps the old one.
// These are about PGlite folders of their own, so they run once, in the pglite project.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { prepareDatabase } from "@/src/server/boot/prepare-database";
import { openDatabase } from "@/src/server/db";
import { LOCK_FILE } from "@/src/server/folder-lock";
import { OPS_FILE, readOpsAddress } from "@/src/server/ops/backup/ops-endpoint";
import { EXIT, type OpsError } from "@/src/server/ops/backup/ops-error";
import { restoreBackup } from "@/src/server/ops/backup/restore-backup";
import { takeBackup } from "@/src/server/ops/backup/take-backup";
import { ROOT, runScript } from "../../support/run-script";
import { seedDemoFolder, tableFingerprints } from "../../support/table-fingerprint";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-backup-"));
const demoDir = path.join(work, "demo");
const running: ChildProcess[] = [];

const fingerprintsOf = async (dir: string) => {
  const database = openDatabase({ kind: "pglite", dir });
  try {
    return await tableFingerprints(database.raw);
  } finally {
    await database.close();
  }
};

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: OpsError) => ({ code: error.exitCode, message: error.message }),
  );

describe.skipIf(inject("postgresUrl"))("backup and restore of the embedded database", () => {
  let before: Awaited<ReturnType<typeof fingerprintsOf>>;
  let backup: Uint8Array;

  beforeAll(async () => {
    process.env.STORAGE_DIR = path.join(work, "files");
    before = await seedDemoFolder(demoDir);
    backup = (await takeBackup(demoDir)).bytes;
  });

  afterAll(() => {
    for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
    fs.rmSync(work, { recursive: true, force: true });
  });

  // Each opening of a PGlite folder costs seconds of CPU.
  test("the demo data comes back table for table, every row of every table", { timeout: 120_000 }, async () => {
    expect(Object.keys(before)).toContain("_prisma_migrations");
    expect(before.User!.rows).toBeGreaterThan(5);
    expect(before.File!.rows).toBeGreaterThan(0);
    const target = path.join(work, "restored");
    const restored = await restoreBackup(backup, target, { force: false, now: new Date() });
    expect(restored.keptAside).toBeNull();
    expect(restored.migrations).toBe(before._prisma_migrations!.rows);
    expect(fs.existsSync(path.join(target, LOCK_FILE))).toBe(false);
    expect(await fingerprintsOf(target)).toEqual(before);
  });

  test("a database is replaced only with --force, and the replaced one is kept aside, whole", { timeout: 120_000 }, async () => {
    const target = path.join(work, "replace");
    const empty = openDatabase({ kind: "pglite", dir: target });
    await prepareDatabase(empty, { demoData: false });
    const old = await tableFingerprints(empty.raw);
    await empty.close();

    expect(await rejection(restoreBackup(backup, target, { force: false, now: new Date() }))).toEqual({
      code: EXIT.EXISTS,
      message: `${target} already holds a database. Restore with --force to replace it: the current one is then kept aside, renamed, not deleted.`,
    });
    expect(await fingerprintsOf(target)).toEqual(old);

    const restored = await restoreBackup(backup, target, { force: true, now: new Date("2026-05-04T10:11:12Z") });
    expect(restored.keptAside).toBe(`${target}.replaced-2026-05-04T10-11-12Z`);
    expect(await fingerprintsOf(target)).toEqual(before);
    expect(await fingerprintsOf(restored.keptAside!)).toEqual(old);
    expect(fs.readdirSync(work).filter((name) => name.includes(".restoring-"))).toEqual([]);
  });

  test("a file that is no backup of a Stageline database is refused, and the folder is left as it was", { timeout: 120_000 }, async () => {
    const target = path.join(work, "refused");
    const notGzip = await rejection(restoreBackup(new TextEncoder().encode("id,name\n1,x\n"), target, { force: false, now: new Date() }));
    expect(notGzip?.code).toBe(EXIT.INVALID_BACKUP);
    expect(notGzip?.message).toMatch(/^The file is not a backup of the embedded database \(not gzip/);

    // A sound PGlite database, but not the app's: no migrations table.
    const other = openDatabase({ kind: "pglite", dir: path.join(work, "other") });
    await other.raw.exec("CREATE TABLE notes (id int)");
    const foreign = new Uint8Array(await (await other.snapshot!()).arrayBuffer());
    await other.close();
    expect(await rejection(restoreBackup(foreign, target, { force: false, now: new Date() }))).toEqual({
      code: EXIT.INVALID_BACKUP,
      message: "The backup opens, but holds no Stageline database (no _prisma_migrations table).",
    });
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(work).filter((name) => name.includes(".restoring-"))).toEqual([]);
  });

  test("a backup from the running app amid writes holds every committed write; restore refuses the folder in use", { timeout: 120_000 }, async () => {
    const dir = path.join(work, "running");
    const env = { PGLITE_DIR: dir, DATABASE_URL: "", STAGELINE_DEMO_DATA: "0", LOG_LEVEL: "silent", STORAGE_DIR: path.join(work, "files") };
    const app = spawn(process.execPath, ["--import", "tsx", "tests/support/app-under-writes.ts"], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.push(app);
    let output = "";
    let committed = 0;
    app.stderr.on("data", (d) => (output += d));
    app.stdout.on("data", (d) => {
      output += d;
      for (const [, n] of String(d).matchAll(/committed (\d+)/g)) committed = Number(n);
    });
    const exited = new Promise((resolve) => app.once("exit", resolve));
    await expect.poll(() => committed, { timeout: 60_000, interval: 100 }).toBeGreaterThan(50);
    expect(output).not.toMatch(/error/i);

    // The endpoint's file is the app's alone, and the endpoint wants its token.
    const address = readOpsAddress(dir)!;
    expect(address.pid).toBe(app.pid);
    expect(fs.statSync(path.join(dir, OPS_FILE)).mode & 0o777).toBe(0o600);
    const wrong = await fetch(`http://127.0.0.1:${address.port}/backup`, { method: "POST", headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);

    const file = path.join(work, "running.tar.gz");
    const committedBefore = committed;
    const taken = await runScript("backup.ts", [file], env);
    expect(taken.output).toContain(`Backup of ${dir} (taken by the running app) written to ${file}`);
    expect(taken.code).toBe(0);
    const committedAfter = committed;
    expect(committedAfter).toBeGreaterThan(committedBefore); // the writes went on while it was taken

    const refused = await runScript("restore.ts", [file, "--force"], env);
    expect(refused.code).toBe(EXIT.IN_USE);
    expect(refused.output).toContain(`The database folder ${dir} is in use by process ${app.pid}: stop the app first, then restore.`);

    app.kill("SIGTERM");
    await exited;
    expect(fs.existsSync(path.join(dir, OPS_FILE))).toBe(false);

    const target = path.join(work, "running-restored");
    await restoreBackup(fs.readFileSync(file), target, { force: false, now: new Date() });
    const restored = openDatabase({ kind: "pglite", dir: target });
    try {
      const rows = await restored.raw.query<{ n: number; parts: string }>(
        "SELECT n, string_agg(part, '' ORDER BY part) AS parts FROM backup_probe GROUP BY n ORDER BY n",
      );
      const last = rows.at(-1)!.n;
      expect(last).toBeGreaterThanOrEqual(committedBefore);
      expect(last).toBeLessThanOrEqual(committedAfter + 1); // at most the one in flight when the output was read
      expect(rows).toEqual(Array.from({ length: last }, (_, i) => ({ n: i + 1, parts: "ab" })));
    } finally {
      await restored.close();
    }
  });
});
