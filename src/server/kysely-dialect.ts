// Kysely on the app's two databases. Kysely builds and types the statements; this module runs them on
// the driver the process already holds (the pg pool, or the one PGlite connection), so Kysely's
// transactions are the app's only kind of write transaction (docs/decisions/005-typed-sql-write-path.md).
import type { PGlite } from "@electric-sql/pglite";
import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from "kysely";
import pg from "pg";
import { log } from "./ops/log";

type Run = (sql: string, parameters: readonly unknown[]) => Promise<QueryResult<unknown>>;

/** A database as Kysely's driver needs it: statements outside a transaction, and a transaction. */
export type Backend = { run: Run; transaction<T>(fn: (run: Run) => Promise<T>): Promise<T> };

// Rows come back as Prisma reads them, so both clients agree: int8 as BigInt; timestamp columns
// hold UTC wall-clock values (as Prisma writes them), read as UTC whatever the process's zone; a
// date is midnight UTC. JSON, arrays, numbers, booleans and enums (as text) need nothing.
export const PARSERS: Record<number, (text: string) => unknown> = {
  20: (text) => BigInt(text),
  1082: (text) => new Date(`${text}T00:00:00Z`),
  1114: (text) => new Date(`${text.replace(" ", "T")}Z`),
};

/** A Date goes as its UTC time (pg would send local time, which a timestamp column keeps as is). */
const toParameters = (values: readonly unknown[]) =>
  values.map((v) => (v instanceof Date ? v.toISOString() : typeof v === "bigint" ? v.toString() : v));

const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    PARSERS[oid] ?? pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

const onPg =
  (q: pg.Pool | pg.PoolClient): Run =>
  async (text, values) => {
    const result = await q.query({ text, values: toParameters(values), types: pgTypes });
    return { rows: result.rows, numAffectedRows: BigInt(result.rowCount ?? 0) };
  };

export function pgBackend(pool: pg.Pool): Backend {
  return {
    run: onPg(pool),
    async transaction(fn) {
      const client = await pool.connect();
      // While a connection is checked out the pool does not listen to it: a connection the server
      // ends mid-transaction (restart, failover, terminated backend) would otherwise throw an
      // unhandled 'error' event and end the process. The statement in flight fails on its own.
      const dropped = (error: Error) => log().warn({ err: error }, "Database connection lost in a transaction");
      client.on("error", dropped);
      const release = (error?: Error) => {
        client.off("error", dropped);
        client.release(error);
      };
      try {
        await client.query("BEGIN");
        const result = await fn(onPg(client));
        // A transaction with a failed statement answers COMMIT with ROLLBACK: that is no success.
        const { command } = await client.query("COMMIT");
        if (command === "ROLLBACK") throw new Error("The transaction was rolled back at COMMIT.");
        release();
        return result;
      } catch (error) {
        // A connection that cannot even roll back is closed rather than returned to the pool.
        await client.query("ROLLBACK").then(
          () => release(),
          (e: Error) => release(e),
        );
        throw error;
      }
    },
  };
}

const onLite =
  (q: Pick<PGlite, "query">): Run =>
  async (text, values) => {
    const result = await q.query(text, toParameters(values), { parsers: PARSERS });
    return { rows: result.rows, numAffectedRows: BigInt(result.affectedRows ?? 0) };
  };

/**
 * PGlite is one connection. Its own transaction() holds a lock from BEGIN to COMMIT that every
 * other statement waits for (Prisma's adapter uses it too), so nothing interleaves with a transaction.
 * A plain BEGIN sent as a statement would let other requests' statements run inside it.
 */
export const liteBackend = (lite: PGlite): Backend => ({
  run: onLite(lite),
  transaction: (fn) => lite.transaction((tx) => fn(onLite(tx))),
});

const ROLLBACK = Symbol("rollback");

/** Kysely drives transactions by begin/commit/rollback calls; the backends take a callback. */
class BridgedConnection implements DatabaseConnection {
  private current: Run;
  private settle?: { commit: () => void; rollback: () => void; outcome: Promise<void> };

  constructor(private readonly backend: Backend) {
    this.current = backend.run;
  }

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.current(query.sql, query.parameters) as Promise<QueryResult<R>>;
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    yield await this.executeQuery<R>(query);
  }

  async begin(): Promise<void> {
    let started!: () => void;
    const begun = new Promise<void>((resolve) => (started = resolve));
    let commit!: () => void;
    let rollback!: () => void;
    const finished = new Promise<void>((resolve, reject) => {
      commit = resolve;
      rollback = () => reject(ROLLBACK);
    });
    const outcome = this.backend.transaction(async (run) => {
      this.current = run;
      started();
      await finished;
    });
    this.settle = { commit, rollback, outcome };
    await Promise.race([begun, outcome]); // a BEGIN that fails rejects here
  }

  async end(how: "commit" | "rollback"): Promise<void> {
    const settle = this.settle;
    this.settle = undefined;
    this.current = this.backend.run;
    if (!settle) return;
    settle[how]();
    await settle.outcome.catch((e) => {
      if (e !== ROLLBACK) throw e;
    });
  }
}

class BridgedDriver implements Driver {
  constructor(private readonly backend: Backend) {}
  async init() {}
  async acquireConnection() {
    return new BridgedConnection(this.backend);
  }
  async beginTransaction(connection: DatabaseConnection) {
    await (connection as BridgedConnection).begin();
  }
  async commitTransaction(connection: DatabaseConnection) {
    await (connection as BridgedConnection).end("commit");
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    await (connection as BridgedConnection).end("rollback");
  }
  async releaseConnection() {}
  async destroy() {}
}

export function kyselyOn<DB>(backend: Backend): Kysely<DB> {
  const dialect: Dialect = {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new BridgedDriver(backend),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
  return new Kysely<DB>({ dialect });
}
