import { databaseConfig } from "../db";

/**
 * Demo data (users with a published password) is loaded into an empty database only where it is
 * safe by default: the embedded database of a laptop. On a PostgreSQL server, which is how the app
 * is deployed, only when asked for with STAGELINE_DEMO_DATA=1; STAGELINE_DEMO_DATA=0 turns it off
 * everywhere. The first admin of a server is made with `npm run create-admin`.
 */
export function wantsDemoData(env: Record<string, string | undefined> = process.env): boolean {
  if (env.STAGELINE_DEMO_DATA === "1") return true;
  if (env.STAGELINE_DEMO_DATA === "0") return false;
  return databaseConfig(env).kind === "pglite";
}
