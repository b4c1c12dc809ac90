// Global setup of the `pglite` project: one migrated, empty PGlite data folder, written once as a
// tarball that each test file's in-memory database starts from (tests/setup/database.ts). Starting
// from it skips PGlite's initdb and the migrations, most of a fresh database's cost.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "@/src/server/db";
import { migrate } from "@/src/server/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated data folder's tarball; absent in the postgres project. */
    pgliteTemplate?: string;
  }
}

export default async function setup(project: TestProject) {
  const file = path.join(os.tmpdir(), `stageline-pglite-template-${process.pid}.tar`);
  const database = openDatabase({ kind: "pglite", dir: null });
  try {
    await migrate(database);
    const tarball = await database.snapshot!("none");
    fs.writeFileSync(file, Buffer.from(await tarball.arrayBuffer()));
  } finally {
    await database.close();
  }
  project.provide("pgliteTemplate", file);
  return () => fs.rmSync(file, { force: true });
}
