// `npm run db:export`: the embedded database as a plain SQL script that `psql -f` loads into an empty
// PostgreSQL database. PGlite's own pg_dump (compiled to WebAssembly, @electric-sql/pglite-tools) reads
// a copy of a backup opened in memory, so the app's database is never touched by it.
import { pgDump } from "@electric-sql/pglite-tools/pg_dump";
import { openBackup } from "./open-backup";

/** The dump of the database in `backup` (a tarball from `takeBackup`), loadable into PostgreSQL 15 and later. */
export async function exportSql(backup: Uint8Array): Promise<string> {
  const lite = await openBackup(backup);
  try {
    // Owners and grants name PGlite's `postgres` role, which the target server may not have; the
    // tables then belong to whoever runs psql, as the app's migrations would have made them.
    const file = await pgDump({ pg: lite, args: ["--no-owner", "--no-privileges", "--rows-per-insert=500"] });
    return forOlderServers(await file.text());
  } finally {
    await lite.close();
  }
}

/**
 * PGlite is PostgreSQL 18 and its pg_dump writes for it. The one statement an older server refuses is
 * the setting PostgreSQL 17 introduced; without it the script loads into 15 and 16 as well.
 */
export const forOlderServers = (dump: string) => dump.replace(/^SET transaction_timeout = 0;\n/m, "");
