// What reps and managers write on demo deals: plausible text, drawn by the planner.

export const NEW_DEAL_TITLES = [
  "Pipeline platform rollout",
  "Sales process standardisation",
  "Forecasting and deal desk",
  "Revenue operations suite",
  "CRM-embedded stage management",
  "Global sales team rollout",
];

export const EXPANSION_TITLES = ["Seat expansion", "Second business unit", "EMEA rollout", "Deal desk add-on"];

export const BUYING_PROCESSES = [
  "RevOps runs the evaluation; IT does a security review; the VP of Sales signs up to $100k, the CFO above.",
  "Three-vendor shortlist scored by a working group; procurement negotiates; the CRO signs.",
  "Pilot with one region for 30 days, then a business case to the executive team at the monthly review.",
  "Champion builds the case, the CFO approves budget at quarter start, legal reviews on customer paper.",
  "Sales leadership decides; IT must approve the CRM integration; purchase order raised by procurement.",
];

export const DECISION_CRITERIA = [
  "CRM integration without custom code; forecast accuracy reporting; live in under 60 days; 3-year total cost.",
  "Enforced exit criteria per stage; manager dashboard; SSO; price per seat within budget.",
  "Deal desk approval routing; audit trail of overrides; EU data residency; reference customers in their industry.",
  "Ease of use for reps (adoption risk); close-date slippage reporting; total cost against the incumbent.",
];

/** Next steps by open stage index (Identify first). */
export const NEXT_STEPS: readonly (readonly string[])[] = [
  ["Discovery call with the VP of Sales", "Send meeting recap and agenda for next call", "Map the buying group with the first contact"],
  ["Meet the IT team on integration", "Confirm budget with the economic buyer", "Workshop with regional sales leads"],
  ["Present pricing to the buying group", "Review the business case draft with the champion", "Agree the close plan dates"],
  ["Walk through MSA redlines with legal", "Confirm signers and signature dates", "Send the final order form"],
  ["Chase the last signature on the order form", "Finance check of signed terms", "Book the kick-off with the CSM"],
];

export const WHY_WON = [
  "Champion carried the business case; our exit-criteria enforcement beat the incumbent on forecast accuracy.",
  "Fastest time to value in the pilot: their managers trusted the dashboard within two weeks.",
  "CRM-embedded view meant no new tool for reps; IT approved the integration in one review.",
  "Strong reference call with a customer in their industry, and pricing within the approved budget.",
  "We mapped every buyer group early; no late objection from finance or legal.",
];

export type LostReason = { category: string; explanation: string; competitor: string | null; missing: string | null };

const lost = (category: string, explanation: string, competitor: string | null = null, missing: string | null = null) =>
  ({ category, explanation, competitor, missing }) satisfies LostReason;

export const LOST_REASONS: readonly LostReason[] = [
  lost("price", "Budget was cut by 30%; our proposal came in above what finance would approve."),
  lost("competitor", "Chose a vendor already used by their parent company.", "Forecastly"),
  lost("no_decision", "Project lost its sponsor after a reorganisation; no one owns the decision."),
  lost("missing_functionality", "Needed territory planning in the same tool.", "PipeCraft", "Territory and quota planning"),
  lost("timing", "Frozen all new software spend until the next fiscal year."),
  lost("competitor", "Competitor offered a free first year bundled with their CRM renewal.", "DealFlow"),
];

export const DISQUALIFIED_REASONS = [
  "No budget and no active project this year.",
  "Too small: five sales seats, below our minimum.",
  "Locked into a multi-year contract with their current vendor.",
  "Needs an on-premises install, which we do not offer.",
];

export const CLOSE_DATE_PUSH_REASONS = [
  "Customer's budget review moved to next quarter.",
  "Legal review on their side is taking longer than planned.",
  "Economic buyer on leave for two weeks.",
  "Security questionnaire reopened after their IT audit.",
  "Procurement asked for a third competitive quote.",
];

export const MSA_REDLINES = [
  "MSA redlines: liability cap raised to 2x annual fees; customer's own DPA.",
  "MSA redlines: termination for convenience after 12 months; 99.95% uptime SLA with service credits.",
];

/** The first draft of each of MSA_REDLINES, as the customer's counsel sent it before adding the rest. */
export const EARLIER_REDLINES = [
  "MSA redlines: liability cap raised to 2x annual fees.",
  "MSA redlines: termination for convenience after 12 months.",
];

/** What reps write when they submit a deal to the deal desk, by what the deal asks for. */
export const DESK_JUSTIFICATIONS = {
  large_deal: "Largest deal in the region this year, on our standard discount and terms.",
  discount: "Competing against an incumbent offering 25% off; the discount wins a two-year commitment.",
  deep_discount: "Multi-year platform consolidation: the deep discount replaces three tools they pay for today.",
  payment_terms: "Their procurement policy pays every supplier beyond net 30; they will not sign on our standard terms.",
  legal: "Customer's counsel will not sign the MSA without these redlines; liability cap checked with their insurer.",
  term_length: "Customer wants a short first term to prove value before a longer commitment.",
  payment_and_legal: "Public-sector buyer: payment beyond net 30 by statute, and their counsel requires these MSA changes.",
  resubmitted: "Counsel sent a revised redline; payment terms unchanged.",
  withdrawn: "Customer asked for this discount to sign this quarter; their CFO is still reviewing the quote.",
};

/** What the desk writes when it decides. */
export const DESK_COMMENTS = {
  approve: ["Approved.", "Fine by us, within policy for a deal this size.", "Approved: terms checked against the order form."],
  rejected_term: "Outside the term range we can price: come back with 12 to 36 months, or a renewal option instead.",
  changes_requested: "Longer payment terms only with annual billing in advance; resubmit with the billing terms in the order form.",
};

export const BACKWARD_REASONS = [
  "New VP of Sales reopened the requirements; back to qualifying value with the new team.",
  "Budget owner changed after a reorg; budget must be confirmed again.",
];

export const OVERRIDE_JUSTIFICATIONS = {
  approval: "Customer signs this week; approval is in the deal desk queue and finance agreed by phone.",
  check: "Kick-off depends on their new CSM starting next month; signing must not wait for it.",
};

export const ATTESTATION_NOTES = ["", "", "Confirmed on the call.", "See meeting notes in the CRM.", "Confirmed by email."];
