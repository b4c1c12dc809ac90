// File bytes live in a folder outside the database (STORAGE_DIR, default ./data/files); the
// database keeps the metadata. Writes go to a temporary name first, so a crash leaves no half file.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

export const storageDir = () => path.resolve(/*turbopackIgnore: true*/ process.env.STORAGE_DIR ?? "./data/files");

function resolveKey(key: string): string {
  const dir = storageDir();
  const full = path.resolve(dir, key);
  if (!full.startsWith(dir + path.sep)) throw new Error(`Storage key escapes the storage folder: ${key}`);
  return full;
}

export async function writeStoredFile(key: string, bytes: Uint8Array): Promise<void> {
  const full = resolveKey(key);
  await fs.mkdir(path.dirname(full), { recursive: true });
  const temp = `${full}.${crypto.randomUUID()}.part`;
  await fs.writeFile(temp, bytes);
  await fs.rename(temp, full);
}

export const readStoredFile = (key: string) => fs.readFile(resolveKey(key));

export const removeStoredFile = (key: string) => fs.rm(resolveKey(key), { force: true });
