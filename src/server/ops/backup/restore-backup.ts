// Brings a backup back into the embedded database's folder. The backup is unpacked beside the folder
// and opened first; only a copy that opens and holds the app's migrations replaces the folder, by
// renames, and a database the folder held is kept aside under a new name, never deleted.
import fs from "node:fs";
import path from "node:path";
import { LOCK_FILE, acquireFolderLock, folderOwner } from "../../folder-lock";
import { OPS_FILE } from "./ops-endpoint";
import { openBackup } from "./open-backup";
import { EXIT, OpsError } from "./ops-error";
import { timestamp } from "./run-command";

export type Restored = { migrations: number; keptAside: string | null };

// A backup taken from a running app carries its lock and endpoint files: stale in the copy.
const removeProcessFiles = (dir: string) => {
  for (const name of [LOCK_FILE, OPS_FILE]) fs.rmSync(path.join(dir, name), { force: true });
};

const contentsOf = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name !== LOCK_FILE && name !== OPS_FILE) : []);

export async function restoreBackup(backup: Uint8Array, dir: string, options: { force: boolean; now: Date }): Promise<Restored> {
  const owner = folderOwner(dir);
  if (owner !== null) {
    throw new OpsError(`The database folder ${dir} is in use by process ${owner}: stop the app first, then restore.`, EXIT.IN_USE);
  }
  const replacing = contentsOf(dir).length > 0;
  if (replacing && !options.force) {
    throw new OpsError(
      `${dir} already holds a database. Restore with --force to replace it: the current one is then kept aside, renamed, not deleted.`,
      EXIT.EXISTS,
    );
  }
  // Held until the swap, so that an app starting meanwhile refuses to open the folder (made if need be,
  // for a first restore before the app ever ran, so that one starting meanwhile cannot make it first).
  const made = !fs.existsSync(dir);
  fs.mkdirSync(dir, { recursive: true });
  const release = lockOrRefuse(dir);
  const staging = `${dir}.restoring-${timestamp(options.now)}`;
  try {
    const migrations = await unpackAndCheck(backup, staging);
    let keptAside: string | null = null;
    if (replacing) {
      keptAside = `${dir}.replaced-${timestamp(options.now)}`;
      fs.renameSync(dir, keptAside);
      removeProcessFiles(keptAside);
    } else {
      fs.rmSync(dir, { recursive: true, force: true }); // nothing in it but our lock
    }
    fs.renameSync(staging, dir);
    return { migrations, keptAside };
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (made) fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  } finally {
    release();
  }
}

function lockOrRefuse(dir: string): () => void {
  try {
    return acquireFolderLock(dir);
  } catch (error) {
    throw new OpsError((error as Error).message, EXIT.IN_USE); // an app started since the check above
  }
}

/** Unpacks the backup into `staging`, opens it, and counts the migrations it has applied. */
async function unpackAndCheck(backup: Uint8Array, staging: string): Promise<number> {
  const lite = await openBackup(backup, staging);
  try {
    const [table] = (await lite.query<{ name: string | null }>("SELECT to_regclass('public._prisma_migrations')::text AS name")).rows;
    if (!table?.name) throw new OpsError("The backup opens, but holds no Stageline database (no _prisma_migrations table).", EXIT.INVALID_BACKUP);
    const [row] = (await lite.query<{ n: number }>("SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL")).rows;
    return row!.n;
  } finally {
    await lite.close();
    removeProcessFiles(staging);
  }
}
