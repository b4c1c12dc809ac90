import { prepareDatabase } from "@/src/server/boot/prepare-database";
import { openDatabase, type ScriptRunner } from "@/src/server/db";

/** Every table of the public schema with its row count and a checksum of all its rows, in a stable order. */
export async function tableFingerprints(runner: Pick<ScriptRunner, "query">): Promise<Record<string, { rows: number; md5: string | null }>> {
  const tables = await runner.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
  const result: Record<string, { rows: number; md5: string | null }> = {};
  for (const { name } of tables) {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    const [row] = await runner.query<{ rows: number; md5: string | null }>(
      `SELECT count(*)::int AS rows, md5(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE "C")) AS md5 FROM ${quoted} t`,
    );
    result[name] = row!;
  }
  return result;
}

/** Migrates a PGlite folder and loads the demo data into it; answers every table's fingerprint. */
export async function seedDemoFolder(dir: string): Promise<Awaited<ReturnType<typeof tableFingerprints>>> {
  const database = openDatabase({ kind: "pglite", dir });
  try {
    await prepareDatabase(database, { demoData: true });
    return await tableFingerprints(database.raw);
  } finally {
    await database.close();
  }
}
