// A backup of the embedded database: the gzipped tarball of its data folder, as PGlite writes it. From
// the running app when one holds the folder (it alone may open it), else by opening the folder here.
import fs from "node:fs";
import path from "node:path";
import { type DatabaseConfig, openDatabase } from "../../db";
import { folderOwner } from "../../folder-lock";
import { readOpsAddress } from "./ops-endpoint";
import { EXIT, OpsError } from "./ops-error";

export type Backup = { bytes: Uint8Array; from: "running app" | "folder" };

/** The folder holds a database (PostgreSQL writes PG_VERSION first), not merely a folder to make one in. */
export const holdsDatabase = (dir: string) => fs.existsSync(path.join(dir, "PG_VERSION"));

/** The embedded database's folder, or an error saying why this configuration has none to back up. */
export function embeddedFolder(config: DatabaseConfig): string {
  if (config.kind === "postgres") {
    throw new OpsError(
      'DATABASE_URL names a PostgreSQL server: back it up with its own tools, e.g. `pg_dump --format=custom --file=stageline.dump "$DATABASE_URL"` ' +
        "(restore with pg_restore). These commands work on the embedded database.",
      EXIT.POSTGRES_SERVER,
    );
  }
  if (!config.dir) throw new OpsError("PGLITE_DIR=memory:// keeps the database in memory: there is no folder to back up or restore.", EXIT.USAGE);
  return config.dir;
}

export async function takeBackup(dir: string): Promise<Backup> {
  if (!holdsDatabase(dir)) throw new OpsError(`There is no embedded database in ${dir} (PGLITE_DIR).`, EXIT.USAGE);
  const owner = folderOwner(dir);
  if (owner !== null) return { bytes: await askRunningApp(dir, owner), from: "running app" };
  // Opening takes the folder's lock, so an app starting meanwhile waits for nothing and fails clearly.
  const database = openDatabase({ kind: "pglite", dir });
  try {
    const blob = await database.snapshot!();
    return { bytes: new Uint8Array(await blob.arrayBuffer()), from: "folder" };
  } finally {
    await database.close();
  }
}

// A large database takes a while to copy; an app that never answers must not hang the command.
const BACKUP_TIMEOUT_MS = 10 * 60_000;

async function askRunningApp(dir: string, owner: number): Promise<Uint8Array> {
  const address = readOpsAddress(dir);
  if (!address || address.pid !== owner) {
    throw new OpsError(
      `The database folder ${dir} is in use by process ${owner}, which offers no backup (an app started before backups existed, ` +
        "or another command). Try again once it is done, or restart the app.",
      EXIT.APP_UNREACHABLE,
    );
  }
  let response: Response;
  try {
    response = await fetch(`http://127.0.0.1:${address.port}/backup`, {
      method: "POST",
      headers: { authorization: `Bearer ${address.token}` },
      signal: AbortSignal.timeout(BACKUP_TIMEOUT_MS),
    });
  } catch (error) {
    throw new OpsError(
      `The running app (process ${owner}) did not answer on 127.0.0.1:${address.port}: ${(error as Error).message}`,
      EXIT.APP_UNREACHABLE,
    );
  }
  if (!response.ok) {
    throw new OpsError(
      `The running app (process ${owner}) refused the backup: ${response.status} ${(await response.text()).trim()}`,
      EXIT.APP_UNREACHABLE,
    );
  }
  return new Uint8Array(await response.arrayBuffer());
}
