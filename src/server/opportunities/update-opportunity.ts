import type { Actor } from "../../auth/actor";
import { daysBetween, fromCalendarDate, toCalendarDate } from "../../domain/dates";
import { fromCents, toCents } from "../../domain/money";
import { planCloseDateChange } from "../../domain/opportunities/close-date-change";
import { processQuestions } from "../../domain/process/process-version";
import { answerField, planAnswers, readAnswers } from "../../domain/process/qualification-answers";
import { AppError } from "../../errors";
import type { OpportunityResponse, UpdateOpportunityRequest } from "../../schemas/opportunities";
import type { Tx } from "../db";
import { newId } from "../ids";
import { changeOpportunity, type ChangeEntry } from "./change-opportunity";
import { assertAssignableOwner, type HistoryDetails } from "./create-opportunity";
import { assertPair, externalConflict, isUniqueViolation } from "./external-ref";
import type { OpportunityRow } from "./load-opportunity";
import type { OpportunityChanges } from "./write-versioned";

type Json = string | number | boolean | null;

/** Plain fields: API name → how to read the current value, and how to store a new one. */
const FIELDS = {
  name: [(r: OpportunityRow) => r.name, (v: string) => ({ name: v })],
  accountName: [(r) => r.accountName, (v: string) => ({ accountName: v })],
  amount: [(r) => fromCents(r.amountCents), (v: number) => ({ amountCents: toCents(v) })],
  currency: [(r) => r.currency, (v: string) => ({ currency: v })],
  type: [(r) => r.type, (v: "new" | "expansion") => ({ type: v })],
  years: [(r) => r.years, (v: number | null) => ({ years: v })],
  users: [(r) => r.users, (v: number | null) => ({ users: v })],
  discountPercent: [(r) => r.discountPercent, (v: number) => ({ discountPercent: v })],
  paymentTermsDays: [(r) => r.paymentTermsDays, (v: number) => ({ paymentTermsDays: v })],
  termMonths: [(r) => r.termMonths, (v: number) => ({ termMonths: v })],
  nonStandardTerms: [(r) => r.nonStandardTerms, (v: string) => ({ nonStandardTerms: v })],
  buyingProcess: [(r) => r.buyingProcess, (v: string) => ({ buyingProcess: v })],
  decisionCriteria: [(r) => r.decisionCriteria, (v: string) => ({ decisionCriteria: v })],
} as const satisfies Record<string, [(r: OpportunityRow) => Json, (v: never) => OpportunityChanges]>;

/** Changes a deal's fields, its next step and its close date (a later one with a reason). */
export async function updateOpportunity(
  actor: Actor,
  id: string,
  input: UpdateOpportunityRequest,
  now = new Date(),
  tx?: Tx,
  note?: HistoryDetails,
): Promise<OpportunityResponse> {
  assertPair(input.externalSource, input.externalId);
  try {
    return await changeFields(actor, id, input, now, tx, note);
  } catch (error) {
    // Linking to a CRM record another deal already mirrors.
    // In a caller's transaction (now aborted) the caller does this, after its rollback.
    if (!tx && isUniqueViolation(error) && input.externalSource && input.externalId)
      throw await externalConflict(actor, { source: input.externalSource, externalId: input.externalId });
    throw error;
  }
}

function changeFields(actor: Actor, id: string, input: UpdateOpportunityRequest, now: Date, tx: Tx | undefined, note: HistoryDetails | undefined) {
  return changeOpportunity(
    actor,
    { id, version: input.version },
    async ({ tx, row, process }) => {
      let columns: OpportunityChanges = {};
      const history: ChangeEntry[] = [];
      const writes: ((tx: Tx) => Promise<unknown>)[] = [];

      const changes: Record<string, { from: Json; to: Json }> = {};
      for (const [field, [read, write]] of Object.entries(FIELDS)) {
        const next = input[field as keyof typeof FIELDS];
        if (next === undefined || next === read(row)) continue;
        changes[field] = { from: read(row), to: next };
        columns = { ...columns, ...(write as (v: unknown) => OpportunityChanges)(next) };
      }

      if (input.externalSource !== undefined && (input.externalSource !== row.externalSource || input.externalId !== row.externalId)) {
        changes.externalSource = { from: row.externalSource, to: input.externalSource };
        changes.externalId = { from: row.externalId, to: input.externalId ?? null };
        columns = { ...columns, externalSource: input.externalSource, externalId: input.externalId ?? null };
      }

      if (input.ownerId !== undefined && input.ownerId !== row.ownerId) {
        await assertAssignableOwner(tx, actor, input.ownerId);
        changes.ownerId = { from: row.ownerId, to: input.ownerId };
        columns.ownerId = input.ownerId;
      }

      // Any question of the deal's own version, whatever stage it is in: a rep may know an answer early.
      if (input.qualificationAnswers !== undefined) {
        const plan = planAnswers(
          processQuestions(process),
          readAnswers(row.qualificationAnswers),
          input.qualificationAnswers,
          "not a question of this deal's process",
        );
        if (!plan.ok) throw new AppError("VALIDATION_FAILED", "Some answers are not valid.", { fields: plan.problems });
        for (const [key, change] of Object.entries(plan.changes)) changes[answerField(key)] = change;
        if (Object.keys(plan.changes).length) columns.qualificationAnswers = JSON.stringify(plan.answers);
      }
      if (Object.keys(changes).length) history.push({ type: "field_changed", details: { changes } });

      const oldDue = row.nextStepDue ? toCalendarDate(row.nextStepDue) : null;
      const nextStepChanged = input.nextStep !== undefined && input.nextStep !== row.nextStep;
      const dueChanged = input.nextStepDue !== undefined && input.nextStepDue !== oldDue;
      if (nextStepChanged || dueChanged) {
        const step = input.nextStep ?? row.nextStep;
        const due = input.nextStepDue === undefined ? oldDue : input.nextStepDue;
        columns = { ...columns, nextStep: step, nextStepDue: due ? fromCalendarDate(due) : null };
        history.push({
          type: "next_step_changed",
          details: { from: { nextStep: row.nextStep, nextStepDue: oldDue }, to: { nextStep: step, nextStepDue: due } },
        });
      }

      if (input.closeDate !== undefined) {
        const original = toCalendarDate(row.originalCloseDate);
        const change = planCloseDateChange(toCalendarDate(row.closeDate), input.closeDate, input.reason);
        if (!change.ok)
          throw new AppError("VALIDATION_FAILED", "Moving the close date later needs a reason.", {
            fields: [{ field: change.field, message: change.message }],
          });
        if (change.changed) {
          columns = {
            ...columns,
            closeDate: fromCalendarDate(change.newDate),
            closeDatePushes: row.closeDatePushes + (change.isPush ? 1 : 0),
            closeDateSlipDays: Math.max(0, daysBetween(original, change.newDate)),
          };
          writes.push((tx) =>
            tx
              .insertInto("CloseDateChange")
              .values({
                id: newId(),
                opportunityId: id,
                oldDate: fromCalendarDate(change.oldDate),
                newDate: fromCalendarDate(change.newDate),
                slipDays: change.slipDays,
                reason: change.reason,
                changedById: actor.id,
                changedAt: now,
              })
              .execute(),
          );
          history.push({
            type: "close_date_changed",
            details: { oldDate: change.oldDate, newDate: change.newDate, slipDays: change.slipDays, reason: change.reason },
          });
        }
      }

      const [first, ...rest] = history;
      if (!first) return null; // nothing changed: no new version
      return { columns, history: [first, ...rest], write: async (tx) => void (await Promise.all(writes.map((w) => w(tx)))) };
    },
    { tx, now, note },
  );
}
