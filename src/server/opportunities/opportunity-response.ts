import { criteriaStatus } from "../../domain/criteria/unmet-criteria";
import type { DealDeskRule } from "../../domain/deal-desk/rules";
import { toCalendarDate } from "../../domain/dates";
import { fromCents } from "../../domain/money";
import { stallReasons } from "../../domain/opportunities/stalled";
import { readAnswers } from "../../domain/process/qualification-answers";
import { findStage, type ProcessVersion } from "../../domain/process/process-version";
import type { OpportunityResponse } from "../../schemas/opportunities";
import { dealApproval, dealFacts } from "./deal-facts";
import type { OpportunityRow } from "./load-opportunity";

export function toOpportunityResponse(row: OpportunityRow, process: ProcessVersion, rules: readonly DealDeskRule[], now: Date): OpportunityResponse {
  const stage = findStage(process, row.stageKey);
  if (!stage) throw new Error(`Opportunity ${row.id} is in unknown stage ${row.stageKey}`);
  const facts = dealFacts(row, rules);
  const stall = stallReasons(
    { status: row.status, nextStepDue: facts.nextStepDue, stageEnteredAt: row.stageEnteredAt, stallDays: stage.stallDays },
    now,
  );
  return {
    id: row.id,
    name: row.name,
    accountName: row.accountName,
    amount: fromCents(row.amountCents),
    currency: row.currency,
    closeDate: facts.closeDate,
    originalCloseDate: toCalendarDate(row.originalCloseDate),
    type: row.type,
    years: row.years,
    users: row.users,
    ownerId: row.ownerId,
    ownerName: row.owner.name,
    stage: row.stageKey,
    stageName: stage.name,
    stageEnteredAt: row.stageEnteredAt.toISOString(),
    status: row.status,
    probability: stage.probability,
    version: row.version,
    nextStep: row.nextStep,
    nextStepDue: facts.nextStepDue,
    discountPercent: row.discountPercent,
    paymentTermsDays: row.paymentTermsDays,
    termMonths: row.termMonths,
    nonStandardTerms: row.nonStandardTerms,
    buyingProcess: row.buyingProcess,
    decisionCriteria: row.decisionCriteria,
    whyWon: row.whyWon,
    lost:
      row.status === "lost"
        ? {
            reasonCategory: row.lostReasonCategory ?? "",
            explanation: row.lostExplanation ?? "",
            competitor: row.lostCompetitor ?? "",
            missingFunctionality: row.lostMissingFunctionality ?? "",
          }
        : null,
    disqualifiedReason: row.disqualifiedReason,
    closeDatePushes: row.closeDatePushes,
    closeDateSlipDays: row.closeDateSlipDays,
    stalled: stall.length > 0,
    stallReasons: stall,
    overridden: row.overriddenAt !== null,
    contacts: row.contacts.map((c) => ({ id: c.id, name: c.name, email: c.email, title: c.title, role: c.role })),
    // Open deals show their current stage's checklist; closed ones have none left to meet.
    exitCriteria:
      row.status === "open" ? criteriaStatus(facts, stage).map(({ key, label, type, satisfied }) => ({ key, label, type, satisfied })) : [],
    approval: dealApproval(row, rules),
    qualificationAnswers: readAnswers(row.qualificationAnswers),
    processVersionId: row.processVersionId,
    externalSource: row.externalSource,
    externalId: row.externalId,
    closedAt: row.closedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
