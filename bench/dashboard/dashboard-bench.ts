// The dashboard's figures at size, on one database (the one src/server/db.ts selects from the
// environment): GET /api/v1/metrics for the whole organisation and for one team, beside the same
// aggregates as hand-written SQL on the raw driver, in the same process on the same data, taking
// turns. Run by scripts/bench.mjs (`npm run bench`); docs/performance.md explains the figures.
import fs from "node:fs";
import os from "node:os";
import * as metricsRoute from "@/app/api/v1/metrics/route";
import { issueApiToken } from "@/src/auth/api-tokens";
import { toCalendarDate } from "@/src/domain/dates";
import { periodEnd, presetPeriod } from "@/src/domain/metrics/period";
import { prepareDatabase } from "@/src/server/boot/prepare-database";
import { closeDatabase, database, db } from "@/src/server/db";
import { type RawScope, rawMetrics } from "./raw-metrics";
import { DEFAULT_SIZE, seedHistory } from "./seed-history";

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const RUNS = setting("BENCH_DASHBOARD_RUNS", 10);
const WARMUP = setting("BENCH_DASHBOARD_WARMUP", 2);
const SIZE = { ...DEFAULT_SIZE, deals: setting("BENCH_DASHBOARD_DEALS", DEFAULT_SIZE.deals) };
/** The goals of the dashboard's issue: within 1.5× of hand-written SQL, under 300 ms for the organisation. */
const GOALS = { ratio: 1.5, orgMs: 300 };

type Timing = { medianMs: number; p95Ms: number; minMs: number; runs: number };

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const round = (x: number) => Math.round(x * 10) / 10;
  return { medianMs: round(at(0.5)), p95Ms: round(at(0.95)), minMs: round(sorted[0]!), runs: samples.length };
}

async function endpoint(token: string, query: URLSearchParams) {
  const req = new Request(`http://localhost/api/v1/metrics?${query}`, { headers: { authorization: `Bearer ${token}` } });
  const res = await metricsRoute.GET(req, { params: Promise.resolve({}) });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`GET /api/v1/metrics answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

/** Alternates the two kinds run by run (so a change in the machine's load falls on both alike). */
async function sideBySide(kinds: Record<"api" | "raw", () => Promise<unknown>>) {
  for (let i = 0; i < WARMUP; i++) for (const run of Object.values(kinds)) await run();
  const samples = { api: [] as number[], raw: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    const order = i % 2 === 0 ? (["api", "raw"] as const) : (["raw", "api"] as const);
    for (const kind of order) {
      const started = performance.now();
      await kinds[kind]();
      samples[kind].push(performance.now() - started);
    }
  }
  const api = timing(samples.api);
  const raw = timing(samples.raw);
  return { api, raw, apiToRaw: Math.round((api.medianMs / raw.medianMs) * 100) / 100 };
}

async function main() {
  if (!process.env.DATABASE_URL && !process.env.PGLITE_DIR) process.env.PGLITE_DIR = "memory://";
  const database_ = database();
  await prepareDatabase(database_, { demoData: false });
  const processRow = await database_.sql
    .selectFrom("Process as p")
    .innerJoin("ProcessVersion as v", "v.processId", "p.id")
    .select(["p.id", "v.id as versionId"])
    .where("p.isDefault", "=", true)
    .orderBy("v.version", "desc")
    .executeTakeFirstOrThrow();

  const now = new Date();
  const seedStarted = performance.now();
  const org = await seedHistory(database_, processRow.versionId, now, SIZE);
  const seedSeconds = Math.round((performance.now() - seedStarted) / 100) / 10;
  console.log(
    `Seeded ${org.deals} deals and ${org.historyEntries} history entries in ${seedSeconds} s (of which the upkeep, VACUUM (ANALYZE), ${org.upkeepMs} ms)`,
  );

  const admin = await issueApiToken(db(), org.adminId, { name: "bench" });
  const team = org.teams[0]!;
  const manager = await issueApiToken(db(), team.managerId, { name: "bench" });
  const period = presetPeriod("this_quarter", toCalendarDate(now));
  const base: Omit<RawScope, "teamId"> = {
    versionIds: [processRow.versionId],
    versionId: processRow.versionId,
    from: period.from,
    to: period.to,
    end: periodEnd(period),
    today: toCalendarDate(now),
    since: `${period.from}T00:00:00.000Z`,
  };

  const loadBefore = os.loadavg();
  const cases = [];
  for (const [label, token, teamId] of [
    ["whole organisation (admin)", admin.token, null],
    ["one team (its manager)", manager.token, team.id],
  ] as const) {
    const query = new URLSearchParams({ from: period.from, to: period.to, ...(teamId ? { teamId } : {}) });
    const scope: RawScope = { ...base, teamId };
    // The two must agree before their times mean anything.
    const [api, raw] = [await endpoint(token, query), await rawMetrics(database_.raw, scope)];
    const disagreements = compare(api, raw);
    if (disagreements.length) throw new Error(`${label}: the endpoint and the hand-written SQL disagree:\n${disagreements.join("\n")}`);
    const measured = await sideBySide({ api: () => endpoint(token, query), raw: () => rawMetrics(database_.raw, scope) });
    cases.push({
      label,
      ...measured,
      meetsRatio: measured.apiToRaw <= GOALS.ratio,
      meetsTime: teamId !== null || measured.api.medianMs < GOALS.orgMs,
    });
    console.log(`${label}: API ${measured.api.medianMs} ms, raw ${measured.raw.medianMs} ms (${measured.apiToRaw}×)`);
  }

  const result = {
    database: database_.config.kind,
    data: { deals: org.deals, historyEntries: org.historyEntries, teams: SIZE.teams, reps: SIZE.teams * SIZE.repsPerTeam, seedSeconds },
    period,
    settings: { RUNS, WARMUP },
    goals: GOALS,
    loadAverage: { before: loadBefore, after: os.loadavg() },
    cases,
  };
  await closeDatabase();
  const out = process.env.BENCH_OUT;
  if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2));
  else console.log(JSON.stringify(result, null, 2));
}

type Figures = Awaited<ReturnType<typeof rawMetrics>>;

/** Where the endpoint's answer and the hand-written SQL's differ (money to the cent, rates to 1e-9). */
function compare(api: Record<string, unknown>, raw: Figures): string[] {
  const out: string[] = [];
  const close = (a: unknown, b: unknown) =>
    a === b || (typeof a === "number" && typeof b === "number" && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));
  const walk = (path: string, a: unknown, b: unknown) => {
    if (b !== null && typeof b === "object") {
      for (const [key, value] of Object.entries(b)) walk(`${path}.${key}`, (a as Record<string, unknown> | null)?.[key], value);
      return;
    }
    if (!close(a, b)) out.push(`${path}: endpoint ${JSON.stringify(a)}, SQL ${JSON.stringify(b)}`);
  };
  for (const [key, value] of Object.entries(raw)) walk(key, api[key], value);
  return out;
}

await main();
