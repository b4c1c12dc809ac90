// Applies the checked-in migrations (prisma/migrations) in order, in the process that serves or
// tests, and records them in Prisma's own `_prisma_migrations` table so that `prisma migrate
// status` and `deploy` agree with it. See docs/decisions/001-embedded-database-and-migrations.md.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import type { Database, Tx } from "./db";

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any fixed number: every instance that starts against one server waits for the one migrating, or
// writing the default rows (lockStartup).
const ADVISORY_LOCK = 724_311_905;

/**
 * Inside `tx`: waits for any instance migrating or preparing this database, and holds them off until
 * `tx` ends, so of instances starting at once only the first writes what a fresh database lacks and
 * the others see it. (On PGlite, one process's own database, its transaction alone already does.)
 */
export async function lockStartup(tx: Tx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${sql.lit(ADVISORY_LOCK)})`.execute(tx);
}

export type Migration = { name: string; sql: string; checksum: string };

export function readMigrations(dir = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations")): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

/** Applies what is missing; returns the names applied. Refuses a database whose history differs. */
export function migrate(database: Database, migrations = readMigrations()): Promise<string[]> {
  const isServer = database.config.kind === "postgres";
  return database.withConnection(async (raw) => {
    if (isServer) await raw.exec(`SELECT pg_advisory_lock(${ADVISORY_LOCK})`);
    try {
      await raw.exec(MIGRATIONS_TABLE);
      const done = await raw.query<{ migration_name: string; checksum: string }>(
        `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      );
      const applied = new Map(done.map((r) => [r.migration_name, r.checksum]));
      const ran: string[] = [];
      for (const m of migrations) {
        const previous = applied.get(m.name);
        if (previous !== undefined) {
          if (previous !== m.checksum) throw new Error(`Migration ${m.name} was changed after it was applied.`);
          continue;
        }
        // One transaction per migration: a failure leaves the database as it was.
        await raw
          .exec(
            `BEGIN;\n${m.sql}\n;INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
         VALUES ('${crypto.randomUUID()}', '${m.checksum}', now(), '${m.name}', 1);\nCOMMIT;`,
          )
          .catch(async (e) => {
            await raw.exec("ROLLBACK").catch(() => undefined);
            throw new Error(`Migration ${m.name} failed: ${(e as Error).message}`);
          });
        ran.push(m.name);
      }
      return ran;
    } finally {
      if (isServer) await raw.exec(`SELECT pg_advisory_unlock(${ADVISORY_LOCK})`);
    }
  });
}
