// Mixed traffic for the fault tests (docs/reliability.md): clients side by side over real HTTP through
// nginx, each a rep's API token with deals of its own, doing moves, field edits, creations, approval
// requests and reads in a closed loop, and keeping a ledger of what the server acknowledged, what it
// refused and what may or may not have happened (no answer). Afterwards `verifyLedger` reads the
// database itself and checks every acknowledged write is there exactly once, every uncertain one at
// most once, and no deal is half-written.
import crypto from "node:crypto";
import pg from "pg";
import { callJson, type Reply } from "./http-client";

export type Op = "move" | "edit" | "create" | "approval" | "withdraw" | "read";

export type Outcome = { op: Op; status: number | "no answer"; ms: number; at: number; retryAfter: string | null; error?: string };

/** A deal the client moves and edits; `setupVersion` is its version when the traffic began (`markBaseline`). */
type Deal = { id: string; stage: "identify" | "qualify"; version: number; setupVersion: number };

export type TrafficClient = { token: string; deals: Deal[]; approvalDeal: string; pending: string | null };

/** What the server said to every write: done (2xx), refused (4xx or 503: not done), or no answer (may be either). */
export type Ledger = {
  outcomes: Outcome[];
  /** Tags of the writes answered 2xx, by kind. */
  acked: { create: string[]; edit: string[]; approval: string[]; move: Map<string, number> };
  /** Tags of the writes that got no answer (or a 502/504 from nginx): each happened once or not at all. */
  uncertain: { create: string[]; edit: string[]; approval: string[]; move: Map<string, number> };
};

export const newLedger = (): Ledger => ({
  outcomes: [],
  acked: { create: [], edit: [], approval: [], move: new Map() },
  uncertain: { create: [], edit: [], approval: [], move: new Map() },
});

const OPEN_DEAL = { accountName: "Chaos Ltd", amount: 1_000, closeDate: "2027-03-31", buyingProcess: "IT reviews, CFO signs" };

/** One client's deals, made through the API: deals that can move Identify ↔ Qualify, and one needing approval. */
export async function prepareClient(url: string, token: string, deals: number, tag: string): Promise<TrafficClient> {
  const must = async (reply: Promise<Reply>, what: string) => {
    const r = await reply;
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const made: Deal[] = [];
  for (let i = 0; i < deals; i++) {
    const created = await must(callJson(url, "/api/v1/opportunities", { token, body: { ...OPEN_DEAL, name: `${tag} deal ${i}` } }), "create");
    const attested = await must(
      callJson(url, `/api/v1/opportunities/${created.id}/criteria/decision_maker_meeting`, {
        token,
        body: { satisfied: true, version: created.version },
      }),
      "criterion",
    );
    const contacts = await must(
      callJson(url, `/api/v1/opportunities/${created.id}/contacts`, {
        token,
        method: "PUT",
        body: { version: attested.opportunityVersion ?? attested.version, contacts: [{ name: "Priya Nair", role: "decision_maker" }] },
      }),
      "contacts",
    );
    made.push({ id: created.id, stage: "identify", version: contacts.version, setupVersion: contacts.version });
  }
  // A discount above 15 % needs the sales manager's approval (the default rules).
  const approval = await must(
    callJson(url, "/api/v1/opportunities", { token, body: { ...OPEN_DEAL, name: `${tag} approval deal`, discountPercent: 20 } }),
    "approval deal",
  );
  return { token, deals: made, approvalDeal: approval.id, pending: null };
}

/**
 * Before a run of traffic: each deal's version and stage as the database has them now (the end of the
 * last run may have left the clients unsure), and the time from which its history is counted.
 */
export async function markBaseline(postgresUrl: string, clients: TrafficClient[]): Promise<Date> {
  const db = new pg.Client({ connectionString: postgresUrl });
  await db.connect();
  try {
    const deals = clients.flatMap((c) => c.deals);
    const { rows } = await db.query<{ id: string; version: number; stageKey: Deal["stage"] }>(
      `SELECT id, version, "stageKey" FROM "Opportunity" WHERE id = ANY ($1)`,
      [deals.map((d) => d.id)],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const deal of deals) {
      const row = byId.get(deal.id)!;
      Object.assign(deal, { version: row.version, stage: row.stageKey, setupVersion: row.version });
    }
    return new Date();
  } finally {
    await db.end();
  }
}

/** Answers after which a write may or may not have been made: nginx's when the instance it sent the write to died before answering, and 503 when the database went away mid-write (its commit may have happened). */
const UNCERTAIN = new Set([502, 503, 504]);

/**
 * Runs `clients` until `until()` says stop, each sending its next request when the previous one
 * answered. Every answer goes to the ledger; a deal's version is read again after a conflict or an
 * uncertain write.
 */
export async function runTraffic(url: string, clients: TrafficClient[], ledger: Ledger, running: () => boolean): Promise<void> {
  await Promise.all(clients.map((client, n) => runClient(url, client, n, ledger, running)));
}

async function runClient(url: string, client: TrafficClient, n: number, ledger: Ledger, running: () => boolean) {
  let turn = 0;
  while (running()) {
    turn++;
    const r = (turn * 7 + n) % 20;
    const deal = client.deals[turn % client.deals.length]!;
    if (r < 7) await move(url, client, deal, ledger);
    else if (r < 11) await edit(url, client, deal, ledger);
    else if (r < 13) await create(url, client, ledger);
    else if (r < 15) await approval(url, client, ledger);
    else await read(url, client, deal, ledger);
  }
}

/** Sends one request and records its outcome; a request that got no answer is "no answer". */
async function send(url: string, op: Op, path: string, init: Parameters<typeof callJson>[2], ledger: Ledger): Promise<Reply | null> {
  const started = performance.now();
  try {
    const reply = await callJson(url, path, init);
    ledger.outcomes.push({ op, status: reply.status, ms: performance.now() - started, at: Date.now(), retryAfter: reply.retryAfter });
    return reply;
  } catch (e) {
    const error = String((e as Error).cause ?? e);
    ledger.outcomes.push({ op, status: "no answer", ms: performance.now() - started, at: Date.now(), retryAfter: null, error });
    return null;
  }
}

const tagged = (kind: string) => `${kind} ${crypto.randomUUID()}`;
const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

async function refresh(url: string, client: TrafficClient, deal: Deal, ledger: Ledger) {
  const reply = await send(url, "read", `/api/v1/opportunities/${deal.id}`, { token: client.token }, ledger);
  if (reply?.status === 200) {
    deal.version = reply.body.version;
    deal.stage = reply.body.stage;
  }
}

async function move(url: string, client: TrafficClient, deal: Deal, ledger: Ledger) {
  const forward = deal.stage === "identify";
  const body = forward
    ? { toStage: "qualify", version: deal.version }
    : { toStage: "identify", version: deal.version, reason: "Back for another look" };
  const reply = await send(url, "move", `/api/v1/opportunities/${deal.id}/transitions`, { token: client.token, body }, ledger);
  if (reply?.status === 200) {
    bump(ledger.acked.move, deal.id);
    deal.version = reply.body.version;
    deal.stage = reply.body.stage;
    return;
  }
  if (!reply || UNCERTAIN.has(reply.status)) bump(ledger.uncertain.move, deal.id);
  await refresh(url, client, deal, ledger);
}

async function edit(url: string, client: TrafficClient, deal: Deal, ledger: Ledger) {
  const nextStep = tagged("step");
  const reply = await send(
    url,
    "edit",
    `/api/v1/opportunities/${deal.id}`,
    { token: client.token, method: "PATCH", body: { version: deal.version, nextStep } },
    ledger,
  );
  if (reply?.status === 200) {
    ledger.acked.edit.push(nextStep);
    deal.version = reply.body.version;
    return;
  }
  if (!reply || UNCERTAIN.has(reply.status)) ledger.uncertain.edit.push(nextStep);
  await refresh(url, client, deal, ledger);
}

async function create(url: string, client: TrafficClient, ledger: Ledger) {
  const name = tagged("created");
  const reply = await send(url, "create", "/api/v1/opportunities", { token: client.token, body: { ...OPEN_DEAL, name } }, ledger);
  if (reply?.status === 201) ledger.acked.create.push(name);
  else if (!reply || UNCERTAIN.has(reply.status)) ledger.uncertain.create.push(name);
}

/** Submits an approval request for the client's approval deal, or withdraws the one it has pending. */
async function approval(url: string, client: TrafficClient, ledger: Ledger) {
  if (client.pending) {
    const reply = await send(url, "withdraw", `/api/v1/approval-requests/${client.pending}/withdraw`, { token: client.token, body: {} }, ledger);
    // Withdrawn, not pending any more, or perhaps withdrawn (no answer, 502-504): submit next either
    // way; a submit that finds one still pending is answered 409 and reads it again.
    if (reply?.status !== 500) client.pending = null;
    return;
  }
  const justification = tagged("justified");
  const reply = await send(
    url,
    "approval",
    `/api/v1/opportunities/${client.approvalDeal}/approval-requests`,
    { token: client.token, body: { justification } },
    ledger,
  );
  if (reply?.status === 201) {
    ledger.acked.approval.push(justification);
    client.pending = reply.body.id;
  } else {
    if (!reply || UNCERTAIN.has(reply.status)) ledger.uncertain.approval.push(justification);
    // Perhaps made, or one is pending already (409): the deal names its latest request.
    const deal = await send(url, "read", `/api/v1/opportunities/${client.approvalDeal}`, { token: client.token }, ledger);
    const approval = deal?.body?.approval as { status?: string; requestId?: string | null } | undefined;
    client.pending = approval?.status === "pending" ? (approval.requestId ?? null) : null;
  }
}

async function read(url: string, client: TrafficClient, deal: Deal, ledger: Ledger) {
  if (deal.version % 2) await send(url, "read", `/api/v1/opportunities/${deal.id}`, { token: client.token }, ledger);
  else await send(url, "read", "/api/v1/opportunities?limit=20", { token: client.token }, ledger);
}

export type Verdict = {
  acknowledgedWrites: number;
  uncertainWrites: number;
  lost: string[];
  duplicated: string[];
  halfWritten: string[];
};

/**
 * Reads the database (PostgreSQL itself, past PgBouncer) and checks the ledger against it: every
 * acknowledged write is there exactly once, every uncertain one at most once; each deal's moves
 * and edits are its version's steps one for one (a version without its history entry, or an entry
 * without its version, is a half-written deal).
 */
export async function verifyLedger(postgresUrl: string, ledger: Ledger, clients: TrafficClient[], since: Date): Promise<Verdict> {
  const db = new pg.Client({ connectionString: postgresUrl });
  await db.connect();
  try {
    const lost: string[] = [];
    const duplicated: string[] = [];
    const count = async (sql: string, values: string[]) => {
      const { rows } = await db.query<{ tag: string; n: string }>(sql, [values]);
      return new Map(rows.map((r) => [r.tag, Number(r.n)]));
    };
    const check = (kind: string, counts: Map<string, number>, acked: string[], uncertain: string[]) => {
      for (const tag of acked) {
        const n = counts.get(tag) ?? 0;
        if (n === 0) lost.push(`${kind}: ${tag}`);
        if (n > 1) duplicated.push(`${kind}: ${tag} (${n})`);
      }
      for (const tag of uncertain) if ((counts.get(tag) ?? 0) > 1) duplicated.push(`${kind}: ${tag}`);
    };
    const { acked, uncertain } = ledger;
    const created = [...acked.create, ...uncertain.create];
    check(
      "create",
      await count(`SELECT name AS tag, count(*) AS n FROM "Opportunity" WHERE name = ANY ($1) GROUP BY 1`, created),
      acked.create,
      uncertain.create,
    );
    check(
      "edit",
      await count(
        `SELECT details->'to'->>'nextStep' AS tag, count(*) AS n FROM "HistoryEntry" WHERE type = 'next_step_changed' AND details->'to'->>'nextStep' = ANY ($1) GROUP BY 1`,
        [...acked.edit, ...uncertain.edit],
      ),
      acked.edit,
      uncertain.edit,
    );
    check(
      "approval",
      await count(`SELECT justification AS tag, count(*) AS n FROM "ApprovalRequest" WHERE justification = ANY ($1) GROUP BY 1`, [
        ...acked.approval,
        ...uncertain.approval,
      ]),
      acked.approval,
      uncertain.approval,
    );

    // Each traffic deal: its moves between the acknowledged and the acknowledged plus uncertain, and
    // its version = its version when the traffic began + its stage changes + its next step changes
    // since, each write one version and one history entry.
    const setup = new Map(clients.flatMap((c) => c.deals.map((d) => [d.id, d.setupVersion] as const)));
    const { rows } = await db.query<{ id: string; version: number; moves: string; edits: string }>(
      `SELECT o.id, o.version,
         count(h.id) FILTER (WHERE h.type = 'stage_changed') AS moves,
         count(h.id) FILTER (WHERE h.type = 'next_step_changed') AS edits
       FROM "Opportunity" o LEFT JOIN "HistoryEntry" h ON h."opportunityId" = o.id AND h."at" >= (CAST($2 AS timestamptz) AT TIME ZONE 'UTC')
       WHERE o.id = ANY ($1) GROUP BY 1, 2`,
      // History times are UTC wall-clock values (timestamp without time zone), as the app writes them.
      [[...setup.keys()], since.toISOString()],
    );
    const halfWritten: string[] = [];
    for (const row of rows) {
      const moves = Number(row.moves);
      const ackedMoves = acked.move.get(row.id) ?? 0;
      const maybe = uncertain.move.get(row.id) ?? 0;
      if (moves < ackedMoves) lost.push(`move: ${row.id} has ${moves} of ${ackedMoves} acknowledged moves`);
      if (moves > ackedMoves + maybe) duplicated.push(`move: ${row.id} has ${moves} moves for ${ackedMoves} acknowledged and ${maybe} unanswered`);
      const expected = setup.get(row.id)! + moves + Number(row.edits);
      if (row.version !== expected) halfWritten.push(`${row.id}: version ${row.version}, its history says ${expected}`);
    }
    const uncertainWrites =
      uncertain.create.length + uncertain.edit.length + uncertain.approval.length + [...uncertain.move.values()].reduce((a, b) => a + b, 0);
    const acknowledgedWrites = acked.create.length + acked.edit.length + acked.approval.length + [...acked.move.values()].reduce((a, b) => a + b, 0);
    return { acknowledgedWrites, uncertainWrites, lost, duplicated, halfWritten };
  } finally {
    await db.end();
  }
}
