// Loads the demo data into an empty database, after the default process is published
// (prepare-database.ts). The plan is computed first (plan-demo-data.ts); this file only writes it,
// in one transaction of one insert per table, so a failed load leaves the database empty and the
// next start tries again. Ids are chosen here, so no insert has to read rows back. The documents'
// bytes go to the file storage as uploads put them there, and are removed if the load fails.
import crypto from "node:crypto";
import { sql, type InsertObject } from "kysely";
import { hashPassword } from "../../auth/password";
import type { ApproverGroup, DB, DeskGroup } from "../../generated/kysely/types";
import type { Database, Sql, Tx } from "../db";
import { removeStoredFile, writeStoredFile } from "../files/storage";
import { newId } from "../ids";
import { lockStartup } from "../migrate";
import { ensureDefaultRules, loadDealDeskRules } from "../deal-desk/load-rules";
import { getDealDeskSettings } from "../deal-desk/settings";
import { getActiveProcessVersion } from "../process/get-process-version";
import { toCalendarDate } from "../../domain/dates";
import { ALLOWED_TYPES } from "../../domain/files/upload-rules";
import { presetPeriod } from "../../domain/metrics/period";
import { addDays } from "./demo-dates";
import { onePagePdf } from "./demo-pdf";
import type { DemoPlan, PlannedDeal } from "./demo-plan";
import { DEMO_ADMIN, DEMO_PASSWORD, DEMO_REP, DEMO_TEAMS, DEMO_USERS } from "./demo-users";
import { planDemoData } from "./plan-demo-data";
import { recordDemoAudit } from "./seed-audit";
import { CURRENCY } from "./plan-demo-deal";
import { DEMO_SEED, seededRandom, type Random } from "./seeded-random";
import { createDemoInvitation } from "./seed-demo-invitation";
import { publishDemoRevision } from "./seed-demo-process";
import { createDemoWebhook } from "./seed-demo-webhook";

type Ids = (key: string) => string;

const idsFor = (keys: readonly string[]): Ids => {
  const ids = new Map(keys.map((k) => [k, newId()]));
  return (key) => {
    const id = ids.get(key);
    if (!id) throw new Error(`The demo plan names ${key}, which it does not create.`);
    return id;
  };
};

async function insertAll<T extends keyof DB & string>(tx: Tx, table: T, rows: InsertObject<DB, T>[]): Promise<void> {
  if (rows.length) await tx.insertInto(table).values(rows).execute();
}

async function createPeople(tx: Tx, passwordHash: string, now: Date): Promise<Ids> {
  const userId = idsFor(DEMO_USERS.map((u) => u.email));
  const teamId = idsFor(DEMO_TEAMS.map((t) => t.name));
  const written = new Date();
  await insertAll(
    tx,
    "User",
    DEMO_USERS.map((u) => ({
      id: userId(u.email),
      email: u.email,
      name: u.name,
      role: u.role,
      passwordHash,
      groups: sql<DeskGroup[]>`CAST(${`{${(u.groups ?? []).join(",")}}`} AS "DeskGroup"[])`,
      createdAt: addDays(now, -400), // before the oldest demo deal
      updatedAt: written,
    })),
  );
  // A team names its manager and a user names their team: the teams come second, then their members.
  await insertAll(
    tx,
    "Team",
    DEMO_TEAMS.map((t) => ({
      id: teamId(t.name),
      name: t.name,
      targetCents: t.targetCents,
      managerId: userId(t.managerEmail),
      createdAt: written,
      updatedAt: written,
    })),
  );
  // Each team's quarterly target, for this quarter: the dashboard's pipeline value factor reads it.
  const quarter = presetPeriod("this_quarter", toCalendarDate(now));
  await insertAll(
    tx,
    "TeamTarget",
    DEMO_TEAMS.map((t) => ({
      id: newId(),
      teamId: teamId(t.name),
      periodFrom: sql<Date>`CAST(${quarter.from} AS date)`,
      periodTo: sql<Date>`CAST(${quarter.to} AS date)`,
      amountCents: t.targetCents,
      currency: CURRENCY,
      setById: userId(t.managerEmail),
      updatedAt: written,
    })),
  );
  for (const team of DEMO_TEAMS)
    await tx
      .updateTable("User")
      .set({ teamId: teamId(team.name) })
      .where(
        "email",
        "in",
        DEMO_USERS.filter((u) => u.team === team.name).map((u) => u.email),
      )
      .execute();
  await recordDemoAudit(tx, { user: userId, team: teamId }, quarter, now);
  return userId;
}

/**
 * The demo company keeps its deals in Salesforce too: each deal carries its Salesforce id, so the
 * embed and the sync can be tried by external id. The rep's first open deal has the id that
 * docs/embed-demo.html frames.
 */
export const EMBED_DEMO_ID = "0065g00000AbCdEfGH";
const salesforceIds = (plan: DemoPlan): Map<PlannedDeal, string> => {
  const framed = plan.deals.find((d) => d.ownerEmail === DEMO_REP && d.status === "open");
  return new Map(plan.deals.map((deal, i) => [deal, deal === framed ? EMBED_DEMO_ID : `0065g00000Dm${String(i + 1).padStart(6, "0")}`]));
};

const opportunityRow = (deal: PlannedDeal, id: string, processVersionId: string, userId: Ids, externalId: string) => ({
  id,
  externalSource: "salesforce",
  externalId,
  name: deal.name,
  accountName: deal.accountName,
  amountCents: deal.amountCents,
  currency: CURRENCY,
  type: deal.type,
  years: deal.years,
  users: deal.users,
  ownerId: userId(deal.ownerEmail),
  processVersionId,
  stageKey: deal.stageKey,
  stageEnteredAt: deal.stageEnteredAt,
  status: deal.status,
  version: deal.version,
  closeDate: deal.closeDate,
  originalCloseDate: deal.originalCloseDate,
  closeDatePushes: deal.closeDatePushes,
  closeDateSlipDays: deal.closeDateSlipDays,
  nextStep: deal.nextStep,
  nextStepDue: deal.nextStepDue,
  discountPercent: deal.discountPercent,
  paymentTermsDays: deal.paymentTermsDays,
  termMonths: deal.termMonths,
  nonStandardTerms: deal.nonStandardTerms,
  buyingProcess: deal.buyingProcess,
  decisionCriteria: deal.decisionCriteria,
  qualificationAnswers: JSON.stringify(deal.qualificationAnswers),
  whyWon: deal.whyWon,
  lostReasonCategory: deal.lost?.reasonCategory ?? null,
  lostExplanation: deal.lost?.explanation ?? null,
  lostCompetitor: deal.lost?.competitor ?? null,
  lostMissingFunctionality: deal.lost?.missingFunctionality ?? null,
  disqualifiedReason: deal.disqualifiedReason,
  closedAt: deal.closedAt,
  overriddenAt: deal.overriddenAt,
  createdAt: deal.createdAt,
  updatedAt: deal.history[deal.history.length - 1]!.at,
});

/** A planned document's one-page PDF: its first line as a heading, the deal's name under it. */
const demoFileBytes = (lines: readonly string[]) => onePagePdf(lines.map((text, i) => ({ text, size: i === 0 ? 20 : i === 1 ? 14 : 11 })));

/**
 * The documents, as an upload leaves them: the bytes in the file storage under the deal's folder, a
 * File row with their size and sha256, by the deal's owner. `written` collects the storage keys, so
 * that a failed load can remove them.
 */
async function createFiles(tx: Tx, plan: DemoPlan, dealId: Ids, userId: Ids, written: string[]): Promise<Ids> {
  const files = plan.deals.flatMap((deal) => deal.files.map((file) => ({ deal, file })));
  const fileId = idsFor(files.map(({ file }) => file.ref));
  const rows = files.map(({ deal, file }) => {
    const id = fileId(file.ref);
    const opportunityId = dealId(deal.name);
    const bytes = demoFileBytes(file.lines);
    return {
      bytes,
      row: {
        id,
        opportunityId,
        kind: file.kind,
        originalName: file.originalName,
        storedName: file.storedName,
        storageKey: `${opportunityId}/${id}.pdf`,
        contentType: ALLOWED_TYPES.pdf!.mime,
        sizeBytes: bytes.length,
        sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
        uploadedById: userId(deal.ownerEmail),
        uploadedAt: file.uploadedAt,
      },
    };
  });
  await Promise.all(
    rows.map(async ({ bytes, row }) => {
      written.push(row.storageKey);
      await writeStoredFile(row.storageKey, bytes);
    }),
  );
  await insertAll(
    tx,
    "File",
    rows.map(({ row }) => row),
  );
  return fileId;
}

async function createDeals(tx: Tx, plan: DemoPlan, processVersionId: string, userId: Ids, written: string[]): Promise<void> {
  const dealId = idsFor(plan.deals.map((d) => d.name));
  const externalIds = salesforceIds(plan);
  await insertAll(
    tx,
    "Opportunity",
    plan.deals.map((deal) => opportunityRow(deal, dealId(deal.name), processVersionId, userId, externalIds.get(deal)!)),
  );
  const each = <T>(rows: (deal: PlannedDeal, opportunityId: string, ownerId: string) => T[]) =>
    plan.deals.flatMap((deal) => rows(deal, dealId(deal.name), userId(deal.ownerEmail)));

  await insertAll(
    tx,
    "OpportunityContact",
    each((deal, opportunityId) =>
      deal.contacts.map((c) => ({ id: newId(), opportunityId, name: c.name, email: c.email, title: c.title, role: c.role, createdAt: c.addedAt })),
    ),
  );
  await insertAll(
    tx,
    "CriterionAttestation",
    each((deal, opportunityId, attestedById) => deal.attestations.map((a) => ({ id: newId(), opportunityId, attestedById, ...a }))),
  );
  await insertAll(
    tx,
    "CloseDateChange",
    each((deal, opportunityId, changedById) => deal.closeDateChanges.map((c) => ({ id: newId(), opportunityId, changedById, ...c }))),
  );
  await insertAll(
    tx,
    "ClosePlanStep",
    each((deal, opportunityId, ownerId) =>
      deal.planSteps.map((step, position) => ({
        id: newId(),
        opportunityId,
        position,
        title: step.title,
        dueDate: step.dueDate,
        doneAt: step.doneAt,
        createdAt: step.createdAt,
        ownerUserId: step.ownerName ? null : ownerId,
        ownerName: step.ownerName ?? "",
      })),
    ),
  );
  const requests = plan.deals.flatMap((deal) => deal.approvalRequests);
  const requestId = idsFor(requests.map((r) => r.ref));
  // One insert: a request may name the one it replaces, which the same statement writes.
  await insertAll(
    tx,
    "ApprovalRequest",
    each((deal, opportunityId) =>
      deal.approvalRequests.map((r) => ({
        id: requestId(r.ref),
        opportunityId,
        requestedById: userId(r.requestedByEmail),
        justification: r.justification,
        status: r.status,
        requiredGroups: sql<ApproverGroup[]>`CAST(${`{${r.requiredGroups.join(",")}}`} AS "ApproverGroup"[])`,
        reasons: JSON.stringify(r.reasons),
        termsSnapshot: JSON.stringify(r.termsSnapshot),
        targetHours: r.targetHours,
        createdAt: r.createdAt,
        decidedAt: r.decidedAt,
        previousRequestId: r.previousRef === null ? null : requestId(r.previousRef),
        staleAt: r.staleAt,
        changedTerms: r.changedTerms === null ? null : JSON.stringify(r.changedTerms),
        withdrawnAt: r.withdrawnAt,
      })),
    ),
  );
  await insertAll(
    tx,
    "ApprovalDecision",
    requests.flatMap((r) =>
      r.decisions.map((decision) => ({
        id: newId(),
        requestId: requestId(r.ref),
        group: decision.group,
        deciderId: userId(decision.deciderEmail),
        decision: decision.decision,
        comment: decision.comment,
        decidedAt: decision.decidedAt,
        carriedFromRequestId: decision.carriedFromRef === null ? null : requestId(decision.carriedFromRef),
      })),
    ),
  );
  const fileId = await createFiles(tx, plan, dealId, userId, written);
  await createChecklists(tx, plan, dealId, userId);
  const plays = plan.deals.flatMap((deal) => deal.plays.map((play) => ({ deal, play })));
  const playId = idsFor(plays.map(({ play }) => play.ref));
  await insertAll(
    tx,
    "ReengagementPlay",
    plays.map(({ deal, play }) => ({
      id: playId(play.ref),
      opportunityId: dealId(deal.name),
      kind: play.kind,
      status: play.status,
      endedAs: play.endedAs,
      endedAt: play.endedAt,
      note: play.note,
      createdById: userId(deal.ownerEmail),
      createdAt: play.createdAt,
      updatedAt: play.endedAt ?? play.createdAt,
    })),
  );
  await insertAll(
    tx,
    "PlayTouch",
    plays.flatMap(({ play }) =>
      play.touches.map((t) => ({
        id: newId(),
        playId: playId(play.ref),
        position: t.position,
        dueOn: sql<Date>`CAST(${t.dueOn} AS date)`,
        message: t.message,
        remindedAt: t.remindedAt,
        doneAt: t.doneAt,
      })),
    ),
  );
  // One insert in time order, so entry ids are chronological too (the history is read by id).
  const history = each((deal, opportunityId) =>
    deal.history.map((h) => ({
      opportunityId,
      type: h.type,
      at: h.at,
      actorId: userId(h.actorEmail),
      fromStage: h.fromStage ?? null,
      toStage: h.toStage ?? null,
      secondsInStage: h.secondsInStage ?? null,
      details: JSON.stringify({
        ...h.details,
        ...Object.fromEntries(Object.entries(h.requestRefs ?? {}).map(([field, ref]) => [field, requestId(ref)])),
        ...Object.fromEntries(Object.entries(h.playRefs ?? {}).map(([field, ref]) => [field, playId(ref)])),
        ...Object.fromEntries(Object.entries(h.fileRefs ?? {}).map(([field, ref]) => [field, fileId(ref)])),
      }),
    })),
  ).sort((a, b) => a.at.getTime() - b.at.getTime());
  await insertAll(tx, "HistoryEntry", history);
}

/** The won deals' checklists, and the messages their items sent, as the outbox left them. */
async function createChecklists(tx: Tx, plan: DemoPlan, dealId: Ids, userId: Ids): Promise<void> {
  const items = plan.deals.flatMap((deal) => deal.checklist.map((item) => ({ deal, item, id: newId() })));
  await insertAll(
    tx,
    "PostCloseItem",
    items.map(({ deal, item, id }) => ({
      id,
      opportunityId: dealId(deal.name),
      kind: item.kind,
      details: JSON.stringify(item.details),
      doneAt: item.doneAt,
      doneById: item.doneByEmail ? userId(item.doneByEmail) : null,
      createdAt: deal.closedAt!,
      updatedAt: item.messages.at(-1)?.createdAt ?? deal.closedAt!,
    })),
  );
  const messages = items.flatMap(({ deal, item, id }) =>
    item.messages.map((m, n) => ({
      message: m,
      row: { id: newId(), opportunityId: dealId(deal.name), checklistItemId: id, key: `checklist:${id}:${n + 1}` },
    })),
  );
  await insertAll(
    tx,
    "OutboxMessage",
    messages.map(({ message: m, row }) => ({
      id: row.id,
      channel: m.channel,
      payload: JSON.stringify(m.payload),
      idempotencyKey: row.key,
      status: m.status,
      attempts: m.attempts,
      nextAttemptAt: m.createdAt,
      firstAttemptAt: m.createdAt,
      lastError: m.lastError,
      deliveredAt: m.deliveredAt,
      createdAt: m.createdAt,
      opportunityId: row.opportunityId,
      checklistItemId: row.checklistItemId,
    })),
  );
  // Each try as the worker records it: a failed message's tries spread over the hours it kept trying.
  await insertAll(
    tx,
    "OutboxAttempt",
    messages.flatMap(({ message: m, row }) =>
      Array.from({ length: m.attempts }, (_, i) => {
        const last = i === m.attempts - 1;
        const ok = last && m.status === "delivered";
        return {
          id: newId(),
          messageId: row.id,
          at: new Date(m.createdAt.getTime() + (2 ** i - 1) * 60_000),
          status: ok ? ("delivered" as const) : ("failed" as const),
          responseCode: ok ? (m.channel === "email" ? 250 : 200) : m.channel === "email" ? 550 : 500,
          error: ok ? null : m.lastError,
          durationMs: 180 + i * 7,
          worker: "demo",
        };
      }),
    ),
  );
}

const hasUsers = async (q: Sql) => (await q.selectFrom("User").select("id").limit(1).executeTakeFirst()) !== undefined;

/** Loads the demo data when the database has no user yet; answers whether it did. */
export async function seedDemoData(database: Pick<Database, "sql" | "transaction">, options: { now: Date; random?: Random }): Promise<boolean> {
  if (await hasUsers(database.sql)) return false;
  const process = await getActiveProcessVersion(database.sql);
  // scrypt is deliberately slow: hash once, outside the transaction, and share it between demo users.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const written: string[] = [];
  try {
    return await database.transaction(async (tx) => {
      await lockStartup(tx);
      if (await hasUsers(tx)) return false; // another instance, starting at the same moment, loaded it
      // The demo's requests are made under the rules and turnaround in force, the defaults on a new database.
      await ensureDefaultRules(tx);
      const desk = { rules: await loadDealDeskRules(tx), targetHours: (await getDealDeskSettings(tx)).turnaroundHours };
      const plan = planDemoData(process, options.now, options.random ?? seededRandom(DEMO_SEED), desk);
      const userId = await createPeople(tx, passwordHash, options.now);
      await createDeals(tx, plan, process.id, userId, written);
      await publishDemoRevision(tx, { id: userId(DEMO_ADMIN), email: DEMO_ADMIN }, options.now);
      await createDemoWebhook(tx, { id: userId(DEMO_ADMIN), email: DEMO_ADMIN }, options.now);
      const admin = DEMO_USERS.find((u) => u.email === DEMO_ADMIN)!;
      await createDemoInvitation(tx, { id: userId(DEMO_ADMIN), email: DEMO_ADMIN, name: admin.name }, options.now);
      return true;
    });
  } catch (e) {
    // The rows are gone with the transaction: so go the bytes written for them.
    await Promise.all(written.map((key) => removeStoredFile(key).catch(() => undefined)));
    throw e;
  }
}
