// A page with a loading skeleton streams: its 200 and its skeleton leave before its data is read, so
// a read that then meets an unreachable database can only show the error in place, under a 200. The
// root layout, which every page waits for before anything is sent, asks the database first: while it
// is away the page fails whole, and the server answers 503 with Retry-After (./unreachable.ts).
import { sql } from "kysely";
import { database } from "../db";

/** Resolves once the database answers a trivial query; throws its error when it cannot be reached. */
export async function requireDatabaseAnswers(): Promise<void> {
  await sql`SELECT 1`.execute(database().sql);
}
