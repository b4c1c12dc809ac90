// Faults survived by the local production cluster (docs/reliability.md), under mixed traffic through
// nginx: an app instance killed with SIGKILL and started again, and PostgreSQL stopped and started
// again. `npm test` runs them reduced (a few seconds of load around each fault); `npm run chaos` runs
// them in full (CHAOS=full: more load, every fault several times) and prints the figures.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Cluster, startCluster } from "@/scripts/cluster/cluster.mjs";
import { issueApiToken } from "@/src/auth/api-tokens";
import { type Database, openDatabase } from "@/src/server/db";
import { DEMO_PASSWORD, DEMO_USERS } from "@/src/server/demo/demo-users";
import { writeFigures } from "./figures";
import { signInWithBrowser } from "./http-client";
import { type Ledger, markBaseline, newLedger, type Outcome, prepareClient, runTraffic, type TrafficClient, verifyLedger } from "./traffic";

const FULL = process.env.CHAOS === "full";
const CLIENTS = FULL ? 40 : 20;
/** Load before and after each fault. */
const LOAD_MS = FULL ? 20_000 : 5_000;
/** How many times each fault is caused in one run. */
const ROUNDS = FULL ? 3 : 1;
/** How long PostgreSQL stays away. */
const OUTAGE_MS = FULL ? 8_000 : 4_000;

const PORTS = { http: 8590, apps: [8591, 8592], pgbouncer: 8542, postgres: 8543 };
let cluster: Cluster;
let database: Database;
let clients: TrafficClient[];

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-faults-"));
  cluster = await startCluster({ dir, ports: PORTS, log: () => undefined });
  // The reps' tokens are issued in the database itself, as `Settings → API tokens` would.
  database = openDatabase({ kind: "postgres", url: cluster.postgresUrl });
  const reps = await database.prisma.user.findMany({ where: { email: { in: DEMO_USERS.filter((u) => u.role === "rep").map((u) => u.email) } } });
  clients = [];
  for (let n = 0; n < CLIENTS; n++) {
    const { token } = await issueApiToken(database.prisma, reps[n % reps.length]!.id, { name: `chaos ${n}` });
    clients.push(await prepareClient(cluster.url, token, 2, `Chaos ${n}`));
  }
});

afterAll(async () => {
  await database?.close();
  await cluster?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function untilOk(url: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const status = await fetch(url)
      .then((r) => r.status)
      .catch(() => 0);
    if (status === 200) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Runs the clients while `fault` does its work, with LOAD_MS of traffic before and after. */
async function underLoad(fault: () => Promise<void>): Promise<{ ledger: Ledger; since: Date }> {
  const since = await markBaseline(cluster.postgresUrl, clients);
  const ledger = newLedger();
  let running = true;
  const traffic = runTraffic(cluster.url, clients, ledger, () => running);
  try {
    await sleep(LOAD_MS);
    await fault();
    await sleep(LOAD_MS);
  } finally {
    running = false;
    await traffic;
  }
  return { ledger, since };
}

const isWrite = (o: Outcome) => o.op !== "read";
const summary = (outcomes: Outcome[]) => {
  const by = (pred: (o: Outcome) => boolean) => outcomes.filter(pred).length;
  return {
    requests: outcomes.length,
    writes: by(isWrite),
    ok: by((o) => typeof o.status === "number" && o.status < 300),
    conflicts: by((o) => o.status === 409),
    unavailable: by((o) => o.status === 503),
    badGateway: by((o) => o.status === 502 || o.status === 504),
    noAnswer: by((o) => o.status === "no answer"),
    serverErrors: by((o) => o.status === 500),
    slowestMs: Math.round(Math.max(0, ...outcomes.map((o) => o.ms))),
  };
};

test("an app instance killed with SIGKILL under load, then started again: no acknowledged write lost or made twice, no 500", async () => {
  const kills: { at: number; backMs: number }[] = [];
  const { ledger, since } = await underLoad(async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const victim = round % PORTS.apps.length;
      const pid = cluster.pid(`app-${victim + 1}`)!;
      process.kill(pid, "SIGKILL");
      const at = Date.now();
      await sleep(1_000);
      cluster.startInstance(victim);
      const backMs = (await untilOk(`http://127.0.0.1:${PORTS.apps[victim]}/api/ready`, 120_000)) + 1_000;
      kills.push({ at, backMs });
      if (round < ROUNDS - 1) await sleep(LOAD_MS);
    }
  });
  const verdict = await verifyLedger(cluster.postgresUrl, ledger, clients, since);
  const figures = summary(ledger.outcomes);
  writeFigures("instance-killed", { clients: CLIENTS, rounds: ROUNDS, ...figures, ...verdict, restartMs: kills.map((k) => k.backMs) });

  expect(verdict.lost).toEqual([]);
  expect(verdict.duplicated).toEqual([]);
  expect(verdict.halfWritten).toEqual([]);
  expect(figures.serverErrors).toBe(0);
  expect(figures.ok).toBeGreaterThan(CLIENTS * 5);
  // What failed was in flight on the killed instance: at most one request per client per kill, and
  // only around the kill.
  const failed = ledger.outcomes.filter((o) => o.status === "no answer" || (typeof o.status === "number" && o.status >= 500));
  expect(failed.length).toBeLessThanOrEqual(CLIENTS * ROUNDS);
  for (const o of failed) expect(kills.some((k) => o.at >= k.at && o.at - o.ms <= k.at + 1_000)).toBe(true);
  // Anything else the clients were told was an answer about their request (a conflict of versions).
  expect(ledger.outcomes.filter((o) => !failed.includes(o) && typeof o.status === "number" && o.status >= 300 && o.status !== 409)).toEqual([]);
});

type PageLoad = { path: string; status: number | "no answer"; retryAfter: string | null; errorInPlace: boolean; at: number; ms: number };

/** A manager on the dashboard and a rep on the board, loading their page again and again, signed in. */
async function loadPages(running: () => boolean): Promise<PageLoad[]> {
  const loads: PageLoad[] = [];
  const browse = async (email: string, path: string) => {
    const session = await signInWithBrowser(cluster.url, email, DEMO_PASSWORD);
    while (running()) {
      const started = performance.now();
      const answer = await session.load(path).catch(() => ({ status: "no answer" as const, retryAfter: null, errorInPlace: false }));
      loads.push({ path, ...answer, at: Date.now(), ms: performance.now() - started });
      await sleep(100);
    }
  };
  await Promise.all([browse("manager@stageline.test", "/dashboard"), browse("rep@stageline.test", "/board")]);
  return loads;
}

test("PostgreSQL stopped under load and started again: 503 with Retry-After while it is away, never a 500 or a wait past 10 s, and the instances recover by themselves", async () => {
  const outages: { stopping: number; down: number; up: number }[] = [];
  let browsing = true;
  const pages = loadPages(() => browsing);
  const { ledger, since } = await underLoad(async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const stopping = Date.now();
      await cluster.stopPostgres();
      const down = Date.now();
      await sleep(OUTAGE_MS);
      await cluster.startPostgres();
      outages.push({ stopping, down, up: Date.now() });
      if (round < ROUNDS - 1) await sleep(LOAD_MS);
    }
  }).finally(() => {
    browsing = false;
  });
  const pageLoads = await pages;
  const verdict = await verifyLedger(cluster.postgresUrl, ledger, clients, since);
  const figures = summary(ledger.outcomes);
  // Recovery: from PostgreSQL's return to the first write acknowledged after it.
  const recoveryMs = outages.map(({ up }) => {
    const first = ledger.outcomes
      .filter((o) => isWrite(o) && typeof o.status === "number" && o.status < 300 && o.at - o.ms >= up)
      .sort((a, b) => a.at - b.at)[0];
    return first ? first.at - up : Number.POSITIVE_INFINITY;
  });
  const pageFigures = {
    loads: pageLoads.length,
    ok: pageLoads.filter((l) => l.status === 200 && !l.errorInPlace).length,
    errorInPlace: pageLoads.filter((l) => l.status === 200 && l.errorInPlace).length,
    unavailable: pageLoads.filter((l) => l.status === 503).length,
    other: pageLoads.filter((l) => l.status !== 200 && l.status !== 503).map((l) => `${l.path} ${l.status}`),
    slowestMs: Math.round(Math.max(0, ...pageLoads.map((l) => l.ms))),
  };
  writeFigures("postgres-restarted", {
    clients: CLIENTS,
    rounds: ROUNDS,
    outageMs: OUTAGE_MS,
    ...figures,
    ...verdict,
    recoveryMs,
    pages: pageFigures,
  });

  expect(verdict.lost).toEqual([]);
  expect(verdict.duplicated).toEqual([]);
  expect(verdict.halfWritten).toEqual([]);
  expect(figures.serverErrors).toBe(0);
  expect(figures.slowestMs).toBeLessThan(10_000);
  expect(figures.unavailable).toBeGreaterThan(0);
  for (const o of ledger.outcomes.filter((x) => x.status === 503)) expect(o.retryAfter).toBe("5");
  // Nothing but answers: successes, conflicts of versions, and 503 while the database was away.
  expect(
    ledger.outcomes.filter(
      (o) => o.status === "no answer" || (typeof o.status === "number" && o.status >= 300 && o.status !== 409 && o.status !== 503),
    ),
  ).toEqual([]);
  for (const ms of recoveryMs) expect(ms).toBeLessThan(10_000);

  // Pages as the API: a page that could not be drawn without the database answers 503 with
  // Retry-After, never the 500 of a failure of the app, and they all answer again once it is back.
  expect(pageFigures.other).toEqual([]);
  // A page already streaming (its 200 and skeleton sent) when a read fails can only show the error
  // in place: around an outage, since the root layout asks the database before anything is sent.
  // Away from the outages and the recovery after them, no page shows one.
  const nearAnOutage = (l: PageLoad) => outages.some((o) => l.at > o.stopping && l.at - l.ms < o.up + 10_000);
  expect(
    pageLoads.filter((l) => l.errorInPlace && !nearAnOutage(l)),
    `outages ${JSON.stringify(outages)}`,
  ).toEqual([]);
  expect(pageFigures.unavailable).toBeGreaterThan(0);
  for (const l of pageLoads.filter((x) => x.status === 503)) expect(l.retryAfter).toBe("5");
  expect(pageFigures.slowestMs).toBeLessThan(10_000);
  for (const path of ["/dashboard", "/board"]) {
    const last = pageLoads.filter((l) => l.path === path).at(-1);
    expect(last?.status, `${path} once PostgreSQL is back`).toBe(200);
  }
});
