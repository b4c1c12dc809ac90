// The terms an approval covers (docs/rules/deal-desk.md#the-terms-an-approval-covers), and what
// changed since an approval's snapshot of them.
import { z } from "zod";

/** The six terms, named as the API names them, in the order they are listed. */
export const TERM_KEYS = ["amount", "currency", "discount_percent", "payment_terms_days", "term_months", "legal_terms"] as const;
export type TermKey = (typeof TERM_KEYS)[number];

export type DealTerms = {
  amountCents: number;
  currency: string;
  discountPercent: number;
  paymentTermsDays: number;
  termMonths: number;
  nonStandardTerms: string;
};

/**
 * An approval's stored snapshot, validated when read back: a malformed one proves nothing.
 * Snapshots taken before the currency was recorded read as currency `null`, unknown, which
 * differs from every deal's currency: such an approval no longer covers the deal.
 */
export const DealTermsSnapshot = z.object({
  amountCents: z.number(),
  currency: z.string().nullable().default(null),
  discountPercent: z.number(),
  paymentTermsDays: z.number(),
  termMonths: z.number(),
  nonStandardTerms: z.string(),
});
export type DealTermsSnapshot = z.infer<typeof DealTermsSnapshot>;

/** A term's value as the API shows it: the amount in major units, legal terms trimmed. */
export type TermValue = number | string | null;
export type ChangedTerm = { term: TermKey; from: TermValue; to: TermValue };

export function termValue(terms: DealTerms | DealTermsSnapshot, term: TermKey): TermValue {
  switch (term) {
    case "amount":
      return terms.amountCents / 100;
    case "currency":
      return terms.currency;
    case "discount_percent":
      return terms.discountPercent;
    case "payment_terms_days":
      return terms.paymentTermsDays;
    case "term_months":
      return terms.termMonths;
    case "legal_terms":
      // Whitespace around the redlines changes nothing a reviewer read.
      return terms.nonStandardTerms.trim();
  }
}

/** The terms that differ from the snapshot, in TERM_KEYS order; none when it still covers the deal. */
export function changedTerms(snapshot: DealTermsSnapshot, terms: DealTerms): ChangedTerm[] {
  return TERM_KEYS.map((term) => ({ term, from: termValue(snapshot, term), to: termValue(terms, term) })).filter((c) => c.from !== c.to);
}
