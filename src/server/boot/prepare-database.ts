// Everything the database needs before the app serves: migrations, the default process, and
// demo data when it is empty and demo data is wanted. Runs in the serving process (instrumentation)
// so that the embedded database folder is only ever opened by one process.
import type { Database } from "../db";
import { lockStartup, migrate } from "../migrate";
import { ensureDefaultRules } from "../deal-desk/load-rules";
import { ensureDefaultProcess } from "../process/ensure-default-process";

export type PrepareOptions = { demoData: boolean; log?: (line: string) => void };

export async function prepareDatabase(database: Database, options: PrepareOptions): Promise<{ seeded: boolean }> {
  const log = options.log ?? (() => {});
  const applied = await migrate(database);
  if (applied.length) log(`Applied ${applied.length} migration(s): ${applied.join(", ")}`);
  await database.transaction(async (tx) => {
    await lockStartup(tx); // instances starting at once against one server: the first writes the defaults
    await ensureDefaultProcess(tx);
    await ensureDefaultRules(tx);
  });
  if (!options.demoData) return { seeded: false };
  const { seedDemoData } = await import("../demo/seed-demo");
  const seeded = await seedDemoData(database, { now: new Date() });
  if (seeded) log("Loaded demo data.");
  return { seeded };
}
