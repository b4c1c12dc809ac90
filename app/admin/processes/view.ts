// What the processes pages show beside the API's answers: the words for an opportunity type (as the
// deal page names them), and how many open deals the deal-move page could move.
import type { ProcessSummary } from "@/src/schemas/processes";

export const OPPORTUNITY_TYPE_LABELS = { new: "New customer", expansion: "Expansion" } as const;
export type OpportunityTypeChoice = keyof typeof OPPORTUNITY_TYPE_LABELS;

/** Open deals on versions older than the latest: those the deal-move page may move. */
export const openOnOlderVersions = (p: Pick<ProcessSummary, "latestVersion" | "versions">) =>
  p.versions.filter((v) => v.version < p.latestVersion).reduce((n, v) => n + v.openOpportunities, 0);
