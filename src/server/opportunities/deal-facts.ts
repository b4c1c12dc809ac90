import { approvalStatus } from "../../domain/deal-desk/approval-status";
import { evaluateDealDesk } from "../../domain/deal-desk/evaluate-deal-desk";
import type { DealDeskRule } from "../../domain/deal-desk/rules";
import type { DealTerms } from "../../domain/deal-desk/terms";
import { attestationKey, type DealFacts } from "../../domain/criteria/deal-facts";
import { toCalendarDate } from "../../domain/dates";
import type { OpportunityRow } from "./load-opportunity";

export const dealTerms = (row: OpportunityRow): DealTerms => ({
  amountCents: Number(row.amountCents),
  currency: row.currency,
  discountPercent: row.discountPercent,
  paymentTermsDays: row.paymentTermsDays,
  termMonths: row.termMonths,
  nonStandardTerms: row.nonStandardTerms,
});

export function dealApproval(row: OpportunityRow, rules: readonly DealDeskRule[]) {
  const terms = dealTerms(row);
  const { groups, reasons } = evaluateDealDesk(rules, terms);
  const latest = row.approvalRequests[0];
  const { status, changedTerms } = approvalStatus(
    groups,
    terms,
    latest ? { status: latest.status, requiredGroups: latest.requiredGroups, termsSnapshot: latest.termsSnapshot } : null,
  );
  return {
    required: groups.length > 0,
    requiredGroups: groups,
    status,
    reasons: reasons.map((r) => ({ key: r.key, label: r.label })),
    // The latest request while the deal needs approval: the one to open, decide, withdraw or resubmit after.
    requestId: groups.length > 0 && latest ? latest.id : null,
    changedTerms,
  };
}

export function dealFacts(row: OpportunityRow, rules: readonly DealDeskRule[]): DealFacts {
  return {
    accountName: row.accountName,
    type: row.type,
    amountCents: Number(row.amountCents),
    closeDate: toCalendarDate(row.closeDate),
    nextStep: row.nextStep,
    nextStepDue: row.nextStepDue ? toCalendarDate(row.nextStepDue) : null,
    buyingProcess: row.buyingProcess,
    decisionCriteria: row.decisionCriteria,
    whyWon: row.whyWon,
    years: row.years,
    users: row.users,
    termMonths: row.termMonths,
    contactRoles: row.contacts.map((c) => c.role),
    attested: new Set(row.attestations.map((a) => attestationKey(a.stageKey, a.criterionKey))),
    files: row.files,
    planSteps: row.planSteps.map((s) => ({
      ownerUserId: s.ownerUserId,
      ownerName: s.ownerName,
      dueDate: s.dueDate,
    })),
    approvalStatus: dealApproval(row, rules).status,
  };
}
