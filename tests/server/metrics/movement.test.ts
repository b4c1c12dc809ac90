// Pipeline movement (docs/rules/dashboard.md, "Movement") reconstructed from random histories: the
// pipeline then and now agree with a replay of each deal's events in memory, and the waterfall adds
// up (then + every step = now); and each of its numbers is the list of the deals behind it, on both
// databases.
import fc from "fast-check";
import { beforeAll, expect, test } from "vitest";
import { fromCalendarDate, toCalendarDate } from "@/src/domain/dates";
import { database, db } from "@/src/server/db";
import type { Actor } from "@/src/auth/actor";
import type { MovementKind } from "@/src/domain/metrics/deal-figures";
import { dealsBehind } from "@/src/server/metrics/deals-behind";
import { pipelineMovement } from "@/src/server/metrics/movement";
import type { MetricsScope } from "@/src/server/metrics/metrics-scope";
import { getActiveProcessVersion } from "@/src/server/process/get-process-version";
import { actorOf } from "../../support/board";
import { ensureDefaults } from "../../support/deals";
import { createTeam, createUser } from "../../support/fixtures";

const PERIOD = { from: "2026-10-01", to: "2026-12-31" };
const T0 = new Date("2026-07-01T00:00:00Z").getTime();
const DAY = 86_400_000;

type Event =
  | { kind: "move"; to: number } // an index into the process's stages (open, won or lost)
  | { kind: "disqualify" }
  | { kind: "reopen"; to: number }
  | { kind: "amount"; amount: number }
  | { kind: "close"; day: number };

type State = { stage: number; status: "open" | "won" | "lost" | "disqualified"; amount: number; closeDay: number };

const event = fc.oneof(
  fc.record({ kind: fc.constant("move" as const), to: fc.nat(6) }),
  fc.record({ kind: fc.constant("disqualify" as const) }),
  fc.record({ kind: fc.constant("reopen" as const), to: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant("amount" as const), amount: fc.integer({ min: 1, max: 200 }).map((k) => k * 500) }),
  fc.record({ kind: fc.constant("close" as const), day: fc.integer({ min: 60, max: 240 }) }),
);
const deal = fc.record({
  createdDay: fc.integer({ min: 0, max: 150 }),
  amount: fc.integer({ min: 1, max: 200 }).map((k) => k * 500),
  closeDay: fc.integer({ min: 60, max: 240 }),
  events: fc.array(fc.record({ after: fc.integer({ min: 1, max: 20 }), event }), { maxLength: 6 }),
});

type DealSpec = { createdDay: number; amount: number; closeDay: number; events: { after: number; event: Event }[] };

let ownerId: string;
let manager: Actor;
let scope: MetricsScope;
let stages: { key: string; kind: string; order: number }[];

beforeAll(async () => {
  await ensureDefaults();
  const team = await createTeam("Movement");
  ownerId = (await createUser({ role: "rep", teamId: team.id })).id;
  const lead = await createUser({ role: "manager", teamId: team.id });
  await db().team.update({ where: { id: team.id }, data: { managerId: lead.id } });
  manager = await actorOf(lead);
  const process = await getActiveProcessVersion(database().sql);
  stages = process.stages.map((s) => ({ key: s.key, kind: s.kind, order: s.order }));
  const row = await db().processVersion.findUniqueOrThrow({ where: { id: process.id }, include: { process: true } });
  scope = {
    period: PERIOD,
    teamIds: [team.id],
    ownerId: null,
    process: { id: row.processId, key: row.process.key, name: row.process.name, versionId: row.id },
    versionIds: [row.id],
  };
});

const dayOf = (day: number) => toCalendarDate(new Date(T0 + day * DAY));
const inPipeline = (s: State | null) => s !== null && s.status === "open" && dayOf(s.closeDay) >= PERIOD.from && dayOf(s.closeDay) <= PERIOD.to;

/** Writes a deal and its history as the app would have, and answers its state at each event time. */
async function writeDeal(spec: DealSpec) {
  const open = stages.filter((s) => s.kind === "open");
  let state: State = { stage: 0, status: "open", amount: spec.amount, closeDay: spec.closeDay };
  const timeline: { at: number; state: State }[] = [{ at: T0 + spec.createdDay * DAY, state }];
  const history: { type: string; at: Date; toStage?: string; details?: object }[] = [
    { type: "created", at: new Date(T0 + spec.createdDay * DAY), toStage: open[0]!.key },
  ];
  const dateChanges: { at: Date; oldDay: number; newDay: number }[] = [];
  let at = T0 + spec.createdDay * DAY;
  for (const { after, event: e } of spec.events) {
    at += after * DAY;
    const next = { ...state };
    if (e.kind === "move" && state.status === "open") {
      const to = stages[e.to % stages.length]!;
      if (to.order === state.stage) continue;
      next.stage = to.order;
      next.status = to.kind === "won" ? "won" : to.kind === "lost" ? "lost" : "open";
      history.push({ type: "stage_changed", at: new Date(at), toStage: to.key });
    } else if (e.kind === "disqualify" && state.status === "open") {
      next.status = "disqualified";
      history.push({ type: "disqualified", at: new Date(at) });
    } else if (e.kind === "reopen" && state.status === "lost") {
      next.status = "open";
      next.stage = open[e.to % open.length]!.order;
      history.push({ type: "reopened", at: new Date(at), toStage: open[e.to % open.length]!.key });
    } else if (e.kind === "amount" && e.amount !== state.amount) {
      next.amount = e.amount;
      history.push({ type: "field_changed", at: new Date(at), details: { changes: { amount: { from: state.amount, to: e.amount } } } });
    } else if (e.kind === "close" && e.day !== state.closeDay) {
      next.closeDay = e.day;
      dateChanges.push({ at: new Date(at), oldDay: state.closeDay, newDay: e.day });
    } else continue;
    state = next;
    timeline.push({ at, state });
  }
  const stage = stages.find((s) => s.order === state.stage)!;
  const created = await db().opportunity.create({
    data: {
      name: "Random",
      accountName: "Random Inc",
      amountCents: BigInt(state.amount * 100),
      closeDate: fromCalendarDate(dayOf(state.closeDay)),
      originalCloseDate: fromCalendarDate(dayOf(spec.closeDay)),
      ownerId,
      processVersionId: (await getActiveProcessVersion(database().sql)).id,
      stageKey: stage.key,
      stageEnteredAt: new Date(at),
      status: state.status,
      closedAt: state.status === "open" ? null : new Date(at),
      createdAt: new Date(T0 + spec.createdDay * DAY),
    },
  });
  await db().historyEntry.createMany({
    data: history.map((h) => ({ opportunityId: created.id, type: h.type as never, at: h.at, toStage: h.toStage ?? null, details: h.details ?? {} })),
  });
  await db().closeDateChange.createMany({
    data: dateChanges.map((c) => ({
      opportunityId: created.id,
      oldDate: fromCalendarDate(dayOf(c.oldDay)),
      newDate: fromCalendarDate(dayOf(c.newDay)),
      slipDays: c.newDay - c.oldDay,
      changedAt: c.at,
    })),
  });
  const stateAt = (t: number) => timeline.filter((x) => x.at <= t).at(-1)?.state ?? null;
  return { stateAt, now: state };
}

test("then and now agree with a replay of the events, and then + every step = now", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(deal, { minLength: 1, maxLength: 6 }), fc.integer({ min: 20, max: 200 }), async (deals, sinceDay) => {
      await db().opportunity.deleteMany({ where: { ownerId } });
      const written = [];
      for (const d of deals) written.push(await writeDeal(d));
      const since = new Date(T0 + sinceDay * DAY + DAY / 2);
      const m = await pipelineMovement(database().sql, scope, since, "USD");

      const then = written.map((w) => w.stateAt(since.getTime())).filter(inPipeline);
      const now = written.map((w) => w.now).filter(inPipeline);
      expect(m.start).toEqual({ count: then.length, value: then.reduce((s, x) => s + x!.amount, 0) });
      expect(m.now).toEqual({ count: now.length, value: now.reduce((s, x) => s + x.amount, 0) });
      const sum = Object.values(m.steps).reduce((s, step) => s + step.value, 0);
      expect(m.start.value + sum).toBeCloseTo(m.now.value, 6);
    }),
    { numRuns: 25 },
  );
});

/** Each number of the waterfall against the list of the deals behind it, from the start of `day`. */
async function expectListsToMatch(day: string) {
  const m = await pipelineMovement(database().sql, scope, fromCalendarDate(day), "USD");
  const figures: [MovementKind, { count: number; value?: number }][] = [
    ["start", m.start],
    ["new", m.steps.new],
    ["forward", { count: m.movedForward }],
    ["back", { count: m.movedBack }],
    ["pushed", m.steps.pushedOut],
    ["pulled", m.steps.pulledIn],
    ["won", m.steps.won],
    ["lost", m.steps.lost],
    ["disqualified", m.steps.disqualified],
    ["amount", m.steps.amountChanges],
    ["now", m.now],
  ];
  for (const [kind, figure] of figures) {
    const list = await dealsBehind(manager, {
      ...PERIOD,
      teamId: scope.teamIds![0],
      figure: "movement",
      kind,
      since: day,
      currency: "USD",
      limit: 10_000,
    });
    expect([kind, list.total]).toEqual([kind, figure.count]);
    if (figure.value !== undefined) expect([kind, list.value]).toEqual([kind, figure.value]);
  }
}

test("over random histories, each number of the waterfall is the count and value of the list of deals behind it", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(deal, { minLength: 1, maxLength: 6 }), fc.integer({ min: 20, max: 200 }), async (deals, sinceDay) => {
      await db().opportunity.deleteMany({ where: { ownerId } });
      for (const d of deals) await writeDeal(d);
      await expectListsToMatch(dayOf(sinceDay));
    }),
    { numRuns: 10 },
  );
});

test("each kind of change lands in its own step", async () => {
  await db().opportunity.deleteMany({ where: { ownerId } });
  const since = new Date(T0 + 100 * DAY);
  const open = { createdDay: 10, amount: 1_000, closeDay: 120, events: [] as { after: number; event: Event }[] };
  await writeDeal(open); // stays: 1,000
  await writeDeal({ ...open, events: [{ after: 100, event: { kind: "amount", amount: 1_500 } }] }); // stays, +500 after since
  await writeDeal({ ...open, createdDay: 110 }); // new: +1,000
  await writeDeal({ ...open, closeDay: 250, events: [{ after: 100, event: { kind: "close", day: 130 } }] }); // pulled in: +1,000
  await writeDeal({ ...open, events: [{ after: 100, event: { kind: "close", day: 300 } }] }); // pushed out: −1,000
  await writeDeal({ ...open, events: [{ after: 100, event: { kind: "move", to: 5 } }] }); // won (Closed Won): −1,000
  await writeDeal({ ...open, events: [{ after: 100, event: { kind: "move", to: 6 } }] }); // lost: −1,000
  await writeDeal({ ...open, events: [{ after: 100, event: { kind: "disqualify" } }] }); // disqualified: −1,000
  const m = await pipelineMovement(database().sql, scope, since, "USD");
  expect(stages.map((s) => s.kind).slice(5)).toEqual(["won", "lost"]);
  expect(m.start).toEqual({ count: 6, value: 6_000 });
  expect(m.steps).toEqual({
    new: { count: 1, value: 1_000 },
    pulledIn: { count: 1, value: 1_000 },
    pushedOut: { count: 1, value: -1_000 },
    won: { count: 1, value: -1_000 },
    lost: { count: 1, value: -1_000 },
    disqualified: { count: 1, value: -1_000 },
    amountChanges: { count: 1, value: 500 },
  });
  expect(m.now).toEqual({ count: 4, value: 4_500 });
  await expectListsToMatch(dayOf(100));
});
