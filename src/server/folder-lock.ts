// PGlite must never open one data folder from two processes at once: that corrupts it.
// A pid file, created exclusively, marks the owner; a file left by a dead process is taken over.
import fs from "node:fs";
import path from "node:path";

/** The lock's file, inside the folder. A backup copies it along; a restore removes it. */
export const LOCK_FILE = "stageline.pid";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(file: string): number | null {
  try {
    return Number(fs.readFileSync(file, "utf8").trim()) || null;
  } catch {
    return null;
  }
}

/** The live process holding the folder's lock, or null when none does. */
export function folderOwner(dir: string): number | null {
  const owner = readOwner(path.join(dir, LOCK_FILE));
  return owner && isAlive(owner) ? owner : null;
}

/** Takes the folder's lock or throws; returns the function that releases it. */
export function acquireFolderLock(dir: string): () => void {
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      const release = () => {
        process.off("exit", release); // a process that opens many folders (the backup tests) keeps no listener per folder
        if (readOwner(file) === process.pid) fs.rmSync(file, { force: true });
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = readOwner(file);
      if (owner === process.pid) return () => {};
      if (owner && isAlive(owner)) {
        throw new Error(
          `The database folder ${dir} is in use by process ${owner}. Stop that process first: ` +
            "the embedded database can be opened by one process at a time.",
        );
      }
      fs.rmSync(file, { force: true }); // left by a process that died
    }
  }
  throw new Error(`Could not lock the database folder ${dir}.`);
}
