// The same stage move as hand-written SQL on the same database, without Prisma or the HTTP layer:
// the very statements the API sends (token lookup, the deal's one-statement read, the versioned
// UPDATE, the history INSERT), built by the same functions and run on the raw driver. What is left
// between the two figures is the cost of the app around them: request, validation, rules, typed rows,
// the response.
import { sql as kysql, type Compilable } from "kysely";
import { hashToken, tokenActorQuery } from "@/src/auth/api-tokens";
import { historyInsert } from "@/src/server/history/record-history";
import { opportunityQuery } from "@/src/server/opportunities/load-opportunity";
import { versionedUpdate } from "@/src/server/opportunities/write-versioned";
import { database, type ScriptRunner } from "@/src/server/db";
import { nextMove, type Client, type DealState } from "./workload";
import type { MoveOutcome } from "./api-move";

/** The statement as the app compiles it, sent on the raw driver; rows as the driver gives them. */
const run = (raw: ScriptRunner, q: Compilable) => {
  const { sql: text, parameters } = q.compile();
  return raw.query<Record<string, unknown>>(text, parameters.map((v) => (v instanceof Date ? v.toISOString() : typeof v === "bigint" ? v.toString() : v)));
};
const k = () => database().sql; // builds the statements only: nothing is sent through it

async function moveInTransaction(sql: ScriptRunner, client: Client, deal: DealState): Promise<MoveOutcome> {
  const { toStage, reason } = nextMove(deal.stage);
  const now = new Date();
  const [row] = await run(sql, opportunityQuery(k(), kysql<boolean>`o."id" = ${deal.id} AND o."ownerId" = ${client.actorId}`).limit(1));
  if (!row) throw new Error(`Deal ${deal.id} not found`);
  if (row.version !== deal.version) {
    Object.assign(deal, { stage: row.stageKey, version: row.version });
    return "conflict";
  }
  const secondsInStage = Math.max(0, Math.round((now.getTime() - new Date(row.stageEnteredAt as string).getTime()) / 1000));
  await run(sql, versionedUpdate(k(), deal.id, deal.version, { stageKey: toStage, stageEnteredAt: now }, now));
  await run(
    sql,
    historyInsert(k(), [
      { opportunityId: deal.id, type: "stage_changed", actorId: client.actorId, at: now, fromStage: deal.stage, toStage, secondsInStage,
        details: reason ? { kind: "backward", reason } : { kind: "forward" } },
    ]),
  );
  deal.stage = toStage;
  deal.version++;
  return "moved";
}

// PGlite is one connection: a transaction must own it from BEGIN to COMMIT, as PGlite's own
// transaction() (which Prisma's adapter and Database.transaction use) ensures. A server gives each
// transaction a pooled one.
let queue: Promise<unknown> = Promise.resolve();
function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

export function moveWithRawSql(client: Client, deal: DealState): Promise<MoveOutcome> {
  const db = database();
  const transaction = (sql: ScriptRunner) => async () => {
    // Authentication happens before the transaction, as in the API.
    const [actor] = await run(sql, tokenActorQuery(k(), hashToken(client.token), new Date()));
    if (!actor) throw new Error("Bench token did not authenticate");
    await sql.exec("BEGIN");
    try {
      const outcome = await moveInTransaction(sql, client, deal);
      await sql.exec(outcome === "moved" ? "COMMIT" : "ROLLBACK");
      return outcome;
    } catch (e) {
      await sql.exec("ROLLBACK").catch(() => undefined);
      throw e;
    }
  };
  if (db.config.kind === "pglite") return exclusive(transaction(db.raw));
  return db.withConnection((conn) => transaction(conn)());
}
