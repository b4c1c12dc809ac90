// `npm run db:export` (docs/deployment.md, "Moving to a PostgreSQL server"): the demo data, exported
// from an embedded database, loads with psql into an empty database of the test's PostgreSQL server
// with every row of every table, `_prisma_migrations` included, so the app opened on it has no
// migration to apply; the uploaded files follow by copying their folder. Runs in the postgres project.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { openDatabase } from "@/src/server/db";
import { migrate } from "@/src/server/migrate";
import { runScript } from "../../support/run-script";
import { seedDemoFolder, tableFingerprints } from "../../support/table-fingerprint";
import { admin, databaseUrl } from "../../setup/postgres-global";

const postgresUrl = inject("postgresUrl");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-export-"));
const demoDir = path.join(work, "demo");
const storage = path.join(work, "files");
const target = `export_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;

/** psql of the newest installed server, the one the test server runs. */
function psql(): string {
  const base = "/usr/lib/postgresql";
  const version = fs
    .readdirSync(base)
    .filter((v) => fs.existsSync(path.join(base, v, "bin", "psql")))
    .sort((a, b) => Number(b) - Number(a))[0]!;
  return path.join(base, version, "bin", "psql");
}

describe.runIf(postgresUrl)("export of the embedded database to a PostgreSQL server", () => {
  let before: Awaited<ReturnType<typeof tableFingerprints>>;

  beforeAll(async () => {
    process.env.STORAGE_DIR = storage;
    before = await seedDemoFolder(demoDir);
    await admin(postgresUrl!, `CREATE DATABASE ${target}`);
  });

  afterAll(async () => {
    fs.rmSync(work, { recursive: true, force: true });
    await admin(postgresUrl!, `DROP DATABASE IF EXISTS ${target} WITH (FORCE)`).catch(() => undefined);
  });

  test("the dump loads with psql into an empty database, every row of every table with it", { timeout: 180_000 }, async () => {
    const file = path.join(work, "export.sql");
    const exported = await runScript("db-export.ts", [file], { PGLITE_DIR: demoDir, DATABASE_URL: "", STORAGE_DIR: storage });
    expect(exported.output).toContain(`to ${file}`);
    expect(exported.code).toBe(0);

    const url = databaseUrl(postgresUrl!, target);
    // ON_ERROR_STOP: a statement this server refuses fails the load instead of being skipped.
    execFileSync(psql(), ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", file, url], { stdio: ["ignore", "ignore", "pipe"] });

    const server = openDatabase({ kind: "postgres", url });
    try {
      expect(Object.keys(before)).toContain("_prisma_migrations");
      expect(before.User!.rows).toBeGreaterThan(5);
      expect(await tableFingerprints(server.raw)).toEqual(before);
    } finally {
      await server.close();
    }
  });

  test("the app on the server database has no migration to apply, and the copied files match their rows", { timeout: 60_000 }, async () => {
    const server = openDatabase({ kind: "postgres", url: databaseUrl(postgresUrl!, target) });
    try {
      expect(await migrate(server)).toEqual([]);
      expect(await server.prisma.user.count()).toBe(before.User!.rows);

      // The server's instances get the files by copying the folder, as docs/deployment.md says.
      const copied = path.join(work, "server-files");
      fs.cpSync(storage, copied, { recursive: true });
      const files = await server.prisma.file.findMany({ select: { storageKey: true, sha256: true } });
      expect(files.length).toBe(before.File!.rows);
      for (const file of files) {
        const bytes = fs.readFileSync(path.join(copied, file.storageKey));
        expect(crypto.createHash("sha256").update(bytes).digest("hex")).toBe(file.sha256);
      }
    } finally {
      await server.close();
    }
  });
});
