// The demo data `npm start` loads into an empty database (docs/rules/demo-data.md): the printed sign-ins work,
// and the deals look like a real pipeline whose history, close dates and exit criteria agree.
import { beforeAll, expect, test } from "vitest";
import { verifyPassword } from "@/src/auth/password";
import type { ProcessVersion } from "@/src/domain/process/process-version";
import { database, db } from "@/src/server/db";
import { DEMO_PASSWORD } from "@/src/server/demo/demo-users";
import { planDemoData } from "@/src/server/demo/plan-demo-data";
import { seedDemoData } from "@/src/server/demo/seed-demo";
import { DEMO_SEED, seededRandom } from "@/src/server/demo/seeded-random";
import { loadDealDeskRules } from "@/src/server/deal-desk/load-rules";
import { ensureDefaultProcess } from "@/src/server/process/ensure-default-process";
import { getActiveProcessVersion } from "@/src/server/process/get-process-version";

const now = new Date("2026-03-15T15:30:00Z");
const today = new Date("2026-03-15T00:00:00Z");
let process: ProcessVersion;

const loadDeals = () =>
  db().opportunity.findMany({
    include: { history: { orderBy: { id: "asc" } }, contacts: true, attestations: true, planSteps: true, closeDateChanges: true },
    orderBy: { name: "asc" },
  });
let deals: Awaited<ReturnType<typeof loadDeals>>;

beforeAll(async () => {
  await database().transaction((tx) => ensureDefaultProcess(tx));
  await seedDemoData(database(), { now });
  process = await getActiveProcessVersion(database().sql);
  deals = await loadDeals();
});

const lastMove = (deal: (typeof deals)[number]) => deal.history.filter((h) => h.type === "stage_changed").at(-1);

test("the seven printed sign-ins exist with their roles and groups, and take the demo password", async () => {
  const required = [
    ["admin@stageline.test", "admin", []],
    ["manager@stageline.test", "manager", []],
    ["rep@stageline.test", "rep", []],
    ["rep2@stageline.test", "rep", []],
    ["finance@stageline.test", "deal_desk", ["finance"]],
    ["legal@stageline.test", "deal_desk", ["legal"]],
    ["salesops@stageline.test", "deal_desk", ["sales_ops"]],
  ] as const;
  for (const [email, role, groups] of required) {
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect({ email, role: user.role, groups: user.groups }).toEqual({ email, role, groups });
    expect(await verifyPassword(DEMO_PASSWORD, user.passwordHash)).toBe(true);
  }
});

test("two teams, each with a manager, two reps and a quarterly target", async () => {
  const teams = await db().team.findMany({ include: { manager: true, members: true }, orderBy: { name: "asc" } });
  expect(teams.map((t) => t.name)).toEqual(["Enterprise", "Mid-Market"]);
  for (const team of teams) {
    expect(team.manager?.role).toBe("manager");
    expect(team.members.filter((m) => m.role === "rep")).toHaveLength(2);
    expect(team.targetCents).toBeGreaterThan(0n);
  }
  const enterprise = teams[0]!;
  expect(enterprise.manager?.email).toBe("manager@stageline.test");
  expect(enterprise.members.map((m) => m.email)).toEqual(expect.arrayContaining(["rep@stageline.test", "rep2@stageline.test"]));
});

test("about 80 deals: open ones in every open stage, and won, lost and disqualified ones", () => {
  expect(deals.length).toBeGreaterThanOrEqual(70);
  expect(deals.length).toBeLessThanOrEqual(90);
  for (const stage of process.stages.filter((s) => s.kind === "open"))
    expect(
      deals.some((d) => d.status === "open" && d.stageKey === stage.key),
      stage.key,
    ).toBe(true);
  for (const status of ["won", "lost", "disqualified"] as const)
    expect(
      deals.some((d) => d.status === status),
      status,
    ).toBe(true);
  expect(deals.every((d) => d.processVersionId === process.id && d.currency === "USD")).toBe(true);
});

test("no deal was lost from the first stage, and every loss says why, to whom and what was missing", () => {
  const lost = deals.filter((d) => d.status === "lost");
  for (const deal of lost) {
    expect(lastMove(deal)).toMatchObject({ toStage: "closed_lost" });
    expect(lastMove(deal)?.fromStage).not.toBe(process.stages[0]!.key);
    expect(deal.lostReasonCategory && deal.lostExplanation && deal.lostCompetitor && deal.lostMissingFunctionality).toBeTruthy();
  }
  for (const deal of deals.filter((d) => d.status === "disqualified")) {
    expect(deal.stageKey).toBe(process.stages[0]!.key);
    expect(deal.disqualifiedReason).toBeTruthy();
  }
});

test("every open deal has a next step with a due date, and some are stalled", () => {
  const open = deals.filter((d) => d.status === "open");
  expect(open.every((d) => d.nextStep !== "" && d.nextStepDue !== null)).toBe(true);
  expect(open.filter((d) => d.nextStepDue! < today).length).toBeGreaterThan(0);
  const stallDays = (key: string) => process.stages.find((s) => s.key === key)!.stallDays ?? Infinity;
  const agedOut = open.filter((d) => now.getTime() - d.stageEnteredAt.getTime() > stallDays(d.stageKey) * 86_400_000);
  expect(agedOut.length).toBeGreaterThan(0);
  expect(open.filter((d) => d.closeDate < today).length).toBeGreaterThan(0); // past due
});

test("each history is chronological, and the deal sits where its last stage change led", () => {
  for (const deal of deals) {
    const times = deal.history.map((h) => h.at.getTime());
    expect(times, deal.name).toEqual([...times].sort((a, b) => a - b));
    expect(deal.history[0]?.type).toBe("created");
    expect(times.at(-1)!).toBeLessThanOrEqual(now.getTime());
    expect(deal.stageKey, deal.name).toBe(lastMove(deal)?.toStage ?? process.stages[0]!.key);
  }
  const backward = deals.filter((d) => d.history.some((h) => h.type === "stage_changed" && (h.details as { reason?: string }).reason));
  expect(backward.length).toBeGreaterThan(0);
});

test("close date pushes and slipped days agree with the recorded close date changes", () => {
  for (const deal of deals) {
    const changes = deal.closeDateChanges;
    expect(deal.closeDatePushes, deal.name).toBe(changes.filter((c) => c.slipDays > 0).length);
    expect(deal.closeDateSlipDays).toBe(changes.reduce((sum, c) => sum + c.slipDays, 0));
    expect(deal.history.filter((h) => h.type === "close_date_changed")).toHaveLength(changes.length);
  }
  expect(deals.some((d) => d.closeDatePushes > 0)).toBe(true);
});

test("a deal meets every criterion data can satisfy for each stage it has left, unless overridden", () => {
  const open = process.stages.filter((s) => s.kind === "open");
  for (const deal of deals) {
    // The open stages it has left: all for a won deal, those before the one a lost deal was lost from.
    const lastOpen = deal.status === "lost" ? lastMove(deal)!.fromStage : deal.stageKey;
    const left = deal.status === "won" ? open.length : open.findIndex((s) => s.key === lastOpen);
    const overrides = deal.history.filter((h) => h.type === "override");
    const overridden = overrides.flatMap((h) => (h.details as { unmet: { key: string }[] }).unmet);
    for (const stage of open.slice(0, left))
      for (const c of stage.exitCriteria) {
        // Document criteria stay unmet, as the demo seeds no files; approvals are checked in seed-demo-deal-desk.test.ts.
        if (overridden.some((u) => u.key === c.key)) continue;
        const where = `${deal.name}: ${stage.key}.${c.key}`;
        if (c.type === "check") {
          const attested = deal.attestations.some((a) => a.stageKey === stage.key && a.criterionKey === c.key);
          expect(attested, where).toBe(true);
        }
        if (c.type === "field" && c.condition.op === "has_contact_role") {
          const role = c.condition.role;
          expect(
            deal.contacts.some((p) => p.role === role),
            where,
          ).toBe(true);
        }
        if (c.type === "field" && (c.field === "buyingProcess" || c.field === "decisionCriteria")) expect(deal[c.field], where).not.toBe("");
        if (c.type === "plan") {
          expect(deal.planSteps.length, where).toBeGreaterThanOrEqual(c.minSteps);
          expect(
            deal.planSteps.every((p) => p.dueDate && (p.ownerUserId || p.ownerName)),
            where,
          ).toBe(true);
        }
      }
  }
});

test("overridden deals are open and carry a manager's override naming what was unmet", async () => {
  const overridden = deals.filter((d) => d.overriddenAt);
  expect(overridden.length).toBeGreaterThan(0);
  for (const deal of overridden) {
    const entry = deal.history.find((h) => h.type === "override")!;
    const actor = await db().user.findUniqueOrThrow({ where: { id: entry.actorId! } });
    expect(actor.role).toBe("manager");
    expect(entry.at).toEqual(deal.overriddenAt);
    expect((entry.details as { unmet: unknown[] }).unmet.length).toBeGreaterThan(0);
  }
});

test("the demo is the same every time for the same now, and is what was written", async () => {
  const desk = { rules: await loadDealDeskRules(database().sql), targetHours: 24 };
  const plan = () => planDemoData(process, now, seededRandom(DEMO_SEED), desk).deals.map((d) => [d.name, d.amountCents]);
  const first = plan();
  expect(plan()).toEqual(first);
  const requests = () => planDemoData(process, now, seededRandom(DEMO_SEED), desk).deals.map((d) => d.approvalRequests);
  expect(requests()).toEqual(requests());
  expect(deals.map((d) => [d.name, d.amountCents])).toEqual([...first].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
});
