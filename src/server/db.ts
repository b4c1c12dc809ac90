// The one database client of the process: embedded PostgreSQL (PGlite) by default, a PostgreSQL
// server when DATABASE_URL names one. Both run the same schema and migrations.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../generated/kysely/types";
import { PrismaClient } from "../generated/prisma/client";
import { acquireFolderLock } from "./folder-lock";
import { log } from "./ops/log";
import { kyselyOn, liteBackend, pgBackend } from "./kysely-dialect";

/** Prisma's client: the reads of pages and lists. Writes run in a `Tx`. */
export type Reader = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
/** Typed SQL on the database, or inside one of its transactions. */
export type Sql = Kysely<DB>;
/** The one kind of write transaction: every change is made in one, and use cases take it so callers can compose them. */
export type Tx = Transaction<DB>;

/**
 * PGlite's `dir` null: in memory. Its `from`: the file of a data folder as `snapshot("none")` writes
 * it, for an in-memory database to start from instead of an empty cluster (PGLITE_TEMPLATE: the test
 * suite starts each file's database from one migrated copy, tests/setup/pglite-global.ts).
 */
export type DatabaseConfig = { kind: "pglite"; dir: string | null; from?: string } | { kind: "postgres"; url: string };

export function databaseConfig(env: Record<string, string | undefined> = process.env): DatabaseConfig {
  const url = env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) return { kind: "postgres", url };
  const dir = env.PGLITE_DIR ?? "./data/pglite";
  if (dir === "memory://") return { kind: "pglite", dir: null, ...(env.PGLITE_TEMPLATE ? { from: env.PGLITE_TEMPLATE } : {}) };
  return { kind: "pglite", dir: path.resolve(/*turbopackIgnore: true*/ dir) };
}

/** Runs raw SQL scripts (several statements) outside Prisma: migrations and bulk loads. */
export type ScriptRunner = {
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
};

export type Database = {
  config: DatabaseConfig;
  prisma: PrismaClient;
  raw: ScriptRunner;
  /** Typed SQL outside any transaction: each statement commits on its own. */
  sql: Sql;
  /**
   * Runs `fn` in a transaction: committed when `fn` resolves, rolled back when it throws. Nothing
   * inside may use Prisma: on PGlite it would wait for this very transaction.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `fn` on one connection (session-level locks need that on a server). */
  withConnection<T>(fn: (conn: ScriptRunner) => Promise<T>): Promise<T>;
  /** The embedded database's data folder as a tarball, gzipped by default (PGlite only): a backup (docs/deployment.md). */
  snapshot?: (compression?: "gzip" | "none") => Promise<Blob>;
  close(): Promise<void>;
};

// PGlite is one connection: interactive transactions queue behind each other, and the wait counts
// against maxWait. Generous limits keep a burst of writers queued instead of failing (docs/dependencies.md, PGlite).
const transactionOptions = { maxWait: 15_000, timeout: 15_000 };

export function openDatabase(config: DatabaseConfig = databaseConfig()): Database {
  if (config.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: config.url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    // An idle pooled connection the server closes (a restart, a terminated backend) is dropped and
    // replaced on next use; without a listener its error event would end the whole process.
    pool.on("error", (error) => log().warn({ err: error }, "Database connection lost while idle"));
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions });
    const runner = (q: pg.Pool | pg.PoolClient): ScriptRunner => ({
      exec: async (sql) => void (await q.query(sql)),
      query: async <T>(sql: string, params?: unknown[]) => (await q.query(sql, params)).rows as T[],
    });
    const sql = kyselyOn<DB>(pgBackend(pool));
    return {
      config,
      prisma,
      raw: runner(pool),
      sql,
      transaction: (fn) => sql.transaction().execute(fn),
      withConnection: async (fn) => {
        const client = await pool.connect();
        // As in a transaction: a connection lost while checked out must not end the process.
        const dropped = (error: Error) => log().warn({ err: error }, "Database connection lost");
        client.on("error", dropped);
        try {
          return await fn(runner(client));
        } finally {
          client.off("error", dropped);
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
    ...(config.from ? { loadDataDir: new Blob([fs.readFileSync(config.from)], { type: "application/x-tar" }) } : {}),
    // Without this, a timer keeps the process alive when the folder already holds a database.
    startParams: [...PGlite.defaultStartParams, "-c", "log_startup_progress_interval=0"],
  });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(lite), transactionOptions });
  const raw: ScriptRunner = {
    exec: async (sql) => {
      await lite.exec(sql);
      // PGlite learns how to send array parameters of each type when it opens. A script that makes
      // types (migrating a fresh database) would leave their arrays unknown until a restart, and a
      // Prisma filter on an enum array (`hasSome`) would reach the database as a malformed literal.
      await lite.refreshArrayTypes();
    },
    query: async <T>(sql: string, params?: unknown[]) => (await lite.query<T>(sql, params)).rows,
  };
  const sql = kyselyOn<DB>(liteBackend(lite));
  return {
    config,
    prisma,
    raw,
    sql,
    transaction: (fn) => sql.transaction().execute(fn),
    withConnection: (fn) => fn(raw),
    // Taken inside a transaction of PGlite's own, whose lock every other transaction waits for: no
    // write is half done in the copied files. The checkpoint flushes what only the WAL held yet, so a
    // restored copy starts without replaying it. PGlite's copy waits for statements in flight.
    snapshot: (compression = "gzip") =>
      lite.transaction(async (tx) => {
        await tx.exec("CHECKPOINT");
        return lite.dumpDataDir(compression);
      }),
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

/** Runs `fn` in the caller's transaction, or in a new one when there is none. */
export const inTransaction = <T>(tx: Tx | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> => (tx ? fn(tx) : database().transaction(fn));

/** Closes the process-wide database (scripts and tests). */
export async function closeDatabase(): Promise<void> {
  const current = holder.__stagelineDb;
  holder.__stagelineDb = undefined;
  await current?.close();
}
