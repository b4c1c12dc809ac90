// The embedded database's upkeep (docs/deployment.md, "Upkeep of the embedded database"). PGlite runs
// PostgreSQL in the app's process with none of its background workers, autovacuum included: left
// alone, every updated or deleted row stays behind as a dead one, the visibility map is never set
// (so an index-only scan reads the table anyway, and every read of a row not yet marked checks the
// commit log), and no table is ever analyzed. The app does autovacuum's work itself: its worker runs
// VACUUM (ANALYZE) table by table a few minutes after start and then every hour. A run reads only the
// pages changed since the last (the visibility map says which), so once the first has been made it
// takes a moment. A PostgreSQL server has autovacuum, and the task is not scheduled there.
import type { Database, ScriptRunner } from "../db";
import type { PeriodicTask } from "../outbox/outbox-worker";

export const UPKEEP_EVERY_MS = 60 * 60_000;
/** Not at start: the first requests of a freshly started app do not wait behind it. */
export const UPKEEP_FIRST_AFTER_MS = 3 * 60_000;

/**
 * VACUUM (ANALYZE) of each of the app's tables, one statement each, so that requests waiting for the
 * embedded database's one connection run between two tables rather than after all of them.
 */
export async function vacuumAppTables(raw: ScriptRunner): Promise<{ tables: number; ms: number }> {
  const started = performance.now();
  const tables = await raw.query<{ name: string }>(
    "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
  );
  for (const table of tables) await raw.exec(`VACUUM (ANALYZE) ${table.name}`);
  return { tables: tables.length, ms: Math.round(performance.now() - started) };
}

/** The upkeep as a periodic task of the in-process worker, on the embedded database only. */
export function embeddedUpkeepTasks(db: Database, log?: (line: string) => void): PeriodicTask[] {
  if (db.config.kind !== "pglite") return [];
  return [
    {
      name: "The embedded database's upkeep",
      everyMs: UPKEEP_EVERY_MS,
      firstAfterMs: UPKEEP_FIRST_AFTER_MS,
      run: async () => {
        const done = await vacuumAppTables(db.raw);
        log?.(`Upkeep: vacuumed and analyzed ${done.tables} tables in ${done.ms} ms.`);
      },
    },
  ];
}
