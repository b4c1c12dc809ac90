// A deal as its card on the board shows it. Cards are derived from the same OpportunityResponse the
// API answers with, so a card after a move, a fix or a conflict is exactly what the board loads.
import type { ApprovalStatus } from "../../domain/criteria/deal-facts";
import type { OpportunityResponse } from "../../schemas/opportunities";

export type BoardCard = {
  id: string;
  version: number;
  name: string;
  accountName: string;
  /** Major units, like the API. */
  amount: number;
  currency: string;
  closeDate: string;
  closeDatePushes: number;
  closeDateSlipDays: number;
  ownerName: string;
  nextStep: string;
  nextStepDue: string | null;
  stage: string;
  status: OpportunityResponse["status"];
  stalled: boolean;
  stallReasons: OpportunityResponse["stallReasons"];
  approval: ApprovalStatus;
  /** Exit criteria of the current stage: how many hold, of how many. */
  criteriaMet: number;
  criteriaTotal: number;
};

export function toBoardCard(deal: OpportunityResponse): BoardCard {
  return {
    id: deal.id,
    version: deal.version,
    name: deal.name,
    accountName: deal.accountName,
    amount: deal.amount,
    currency: deal.currency,
    closeDate: deal.closeDate,
    closeDatePushes: deal.closeDatePushes,
    closeDateSlipDays: deal.closeDateSlipDays,
    ownerName: deal.ownerName,
    nextStep: deal.nextStep,
    nextStepDue: deal.nextStepDue,
    stage: deal.stage,
    status: deal.status,
    stalled: deal.stalled,
    stallReasons: deal.stallReasons,
    approval: deal.approval.status,
    criteriaMet: deal.exitCriteria.filter((c) => c.satisfied).length,
    criteriaTotal: deal.exitCriteria.length,
  };
}

/** The order of cards in a column: soonest close date first, then id, as the pages are cut. */
export const compareCards = (a: Pick<BoardCard, "closeDate" | "id">, b: Pick<BoardCard, "closeDate" | "id">) =>
  a.closeDate < b.closeDate ? -1 : a.closeDate > b.closeDate ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
