// Per test file: a fresh, migrated, empty database, reached through the app's own `database()`.
// - pglite project: an in-memory PGlite started from the migrated template (pglite-global.ts).
// - postgres project: a copy of the migrated template on the test server (postgres-global.ts).
import crypto from "node:crypto";
import { afterAll, beforeAll, inject } from "vitest";
import { closeDatabase, database } from "@/src/server/db";
import { migrate } from "@/src/server/migrate";
import { setSecurityLogSink } from "@/src/server/security/security-log";
import { TEMPLATE_DATABASE, admin, databaseUrl } from "./postgres-global";

const postgresUrl = inject("postgresUrl");
const pgliteTemplate = inject("pgliteTemplate");

// Security log lines are asserted where they matter (captureSecurityLog); elsewhere they would only
// bury the test report.
setSecurityLogSink(() => undefined);

if (postgresUrl) {
  const name = `t_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await admin(postgresUrl, `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  // Top level, not beforeAll: the test file is imported after this, so even its top level sees it.
  process.env.DATABASE_URL = databaseUrl(postgresUrl, name);

  afterAll(async () => {
    await closeDatabase();
    // A leftover database on a throwaway server is harmless; on TEST_POSTGRES_URL it is only clutter.
    await admin(postgresUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
  });
} else {
  // The in-memory database, opened on first use as before, starts from the migrated template.
  if (pgliteTemplate) process.env.PGLITE_TEMPLATE = pgliteTemplate;
  beforeAll(async () => {
    // Applies nothing when the template is current; migrates an empty database otherwise.
    await migrate(database());
  });
  afterAll(async () => {
    await closeDatabase();
  });
}

beforeAll(() => {
  // A test that passes on the wrong database proves nothing.
  const expected = postgresUrl ? "postgres" : "pglite";
  if (database().config.kind !== expected) {
    throw new Error(`Test database is ${database().config.kind}, expected ${expected}.`);
  }
});
