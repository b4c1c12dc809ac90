import zlib from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { EXIT, OpsError } from "./ops-error";

// Without the last setting, a timer keeps the process alive when the folder already holds a database (as in src/server/db.ts).
const QUIET_START = [...PGlite.defaultStartParams, "-c", "log_startup_progress_interval=0"];

/**
 * Opens the database a backup holds: in `dir`, or in memory without one. The file is unpacked and
 * checked here first: PGlite's own unpacking fails on a stray file with an error that ends the process.
 */
export async function openBackup(backup: Uint8Array, dir?: string): Promise<PGlite> {
  let tar: Uint8Array;
  try {
    tar = zlib.gunzipSync(backup);
  } catch (error) {
    throw new OpsError(`The file is not a backup of the embedded database (not gzip: ${(error as Error).message}).`, EXIT.INVALID_BACKUP);
  }
  // Every tar header carries "ustar" at offset 257.
  if (Buffer.from(tar.subarray(257, 262)).toString("latin1") !== "ustar") {
    throw new OpsError("The file is not a backup of the embedded database (not a tar archive).", EXIT.INVALID_BACKUP);
  }
  try {
    return await PGlite.create(dir, { loadDataDir: new Blob([tar as Uint8Array<ArrayBuffer>]), startParams: QUIET_START });
  } catch (error) {
    throw new OpsError(`The backup does not open as a database: ${(error as Error).message}`, EXIT.INVALID_BACKUP);
  }
}
