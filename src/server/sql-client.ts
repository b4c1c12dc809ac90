// Raw SQL on the driver, without Prisma: the statements are built with `Prisma.sql` and the rows
// come back typed as Prisma's `$queryRaw` types them, so the same code reads them from either. The
// hottest writes run here, in transactions the app manages (docs/performance.md).
import type { PGlite, Transaction } from "@electric-sql/pglite";
import pg from "pg";
import type { Prisma } from "../generated/prisma/client";
import type { Tx } from "./db";

/**
 * Statements built with `Prisma.sql`, run on the driver without Prisma. Rows come back typed as
 * Prisma's `$queryRaw` types them (see PARSERS), so code reads them the same from either.
 */
export type SqlClient = {
  query<T = Record<string, unknown>>(statement: Prisma.Sql): Promise<T[]>;
  /** The number of rows the statement changed. */
  execute(statement: Prisma.Sql): Promise<number>;
};

/** Where raw SQL runs: Prisma's client or one of its transactions, or the driver. */
export type Queryable = Tx | SqlClient;

// What Prisma's $queryRaw returns for the types the app's statements read, where the drivers differ:
// int8 as BigInt; timestamp columns hold UTC wall-clock values (as Prisma writes them), so they are
// read as UTC whatever the process's zone; a date is midnight UTC. JSON, arrays, numbers, booleans
// and enums (as text) already come back as Prisma gives them.
const PARSERS: Record<number, (text: string) => unknown> = {
  20: (text) => BigInt(text),
  1082: (text) => new Date(`${text}T00:00:00Z`),
  1114: (text) => new Date(`${text.replace(" ", "T")}Z`),
};

/** A Date goes as its UTC time (pg would send local time, which a timestamp column keeps as is). */
const parameters = (statement: Prisma.Sql) =>
  statement.values.map((v) => (v instanceof Date ? v.toISOString() : typeof v === "bigint" ? v.toString() : v));

const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => PARSERS[oid] ?? pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

export function pgSql(q: pg.Pool | pg.PoolClient): SqlClient {
  const run = (s: Prisma.Sql) => q.query({ text: s.text, values: parameters(s), types: pgTypes });
  return {
    query: async <T,>(s: Prisma.Sql) => (await run(s)).rows as T[],
    execute: async (s) => (await run(s)).rowCount ?? 0,
  };
}

export function liteSql(q: Pick<PGlite, "query"> | Transaction): SqlClient {
  const run = <T,>(s: Prisma.Sql) => q.query<T>(s.text, parameters(s), { parsers: PARSERS });
  return {
    query: async <T,>(s: Prisma.Sql) => (await run<T>(s)).rows,
    execute: async (s) => (await run(s)).affectedRows ?? 0,
  };
}

/** A Prisma client's own driver, for raw SQL sent on the client outside any transaction. */
const drivers = new WeakMap<object, SqlClient>();

export const useDriverFor = (prisma: object, sql: SqlClient) => void drivers.set(prisma, sql);

/**
 * Raw SQL on `q`. Sent on Prisma's client itself (no transaction), it goes straight to the client's
 * driver (the same pool or PGlite connection), without Prisma's result handling; sent on a Prisma
 * transaction, it stays in that transaction.
 */
export function sqlOn(q: Queryable): SqlClient {
  if (!("$queryRaw" in q)) return q;
  return drivers.get(q) ?? { query: (s) => q.$queryRaw(s), execute: (s) => q.$executeRaw(s) };
}

/** A transaction on one pooled connection: committed when `fn` resolves, rolled back when it throws. */
export async function pgTransaction<T>(pool: pg.Pool, fn: (sql: SqlClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await fn(pgSql(client));
    // A transaction with a failed statement answers COMMIT with ROLLBACK: that is no success.
    const { command } = await client.query("COMMIT");
    if (command === "ROLLBACK") throw new Error("The transaction was rolled back at COMMIT.");
    client.release();
    return result;
  } catch (error) {
    // A connection that cannot even roll back is closed rather than returned to the pool.
    await client.query("ROLLBACK").then(() => client.release(), (e: Error) => client.release(e));
    throw error;
  }
}

/**
 * PGlite's own transaction, as Prisma's adapter uses: both hold PGlite's transaction lock from BEGIN
 * to COMMIT, and every other statement waits for it, so nothing interleaves on the one connection.
 */
export const liteTransaction = <T,>(lite: PGlite, fn: (sql: SqlClient) => Promise<T>): Promise<T> =>
  lite.transaction((tx) => fn(liteSql(tx)));
