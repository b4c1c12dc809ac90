// Stale at once (docs/rules/deal-desk.md#stale-approvals): a change to one of the six terms an
// approval covers makes the deal's pending or approved request stale in the same transaction as the
// change, so that no reader ever sees an approval standing for terms it was not given.
import { evaluateDealDesk } from "../../domain/deal-desk/evaluate-deal-desk";
import type { DealDeskRule } from "../../domain/deal-desk/rules";
import { changedTerms, DealTermsSnapshot, TERM_KEYS, termValue, type ChangedTerm, type DealTerms } from "../../domain/deal-desk/terms";
import type { Tx } from "../db";
import type { HistoryInput } from "../history/record-history";
import type { NewOutboxMessage } from "../outbox/enqueue-message";
import { dealTerms } from "../opportunities/deal-facts";
import type { OpportunityRow } from "../opportunities/load-opportunity";
import type { OpportunityChanges } from "../opportunities/write-versioned";
import { staleEvent, type WebhookEventInput } from "../webhooks/events";
import { staleMessages } from "./notifications";

type Invalidation = {
  history: Omit<HistoryInput, "opportunityId" | "actorId" | "at">[];
  messages: NewOutboxMessage[];
  /** approval.stale, for the webhooks. */
  events: WebhookEventInput[];
};

/** The deal's terms once `columns` are written over `row`. */
export function termsAfter(row: OpportunityRow, columns: OpportunityChanges): DealTerms {
  const terms = dealTerms(row);
  return {
    amountCents: columns.amountCents === undefined ? terms.amountCents : Number(columns.amountCents),
    currency: columns.currency ?? terms.currency,
    discountPercent: columns.discountPercent ?? terms.discountPercent,
    paymentTermsDays: columns.paymentTermsDays ?? terms.paymentTermsDays,
    termMonths: columns.termMonths ?? terms.termMonths,
    nonStandardTerms: columns.nonStandardTerms ?? terms.nonStandardTerms,
  };
}

/** The covered terms that differ from a stored snapshot; every term, from unknown, when it cannot be read. */
export function changedSinceSnapshot(snapshot: unknown, terms: DealTerms): ChangedTerm[] {
  const parsed = DealTermsSnapshot.safeParse(snapshot);
  if (!parsed.success) return TERM_KEYS.map((term) => ({ term, from: null, to: termValue(terms, term) }));
  return changedTerms(parsed.data, terms);
}

/**
 * Called by changeOpportunity after the versioned update has locked the deal (every write on an
 * approval request locks its deal first and raises its version, so the request read with the deal is
 * still the latest). Marks the latest request stale when the change moves a term away from its
 * snapshot, records `approval_invalidated` naming each term from→to, and tells the submitter.
 */
export async function invalidateStaleApproval(
  tx: Tx,
  row: OpportunityRow,
  rules: readonly DealDeskRule[],
  columns: OpportunityChanges,
  now: Date,
): Promise<Invalidation | null> {
  const latest = row.approvalRequests[0];
  if (!latest || (latest.status !== "pending" && latest.status !== "approved")) return null;
  const before = dealTerms(row);
  const after = termsAfter(row, columns);
  // Only a change to a covered term can make an approval stale.
  if (changedTerms({ ...before }, after).length === 0) return null;
  const changed = changedSinceSnapshot(latest.termsSnapshot, after);
  if (changed.length === 0) return null;

  const updated = await tx
    .updateTable("ApprovalRequest")
    .set({ status: "stale", staleAt: now, changedTerms: JSON.stringify(changed) })
    .where("id", "=", latest.id)
    .where("status", "in", ["pending", "approved"])
    .returning("requestedById")
    .executeTakeFirst();
  if (!updated) return null;
  const submitter = await tx.selectFrom("User").select(["email", "active"]).where("id", "=", updated.requestedById).executeTakeFirst();
  const standard = evaluateDealDesk(rules, after).groups.length === 0;
  return {
    history: [{ type: "approval_invalidated", details: { requestId: latest.id, reason: "stale", was: latest.status, changedTerms: changed } }],
    messages:
      submitter?.active && !standard
        ? staleMessages({ id: latest.id, submitterEmail: submitter.email }, { name: row.name, accountName: row.accountName }, changed)
        : [],
    events: [staleEvent({ ...row, ...termsColumns(columns), version: row.version + 1 }, { id: latest.id, was: latest.status }, changed, now)],
  };
}

/** The columns of a change that the events' deal summary shows. */
const termsColumns = (columns: OpportunityChanges) =>
  Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined)) as Partial<OpportunityRow>;
