import type { ApprovalStatus } from "@/src/domain/criteria/deal-facts";
import type { Unmet } from "@/src/domain/criteria/unmet-criteria";
import type { CriterionField } from "@/src/domain/process/types";
import type { OpportunityResponse } from "@/src/schemas/opportunities";
import type { BoardCard } from "@/src/server/board/board-card";

/** What the fixers need of the deal besides its id and version (which the writer holds). */
export type FixerDeal = {
  approval: ApprovalStatus;
  /** The current value of the fields a `field` criterion asks for, where the page knows them: each control starts from it. */
  values: Partial<Record<CriterionField, string>>;
  /** The name a signed contract is stored under; null while an expansion has no users; undefined where the page does not know. */
  contractName?: string | null;
};

export type FixerProps = {
  deal: FixerDeal;
  unmet: Unmet;
  /** Met now: since the panel opened (the board), or as the deal stands (the deal page). */
  done: boolean;
  /** A fix was saved; `said` is what it did, in words, for a screen reader. */
  onFixed: (isMet: boolean, said: string) => void;
};

const asText = (n: number | null) => (n === null ? "" : String(n));

/** The deal as the deal page has it: every field. */
export const fixerDealOf = (deal: OpportunityResponse, contractName: string | null): FixerDeal => ({
  approval: deal.approval.status,
  contractName,
  values: {
    amount: String(deal.amount),
    nextStep: deal.nextStep,
    nextStepDue: deal.nextStepDue ?? "",
    buyingProcess: deal.buyingProcess,
    decisionCriteria: deal.decisionCriteria,
    years: asText(deal.years),
    users: asText(deal.users),
  },
});

/** The deal as the board has it: its card. */
export const fixerDealOfCard = (card: BoardCard): FixerDeal => ({
  approval: card.approval,
  values: { amount: String(card.amount), nextStep: card.nextStep, nextStepDue: card.nextStepDue ?? "" },
});
