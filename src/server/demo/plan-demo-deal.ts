// One demo deal, from its scenario: the timeline first, then what it met on the way, its dates,
// terms, documents, close plan and history, all consistent with each other.
import { openStages, type ProcessVersion } from "../../domain/process/process-version";
import { addDays, dayOf } from "./demo-dates";
import type { PlannedDeal } from "./demo-plan";
import type { Scenario } from "./demo-scenarios";
import { DISQUALIFIED_REASONS, LOST_REASONS, NEXT_STEPS, WHY_WON } from "./demo-texts";
import { planCloseDates } from "./plan-close-dates";
import { planCloseSteps } from "./plan-close-plan";
import { planAnswers } from "./plan-deal-answers";
import { planCriteria } from "./plan-deal-criteria";
import { planApprovals, type DeskSetup } from "./plan-deal-approvals";
import { planFiles } from "./plan-deal-files";
import { overriddenMove, planHistory } from "./plan-deal-history";
import { planTerms } from "./plan-deal-terms";
import { planTimeline } from "./plan-deal-timeline";
import type { Draw } from "./seeded-random";

/** Every demo deal is priced in US dollars. */
export const CURRENCY = "USD";

function closing(s: Scenario) {
  const lostReason = LOST_REASONS[s.variant % LOST_REASONS.length]!;
  return {
    whyWon: s.outcome === "won" ? WHY_WON[s.variant % WHY_WON.length]! : "",
    lost:
      s.outcome === "lost"
        ? {
            reasonCategory: lostReason.category,
            explanation: lostReason.explanation,
            competitor: lostReason.competitor ?? "none",
            missingFunctionality: lostReason.missing ?? "none",
          }
        : null,
    disqualifiedReason: s.outcome === "disqualified" ? DISQUALIFIED_REASONS[s.variant % DISQUALIFIED_REASONS.length]! : null,
  };
}

export function planDemoDeal(process: ProcessVersion, s: Scenario, account: string, now: Date, d: Draw, desk: DeskSetup): PlannedDeal {
  const stages = openStages(process);
  const closingKind = s.outcome === "won" || s.outcome === "lost" ? s.outcome : null;
  const closingStage = process.stages.find((st) => st.kind === closingKind);
  const t = planTimeline(stages, closingStage?.key ?? null, s, now, d);
  const criteria = planCriteria(stages, s, t, account, d);
  const dates = planCloseDates(s, t, now, d);
  const terms = planTerms(s, account, d);
  const files = planFiles(criteria.documents, terms, account, dates, d);
  const planSteps = criteria.closePlan
    ? planCloseSteps({
        createdAt: criteria.closePlan.at,
        steps: Math.max(criteria.closePlan.minSteps, d.int(3, 5)),
        closeDate: dates.closeDate,
        contacts: criteria.contacts,
        until: t.closedAt ?? now,
      })
    : [];
  const end = closing(s);
  // The stage whose exit needs the deal desk's approval (Negotiate), as the deal last visited it.
  const gateIndex = stages.findIndex((st) => st.exitCriteria.some((c) => c.type === "approval"));
  const approvals = planApprovals({
    s,
    terms: {
      amountCents: Number(terms.amountCents),
      currency: CURRENCY,
      discountPercent: terms.discountPercent,
      paymentTermsDays: terms.paymentTermsDays,
      termMonths: terms.termMonths,
      nonStandardTerms: terms.nonStandardTerms,
    },
    gate: t.visits.filter((v) => v.stageIndex === gateIndex).at(-1),
    now,
    d,
    setup: desk,
    ref: terms.name,
  });
  const answers = planAnswers(process.stages, s, t, dates.closeDate);
  const history = [
    ...planHistory({
      stages: process.stages,
      s,
      t,
      criteria,
      dates,
      files,
      planSteps: planSteps.length,
      closing: end.whyWon ? { kind: "won", whyWon: end.whyWon } : { kind: "lost", lost: end.lost ?? {} },
      disqualifiedReason: end.disqualifiedReason,
    }),
    ...approvals.history,
    ...answers.history,
  ].sort((a, b) => a.at.getTime() - b.at.getTime()); // stable: entries of one moment keep their order
  const isOpen = s.outcome === "open";
  const current = t.visits[t.visits.length - 1]!;
  const today = dayOf(now);
  return {
    ...terms,
    accountName: account,
    ownerEmail: s.ownerEmail,
    stageKey: closingStage?.key ?? current.stageKey,
    stageEnteredAt: closingStage ? t.closedAt! : current.enteredAt,
    status: s.outcome,
    createdAt: t.createdAt,
    closedAt: t.closedAt,
    closeDate: dates.closeDate,
    originalCloseDate: dates.originalCloseDate,
    closeDatePushes: dates.closeDatePushes,
    closeDateSlipDays: dates.closeDateSlipDays,
    nextStep: isOpen ? d.pick(NEXT_STEPS[s.stageIndex] ?? NEXT_STEPS[0]!) : "",
    nextStepDue: isOpen ? addDays(today, s.isNextStepOverdue ? -d.int(1, 12) : d.int(1, 14)) : null,
    buyingProcess: criteria.buyingProcess,
    decisionCriteria: criteria.decisionCriteria,
    qualificationAnswers: answers.answers,
    whyWon: end.whyWon,
    lost: end.lost,
    disqualifiedReason: end.disqualifiedReason,
    // Cleared when a deal closes, so only open deals keep it.
    overriddenAt: isOpen ? (overriddenMove(s, t, criteria.overrideUnmet)?.at ?? null) : null,
    version: history.length,
    contacts: criteria.contacts,
    attestations: criteria.attestations,
    files,
    closeDateChanges: dates.changes,
    planSteps,
    approvalRequests: approvals.requests,
    checklist: [],
    plays: [],
    history,
  };
}
