// A demo deal's commercial terms. The non-standard ones trip the default deal desk rules (000):
// discount above 15% or 30%, payment beyond net 30, a term under 1 or over 3 years, MSA redlines,
// and 250,000 or more.
import type { OpportunityType } from "../../generated/prisma/client";
import type { Scenario } from "./demo-scenarios";
import { EXPANSION_TITLES, MSA_REDLINES, NEW_DEAL_TITLES } from "./demo-texts";
import type { Draw } from "./seeded-random";

export type DealTerms = {
  name: string;
  type: OpportunityType;
  amountCents: bigint;
  years: number;
  users: number;
  discountPercent: number;
  paymentTermsDays: number;
  termMonths: number;
  nonStandardTerms: string;
};

function amountDollars(s: Scenario, d: Draw): number {
  if (s.isRock) return d.int(50, 80) * 5_000; // 250k–400k
  if (s.team === "Enterprise") return d.int(40, 240) * 1_000;
  return d.int(16, 150) * 500; // 8k–75k
}

export function planTerms(s: Scenario, account: string, d: Draw): DealTerms {
  const type: OpportunityType = !s.isRock && d.chance(0.35) ? "expansion" : "new";
  const termMonths = s.terms === "term_length" ? d.pick([6, 48]) : d.pick([12, 12, 12, 24, 36]);
  const years = Math.max(1, Math.round(termMonths / 12));
  const dollars = amountDollars(s, d);
  const pricePerSeatYear = d.pick([480, 600, 720, 900]);
  return {
    name: `${account} - ${d.pick(type === "new" ? NEW_DEAL_TITLES : EXPANSION_TITLES)}`,
    type,
    amountCents: BigInt(dollars) * 100n,
    years,
    users: Math.max(5, Math.round(dollars / years / pricePerSeatYear)),
    discountPercent:
      s.terms === "discount" ? d.pick([17.5, 20, 22, 25]) : s.terms === "deep_discount" ? d.pick([32, 35]) : d.pick([0, 0, 5, 10, 12, 15]),
    paymentTermsDays: s.terms === "payment_terms" || s.terms === "payment_and_legal" ? d.pick([45, 60]) : 30,
    termMonths,
    nonStandardTerms: s.terms === "legal" || s.terms === "payment_and_legal" ? MSA_REDLINES[s.variant % MSA_REDLINES.length]! : "",
  };
}
