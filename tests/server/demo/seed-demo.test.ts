// The demo data `npm start` loads into an empty database (docs/rules/demo-data.md): the printed sign-ins work,
// and the deals look like a real pipeline whose history, close dates and exit criteria agree.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { beforeAll, expect, test } from "vitest";
import * as download from "@/app/api/v1/opportunities/[id]/files/[fileId]/route";
import { issueApiToken } from "@/src/auth/api-tokens";
import { findActor } from "@/src/auth/load-actor";
import { verifyPassword } from "@/src/auth/password";
import { isSatisfied } from "@/src/domain/criteria/is-satisfied";
import { followsContractConvention } from "@/src/domain/files/contract-name";
import { isPlanStepReady } from "@/src/domain/opportunities/close-plan";
import type { ProcessVersion } from "@/src/domain/process/process-version";
import { database, db } from "@/src/server/db";
import { addDays } from "@/src/server/demo/demo-dates";
import { DEMO_PASSWORD } from "@/src/server/demo/demo-users";
import { DEMO_REVISION } from "@/src/server/demo/seed-demo-process";
import { planDemoData } from "@/src/server/demo/plan-demo-data";
import { seedDemoData } from "@/src/server/demo/seed-demo";
import { DEMO_SEED, seededRandom } from "@/src/server/demo/seeded-random";
import { loadDealDeskRules } from "@/src/server/deal-desk/load-rules";
import { readStoredFile } from "@/src/server/files/storage";
import { dealFacts } from "@/src/server/opportunities/deal-facts";
import { opportunityQuery } from "@/src/server/opportunities/load-opportunity";
import { ensureDefaultProcess } from "@/src/server/process/ensure-default-process";
import { getActiveProcessVersion } from "@/src/server/process/get-process-version";
import { previewDealMoves } from "@/src/server/process/move-deals";

// The demo's documents are written to the file storage: a folder of this test's own.
globalThis.process.env.STORAGE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-demo-"));

const now = new Date("2026-03-15T15:30:00Z");
const today = new Date("2026-03-15T00:00:00Z");
let process: ProcessVersion;

const loadDeals = () =>
  db().opportunity.findMany({
    include: {
      history: { orderBy: { id: "asc" } },
      contacts: true,
      attestations: true,
      planSteps: true,
      closeDateChanges: true,
      files: { orderBy: { uploadedAt: "asc" } },
      checklist: true,
    },
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

test("an audit log of the setup: the admin made the teams and users, the managers set targets, and the last day's sign-ins", async () => {
  const entries = await database().sql.selectFrom("AuditEntry").selectAll().orderBy("at").orderBy("id").execute();
  const users = await db().user.findMany();
  const admin = users.find((u) => u.email === "admin@stageline.test")!;
  const created = entries.filter((e) => e.action === "user.created");
  // Everyone but the admin, and but the invited user (who has their own entry, seed-demo-invitation.test.ts).
  expect(created.map((e) => e.objectId).sort()).toEqual(
    users
      .filter((u) => u.id !== admin.id && u.passwordHash !== null)
      .map((u) => u.id)
      .sort(),
  );
  expect(
    created.every((e) => e.actorId === admin.id && e.actorEmail === admin.email && (e.after as { password: string }).password === "[secret]"),
  ).toBe(true);
  expect(entries.filter((e) => e.action === "team.created")).toHaveLength(2);
  expect(
    entries
      .filter((e) => e.action === "team.target_set")
      .map((e) => e.actorEmail)
      .sort(),
  ).toEqual(["manager2@stageline.test", "manager@stageline.test"]);
  const signIns = entries.filter((e) => e.action.startsWith("signin."));
  expect(signIns.map((e) => [e.action, e.actorEmail, e.actorId === null])).toEqual([
    ["signin.succeeded", "manager@stageline.test", false],
    ["signin.failed", "rep@stageline.test", false],
    ["signin.succeeded", "rep@stageline.test", false],
    ["signin.failed", "ceo@stageline.test", true],
    ["signin.succeeded", "admin@stageline.test", false],
  ]);
  // All of it happened before the demo's "now", each from an address.
  expect(entries.every((e) => e.at <= now && e.clientAddress !== null)).toBe(true);
});

test("about 80 deals: open ones in every open stage, and won, lost and disqualified ones", async () => {
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
  // Every deal follows a version of Standard B2B: the latest, but for the few the deal-move page shows.
  const older = await db().processVersion.findFirstOrThrow({ where: { processId: process.processId, version: 1 } });
  expect(deals.every((d) => [process.id, older.id].includes(d.processVersionId) && d.currency === "USD")).toBe(true);
});

test("Standard B2B's second version, published by the admin: a few open deals left on the first, some that would move and one that would stay", async () => {
  expect(process).toMatchObject({ processKey: "standard_b2b", version: 2 });
  const version = await db().processVersion.findUniqueOrThrow({ where: { id: process.id }, include: { publishedBy: true } });
  expect(version).toMatchObject({ note: DEMO_REVISION.note, publishedAt: addDays(now, -DEMO_REVISION.daysAgo) });
  expect(version.publishedBy?.email).toBe("admin@stageline.test");
  const first = await db().processVersion.findFirstOrThrow({ where: { processId: process.processId, version: 1 } });
  expect(first.publishedAt.getTime()).toBeLessThan(version.publishedAt.getTime());
  const admin = await db().user.findUniqueOrThrow({ where: { email: "admin@stageline.test" } });
  const preview = await previewDealMoves((await findActor(db(), admin.id))!, "standard_b2b", {});
  expect(preview.items.every((i) => i.fromVersion === 1)).toBe(true);
  expect([preview.moves, preview.stays]).toEqual([DEMO_REVISION.movable, 1]);
  expect(preview.items.find((i) => i.outcome === "stays")).toMatchObject({ reason: "criteria_unmet", unmet: [expect.anything()] });
  const published = await db().auditEntry.findMany({ where: { action: "process.published" } });
  expect(published).toEqual([
    expect.objectContaining({
      actorId: admin.id,
      at: version.publishedAt,
      before: expect.objectContaining({ version: 1 }),
      after: expect.objectContaining({ version: 2, note: DEMO_REVISION.note }),
    }),
  ]);
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

test("every exit criterion of each stage a deal has left holds as the stage engine evaluates it, unless a manager overrode it", async () => {
  const rules = await loadDealDeskRules(database().sql);
  const rows = await opportunityQuery(database().sql, sql<boolean>`true`).execute();
  const factsOf = new Map(rows.map((row) => [row.id, dealFacts(row, rules)]));
  const open = process.stages.filter((s) => s.kind === "open");
  const checked = new Map<string, number>();
  for (const deal of deals) {
    const facts = factsOf.get(deal.id)!;
    // The open stages it has left: all for a won deal, those before the one a lost deal was lost from.
    const lastOpen = deal.status === "lost" ? lastMove(deal)!.fromStage : deal.stageKey;
    const left = deal.status === "won" ? open.length : open.findIndex((s) => s.key === lastOpen);
    const overrides = deal.history.filter((h) => h.type === "override");
    const overridden = overrides.flatMap((h) => (h.details as { unmet: { stage: string; key: string }[] }).unmet);
    for (const stage of open.slice(0, left))
      for (const c of stage.exitCriteria) {
        if (overridden.some((u) => u.stage === stage.key && u.key === c.key)) continue;
        expect(isSatisfied(c, stage.key, facts), `${deal.name}: ${stage.key}.${c.key}`).toBe(true);
        checked.set(c.type, (checked.get(c.type) ?? 0) + 1);
        // Every step of a close plan is ready, not only the criterion's minimum.
        if (c.type === "plan") expect(facts.planSteps.every(isPlanStepReady), deal.name).toBe(true);
      }
  }
  // Each kind of criterion was met somewhere: documents (the quote, the signed contract) included.
  for (const type of ["check", "field", "document", "plan", "approval"]) expect(checked.get(type), type).toBeGreaterThan(5);
});

/** The open stage a deal was in at an instant, by its history's stage changes (its first stage before any). */
const stageAt = (deal: (typeof deals)[number], at: Date) =>
  deal.history.filter((h) => h.type === "stage_changed" && h.at <= at).at(-1)?.toStage ?? process.stages[0]!.key;

test("each document was uploaded by the deal's owner while the deal was in the stage whose criterion it meets, and is in the history", () => {
  const order = (key: string) => process.stages.find((s) => s.key === key)!.order;
  const files = deals.flatMap((deal) => deal.files.map((file) => ({ deal, file })));
  expect(files.length).toBeGreaterThan(20);
  for (const { deal, file } of files) {
    const where = `${deal.name}: ${file.storedName}`;
    const stage = process.stages.find((s) => s.exitCriteria.some((c) => c.type === "document" && c.documentKind === file.kind))!;
    expect(file.uploadedById, where).toBe(deal.ownerId);
    expect(file.uploadedAt > deal.createdAt && file.uploadedAt <= (deal.closedAt ?? now), where).toBe(true);
    // In that stage if the deal went through it, else (a skipped stage) before the move that skipped it.
    const visited = deal.history.some((h) => h.type === "stage_changed" && h.toStage === stage.key);
    const at = stageAt(deal, file.uploadedAt);
    if (visited) expect(at, where).toBe(stage.key);
    else expect(order(at), where).toBeLessThan(order(stage.key));
    const passedBefore = deal.history.some((h) => h.type === "stage_changed" && h.at < file.uploadedAt && order(h.toStage!) > order(stage.key));
    expect(passedBefore, where).toBe(false);
    expect(file.contentType).toBe("application/pdf");
    expect(file.storedName, where).toMatch(/\.pdf$/);
    const entries = deal.history.filter((h) => h.type === "file_attached" && (h.details as { fileId?: string }).fileId === file.id);
    expect(entries, where).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      at: file.uploadedAt,
      actorId: deal.ownerId,
      details: { kind: file.kind, originalName: file.originalName, storedName: file.storedName },
    });
  }
  for (const deal of deals) {
    expect(
      deal.history.filter((h) => h.type === "file_attached"),
      deal.name,
    ).toHaveLength(deal.files.length);
    expect(deal.version, deal.name).toBe(deal.history.length);
  }
});

test("a deal in Propose may have its quote or not, as with its other criteria; a deal that has not reached it has none", () => {
  const propose = process.stages.findIndex((s) => s.key === "propose");
  const inPropose = deals.filter((d) => d.status === "open" && d.stageKey === "propose");
  const hasQuote = (deal: (typeof deals)[number]) => deal.files.some((f) => f.kind === "quote");
  expect(inPropose.some(hasQuote)).toBe(true);
  expect(inPropose.some((d) => !hasQuote(d))).toBe(true);
  const before = deals.filter((d) => process.stages.findIndex((s) => s.key === d.stageKey) < propose);
  expect(before.length).toBeGreaterThan(0);
  expect(before.every((d) => d.files.length === 0)).toBe(true);
});

test("every won deal has its signed contract, named by the convention, as its checklist says", () => {
  const won = deals.filter((d) => d.status === "won");
  expect(won.length).toBeGreaterThan(2);
  for (const deal of won) {
    const contracts = deal.files.filter((f) => f.kind === "signed_contract");
    expect(contracts, deal.name).toHaveLength(1);
    expect(followsContractConvention(contracts[0]!.storedName, deal), contracts[0]!.storedName).toBe(true);
    expect(contracts[0]!.uploadedAt < deal.closedAt!).toBe(true);
    expect(deal.checklist.find((i) => i.kind === "signed_contract")?.doneAt).not.toBeNull();
  }
  // Expansions are named with their users, new customers with their years.
  expect(won.some((d) => d.type === "expansion" && d.files.some((f) => f.kind === "signed_contract" && f.storedName.includes("_EXPANSION_")))).toBe(
    true,
  );
});

/** A PDF a reader opens: its header, each object where the cross-reference table says, its page's text stream as long as it says, its end. */
function expectReadablePdf(bytes: Buffer, texts: string[]) {
  const pdf = bytes.toString("latin1");
  expect(pdf.startsWith("%PDF-1.")).toBe(true);
  expect(pdf.endsWith("%%EOF\n")).toBe(true);
  const xref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)![1]);
  const table = /^xref\n0 (\d+)\n/.exec(pdf.slice(xref))!;
  const count = Number(table[1]);
  for (let n = 1; n < count; n++) {
    const entry = pdf.slice(xref + table[0].length + n * 20, xref + table[0].length + (n + 1) * 20);
    expect(entry).toMatch(/^\d{10} 00000 n \n$/);
    expect(pdf.slice(Number(entry.slice(0, 10))).startsWith(`${n} 0 obj\n`), `object ${n}`).toBe(true);
  }
  expect(pdf).toMatch(new RegExp(`trailer\n<< /Size ${count} /Root 1 0 R >>`));
  expect(pdf).toContain("/Type /Page ");
  const stream = /\/Length (\d+) >>\nstream\n/.exec(pdf)!;
  const start = stream.index + stream[0].length;
  const content = pdf.slice(start, start + Number(stream[1]));
  expect(pdf.slice(start + Number(stream[1])).startsWith("\nendstream")).toBe(true);
  for (const text of texts) expect(content).toContain(`(${text.replace(/[\\()]/g, (c) => `\\${c}`)}) Tj`);
}

test("every demo document is in the file storage with the size and sha256 its row records, and downloads as a readable PDF naming the deal", async () => {
  const files = deals.flatMap((deal) => deal.files);
  for (const file of files) {
    const bytes = await readStoredFile(file.storageKey);
    expect(bytes.length, file.storedName).toBe(file.sizeBytes);
    expect(crypto.createHash("sha256").update(bytes).digest("hex"), file.storedName).toBe(file.sha256);
  }
  const deal = deals.find((d) => d.status === "won")!;
  const contract = deal.files.find((f) => f.kind === "signed_contract")!;
  const { token } = await issueApiToken(db(), deal.ownerId, { name: "test" });
  const req = new Request("http://localhost/x", { headers: { authorization: `Bearer ${token}` } });
  const res = await download.GET(req, { params: Promise.resolve({ id: deal.id, fileId: contract.id }) });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^application\/pdf/);
  expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${contract.storedName}"`);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(bytes.length).toBe(contract.sizeBytes);
  expect(bytes.length).toBeLessThan(2048);
  expect(crypto.createHash("sha256").update(bytes).digest("hex")).toBe(contract.sha256);
  expectReadablePdf(bytes, ["Signed contract and order form", deal.name]);
  const quoted = deals.find((d) => d.files.some((f) => f.kind === "quote"))!;
  const quote = quoted.files.find((f) => f.kind === "quote")!;
  expectReadablePdf(await readStoredFile(quote.storageKey), ["Formal quote", quoted.name]);
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
  const files = () =>
    planDemoData(process, now, seededRandom(DEMO_SEED), desk).deals.flatMap((d) => d.files.map((f) => [d.name, f.storedName, f.uploadedAt]));
  expect(files()).toEqual(files());
  const written = deals.flatMap((d) => d.files.map((f) => [d.name, f.storedName, f.uploadedAt]));
  expect(written.map(String).sort()).toEqual(files().map(String).sort());
  expect(deals.map((d) => [d.name, d.amountCents])).toEqual([...first].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
});

test("deals that have been in Qualify answered its questions there, by kind, in a field_changed entry; one still there left some unanswered", () => {
  const qualify = process.stages.find((s) => s.key === "qualify")!;
  expect(qualify.questions.length).toBeGreaterThan(0);
  const entered = (deal: (typeof deals)[number]) =>
    deal.history.find((h) => h.type === "stage_changed" && h.toStage === "qualify") ?? (deal.stageKey === "qualify" ? deal.history[0] : undefined);
  let partly = 0;
  for (const deal of deals) {
    const answers = deal.qualificationAnswers as Record<string, unknown>;
    const since = entered(deal);
    if (!since) {
      expect(answers, deal.name).toEqual({});
      continue;
    }
    const keys = Object.keys(answers);
    expect(keys.length, deal.name).toBeGreaterThan(0);
    for (const q of qualify.questions.filter((q) => keys.includes(q.key)))
      expect(typeof answers[q.key], `${deal.name} ${q.key}`).toBe({ yes_no: "boolean", number: "number", text: "string", date: "string" }[q.answer]);
    const recorded = deal.history.find(
      (h) => h.type === "field_changed" && Object.keys((h.details as { changes: object }).changes).some((f) => f.startsWith("qualificationAnswers.")),
    );
    expect(recorded?.at.getTime(), deal.name).toBeGreaterThanOrEqual(since.at.getTime());
    expect((recorded!.details as { changes: object }).changes).toEqual(
      Object.fromEntries(keys.map((k) => [`qualificationAnswers.${k}`, { from: null, to: answers[k] }])),
    );
    if (deal.stageKey === "qualify" && keys.length < qualify.questions.length) partly++;
    if (deal.status !== "open" || deal.stageKey !== "qualify") expect(keys.sort(), deal.name).toEqual(qualify.questions.map((q) => q.key).sort());
  }
  expect(partly).toBeGreaterThan(0);
  expect(deals.filter((d) => d.stageKey === "identify").every((d) => Object.keys(d.qualificationAnswers as object).length === 0)).toBe(true);
});
