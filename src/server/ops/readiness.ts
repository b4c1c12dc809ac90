// What a load balancer asks before it sends an instance requests (docs/deployment.md): whether the
// process answers (health), and whether its database answers with every migration of this build
// applied (readiness). Neither needs a sign-in, and neither says more than a balancer needs.
import { sql } from "kysely";
import { type Database, database } from "../db";
import { type Migration, readMigrations } from "../migrate";

/** How long the database may take to answer before the instance counts as not ready. */
export const READY_TIMEOUT_MS = 2_000;

export type Readiness = { ready: true; migrations: number } | { ready: false; reason: string };

let shippedMigrations: Migration[] | null = null;
const shipped = () => {
  shippedMigrations ??= readMigrations();
  return shippedMigrations;
};

/** Whether the database answers within the timeout with every shipped migration applied; never throws. */
export async function readiness(options: { db?: Database; migrations?: readonly Migration[]; timeoutMs?: number } = {}): Promise<Readiness> {
  const db = options.db ?? database();
  const migrations = options.migrations ?? shipped();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Readiness>((resolve) => {
    timer = setTimeout(
      () => resolve({ ready: false, reason: `the database did not answer within ${options.timeoutMs ?? READY_TIMEOUT_MS} ms` }),
      options.timeoutMs ?? READY_TIMEOUT_MS,
    );
  });
  const check = (async (): Promise<Readiness> => {
    try {
      const applied = new Set(
        (
          await sql<{
            name: string;
          }>`SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`.execute(db.sql)
        ).rows.map((r) => r.name),
      );
      const missing = migrations.filter((m) => !applied.has(m.name));
      if (missing.length > 0) return { ready: false, reason: `${missing.length} migration(s) not applied yet, the first ${missing[0]!.name}` };
      return { ready: true, migrations: migrations.length };
    } catch {
      return { ready: false, reason: "the database does not answer" };
    }
  })();
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
