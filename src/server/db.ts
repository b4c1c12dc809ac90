// The one database client of the process: embedded PostgreSQL (PGlite) by default, a PostgreSQL
// server when DATABASE_URL names one. Both run the same schema and migrations.
import fs from "node:fs";
import path from "node:path";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "../generated/prisma/client";
import { acquireFolderLock } from "./folder-lock";

export type Db = PrismaClient;
/** A transaction client, or the client itself: use cases take one so callers can compose them. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export type DatabaseConfig =
  | { kind: "pglite"; dir: string | null } // null: in memory
  | { kind: "postgres"; url: string };

export function databaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) return { kind: "postgres", url };
  const dir = env.PGLITE_DIR ?? "./data/pglite";
  return { kind: "pglite", dir: dir === "memory://" ? null : path.resolve(/*turbopackIgnore: true*/ dir) };
}

/** Runs raw SQL scripts (several statements) outside Prisma: migrations and bulk loads. */
export type ScriptRunner = {
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
};

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

export type Database = {
  config: DatabaseConfig;
  prisma: PrismaClient;
  raw: ScriptRunner;
  /** Statements on the driver outside any transaction: each commits on its own. */
  sql: SqlClient;
  /**
   * Runs `fn` in a transaction on the driver: committed when `fn` resolves, rolled back when it
   * throws. Nothing inside may use Prisma: on PGlite it would wait for this very transaction.
   */
  transaction<T>(fn: (sql: SqlClient) => Promise<T>): Promise<T>;
  /** Runs `fn` on one connection (session-level locks need that on a server). */
  withConnection<T>(fn: (conn: ScriptRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

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

function pgSql(q: pg.Pool | pg.PoolClient): SqlClient {
  const run = (s: Prisma.Sql) => q.query({ text: s.text, values: parameters(s), types: pgTypes });
  return {
    query: async <T,>(s: Prisma.Sql) => (await run(s)).rows as T[],
    execute: async (s) => (await run(s)).rowCount ?? 0,
  };
}

function liteSql(q: Pick<PGlite, "query"> | Transaction): SqlClient {
  const run = <T,>(s: Prisma.Sql) => q.query<T>(s.text, parameters(s), { parsers: PARSERS });
  return {
    query: async <T,>(s: Prisma.Sql) => (await run<T>(s)).rows,
    execute: async (s) => (await run(s)).affectedRows ?? 0,
  };
}

/** A Prisma client's own driver, for raw SQL sent on the client outside any transaction. */
const drivers = new WeakMap<object, SqlClient>();

/**
 * Raw SQL on `q`. Sent on Prisma's client itself (no transaction), it goes straight to the client's
 * driver (the same pool or PGlite connection), without Prisma's result handling; sent on a Prisma
 * transaction, it stays in that transaction.
 */
export function sqlOn(q: Queryable): SqlClient {
  if (!("$queryRaw" in q)) return q;
  return drivers.get(q) ?? { query: (s) => q.$queryRaw(s), execute: (s) => q.$executeRaw(s) };
}

// PGlite is one connection: interactive transactions queue behind each other, and the wait counts
// against maxWait. Generous limits keep a burst of writers queued instead of failing (STACK.md).
const transactionOptions = { maxWait: 15_000, timeout: 15_000 };

export function openDatabase(config: DatabaseConfig = databaseConfig()): Database {
  if (config.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: config.url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions });
    const runner = (q: pg.Pool | pg.PoolClient): ScriptRunner => ({
      exec: async (sql) => void (await q.query(sql)),
      query: async <T,>(sql: string, params?: unknown[]) => (await q.query(sql, params)).rows as T[],
    });
    const sql = pgSql(pool);
    drivers.set(prisma, sql);
    return {
      config,
      prisma,
      raw: runner(pool),
      sql,
      transaction: async (fn) => {
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
      },
      withConnection: async (fn) => {
        const client = await pool.connect();
        try {
          return await fn(runner(client));
        } finally {
          client.release();
        }
      },
      close: async () => {
        await prisma.$disconnect();
        await pool.end().catch(() => undefined);
      },
    };
  }

  // Timestamp columns hold UTC wall-clock values, as Prisma writes them. Through the PGlite adapter,
  // raw queries hand them back as zone-less text that is read in the process's zone, so the process
  // runs in UTC (pages format times for the viewer; nothing relies on the server's zone).
  process.env.TZ = "UTC";
  let release = () => {};
  if (config.dir) {
    fs.mkdirSync(config.dir, { recursive: true });
    release = acquireFolderLock(config.dir);
  }
  const lite = new PGlite(config.dir ?? undefined, {
    // Without this, a timer keeps the process alive when the folder already holds a database.
    startParams: [...PGlite.defaultStartParams, "-c", "log_startup_progress_interval=0"],
  });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(lite), transactionOptions });
  const raw: ScriptRunner = {
    exec: async (sql) => void (await lite.exec(sql)),
    query: async <T,>(sql: string, params?: unknown[]) => (await lite.query<T>(sql, params)).rows,
  };
  const sql = liteSql(lite);
  drivers.set(prisma, sql);
  return {
    config,
    prisma,
    raw,
    sql,
    // PGlite's own transaction, as Prisma's adapter uses: both hold PGlite's transaction lock from
    // BEGIN to COMMIT, and every other statement waits for it, so nothing interleaves on the one connection.
    transaction: (fn) => lite.transaction((tx) => fn(liteSql(tx))),
    withConnection: (fn) => fn(raw),
    close: async () => {
      await prisma.$disconnect();
      await lite.close().catch(() => undefined);
      release();
    },
  };
}

const holder = globalThis as unknown as { __stagelineDb?: Database };

/** The process-wide database, opened on first use. */
export function database(): Database {
  holder.__stagelineDb ??= openDatabase();
  return holder.__stagelineDb;
}

export function db(): PrismaClient {
  return database().prisma;
}

/** Closes the process-wide database (scripts and tests). */
export async function closeDatabase(): Promise<void> {
  const current = holder.__stagelineDb;
  holder.__stagelineDb = undefined;
  await current?.close();
}
