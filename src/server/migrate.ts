// Applies the checked-in migrations (prisma/migrations) in order, in the process that serves or
// tests, and records them in Prisma's own `_prisma_migrations` table so that `prisma migrate
// status` and `deploy` agree with it. See docs/decisions/001-embedded-database-and-migrations.md.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import type { Database, ScriptRunner, Tx } from "./db";

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

// Any fixed numbers: every instance that starts against one server waits for the one migrating, or
// writing the default rows (lockStartup); and a migration is applied under the second.
const ADVISORY_LOCK = 724_311_905;
const MIGRATION_LOCK = 724_311_906;

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

const APPLIED = `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;

// Calls in one process run one after the other: on PGlite, the one connection, two callers' BEGINs
// would interleave; on a server the advisory lock orders processes, this orders one's own callers.
const running = new WeakMap<Database, Promise<unknown>>();

/**
 * Applies what is missing; returns the names applied. Refuses a database whose history differs.
 *
 * On a server, safe through a transaction pooler (PgBouncer, pool_mode=transaction; docs/deployment.md):
 * no session state, only locks held by transactions, which keep their server connection to the end.
 * - The run holds the startup lock in a transaction left open on a connection of its own, so of
 *   instances starting together one applies every missing migration and the others then find none.
 * - Each migration is one transaction that takes a second lock and reads again whether it was applied,
 *   so even if the run's connection (and its lock) were lost, no migration is applied twice.
 * A session lock (`pg_advisory_lock`) would be taken on one server connection and released on another.
 * The run uses two of the pool's connections at once (DATABASE_POOL_SIZE of 2 or more).
 */
export function migrate(database: Database, migrations = readMigrations()): Promise<string[]> {
  const previous = running.get(database) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => migrateNow(database, migrations));
  running.set(database, next);
  return next;
}

async function migrateNow(database: Database, migrations: Migration[]): Promise<string[]> {
  if (database.config.kind !== "postgres") return database.withConnection((raw) => applyMissing(raw, migrations, ""));
  return database.withConnection(async (holder) => {
    await holder.exec(`BEGIN;\nSELECT pg_advisory_xact_lock(${ADVISORY_LOCK})`);
    try {
      return await database.withConnection((raw) => applyMissing(raw, migrations, `SELECT pg_advisory_xact_lock(${MIGRATION_LOCK});\n`));
    } finally {
      await holder.exec("ROLLBACK").catch(() => undefined); // it wrote nothing: ending it releases the lock
    }
  });
}

/** Applies the migrations `raw` finds missing, each in a transaction that starts with `lock`. */
async function applyMissing(raw: ScriptRunner, migrations: Migration[], lock: string): Promise<string[]> {
  const inTransaction = async <T>(fn: () => Promise<T>): Promise<T> => {
    await raw.exec(`BEGIN;\n${lock}`);
    try {
      const result = await fn();
      await raw.exec("COMMIT");
      return result;
    } catch (e) {
      await raw.exec("ROLLBACK").catch(() => undefined);
      throw e;
    }
  };
  // Under the lock too: two CREATE TABLE IF NOT EXISTS at once can both find no table.
  const applied = await inTransaction(async () => {
    await raw.exec(MIGRATIONS_TABLE);
    return new Map((await raw.query<{ migration_name: string; checksum: string }>(APPLIED)).map((r) => [r.migration_name, r.checksum]));
  });
  const assertSame = (m: Migration, checksum: string) => {
    if (checksum !== m.checksum) throw new Error(`Migration ${m.name} was changed after it was applied.`);
  };
  const ran: string[] = [];
  for (const m of migrations) {
    const known = applied.get(m.name);
    if (known !== undefined) {
      assertSame(m, known);
      continue;
    }
    // One transaction per migration: a failure leaves the database as it was.
    const appliedMeanwhile = await inTransaction(async () => {
      const rows = await raw.query<{ checksum: string }>(`${APPLIED} AND migration_name = $1`, [m.name]);
      if (rows[0]) return rows[0].checksum; // another instance applied it while this one waited
      await raw.exec(m.sql).catch((e) => {
        throw new Error(`Migration ${m.name} failed: ${(e as Error).message}`);
      });
      await raw.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
        [crypto.randomUUID(), m.checksum, m.name],
      );
      return null;
    });
    if (appliedMeanwhile === null) ran.push(m.name);
    else assertSame(m, appliedMeanwhile);
  }
  return ran;
}
