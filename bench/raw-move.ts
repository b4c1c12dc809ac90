// The same stage move as hand-written SQL on the same database, without Prisma or the HTTP layer:
// the very statements the API sends (token lookup, the deal's one-statement read, the versioned
// UPDATE, the history INSERT), built by the same functions and run on the raw driver. What is left
// between the two figures is the cost of the app around them: request, validation, rules, typed rows,
// the response.
import type { CompiledQuery } from "kysely";
import { hashToken, tokenActorStatement } from "@/src/auth/api-tokens";
import { compiledOnce } from "@/src/server/compiled-once";
import { historyInsert } from "@/src/server/history/record-history";
import { visibleOpportunityStatement } from "@/src/server/opportunities/load-opportunity";
import { versionedUpdate } from "@/src/server/opportunities/write-versioned";
import { database, type ScriptRunner } from "@/src/server/db";
import { nextMove, type Client, type DealState } from "./workload";
import type { MoveOutcome } from "./api-move";

/** The statement as the app compiles it, sent on the raw driver; rows as the driver gives them. */
const run = (raw: ScriptRunner, { sql, parameters }: CompiledQuery) =>
  raw.query<Record<string, unknown>>(
    sql,
    parameters.map((v) => (v instanceof Date ? v.toISOString() : typeof v === "bigint" ? v.toString() : v)),
  );

// The app's own statements, each compiled once: what is left is hand-written SQL with its values.
const moveUpdate = compiledOnce(["id", "version", "stageKey", "now"], (v) =>
  versionedUpdate(database().sql, v.id, v.version, { stageKey: v.stageKey, stageEnteredAt: v.now }, v.now),
);
const historyEntry = compiledOnce(["opportunityId", "actorId", "at", "fromStage", "toStage", "secondsInStage", "details"], (v) =>
  historyInsert(database().sql, [{ type: "stage_changed", ...v }]),
);

async function moveInTransaction(sql: ScriptRunner, client: Client, deal: DealState): Promise<MoveOutcome> {
  const { toStage, reason } = nextMove(deal.stage);
  const now = new Date();
  const [row] = await run(
    sql,
    visibleOpportunityStatement({ id: deal.id, everything: false, ownerId: client.actorId, teamIds: [], deskGroups: [], deputyId: null }),
  );
  if (!row) throw new Error(`Deal ${deal.id} not found`);
  if (row.version !== deal.version) {
    Object.assign(deal, { stage: row.stageKey, version: row.version });
    return "conflict";
  }
  const secondsInStage = Math.max(0, Math.round((now.getTime() - new Date(row.stageEnteredAt as string).getTime()) / 1000));
  await run(sql, moveUpdate({ id: deal.id, version: deal.version, stageKey: toStage, now }));
  const details = JSON.stringify(reason ? { kind: "backward", reason } : { kind: "forward" });
  await run(sql, historyEntry({ opportunityId: deal.id, actorId: client.actorId, at: now, fromStage: deal.stage, toStage, secondsInStage, details }));
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
    const [actor] = await run(sql, tokenActorStatement({ tokenHash: hashToken(client.token), now: new Date() }));
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
