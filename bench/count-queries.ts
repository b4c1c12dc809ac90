// Counts the statements a move sends to the database, at the driver: every round trip, including
// BEGIN/COMMIT and the queries Prisma splits an `include` into. On a server the SQL text is kept too;
// PGlite is counted at its one connection's query lock, which every statement passes once.
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

type Log = { count: number; statements: string[] };
let current: Log | null = null;

export function installQueryCounter(): void {
  const pgQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (current) {
      const q = args[0] as string | { text?: string };
      current.count++;
      current.statements.push(typeof q === "string" ? q : (q.text ?? "?"));
    }
    return pgQuery.apply(this, args);
  } as typeof pg.Client.prototype.query;

  // Not a public API: PGlite serializes every statement through this method.
  const lite = PGlite.prototype as unknown as { _runExclusiveQuery: (...args: unknown[]) => unknown };
  const liteQuery = lite._runExclusiveQuery;
  lite._runExclusiveQuery = function (this: PGlite, ...args: unknown[]) {
    if (current) current.count++;
    return liteQuery.apply(this, args);
  };
}

/** Runs `fn` (nothing else may run meanwhile) and returns the statements it sent. */
export async function countQueries(fn: () => Promise<unknown>): Promise<Log> {
  current = { count: 0, statements: [] };
  try {
    await fn();
    return current;
  } finally {
    current = null;
  }
}
