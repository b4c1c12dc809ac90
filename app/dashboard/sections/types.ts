// What every section of the dashboard receives. A new section is a component taking these props and
// a line in index.ts; no other section changes.
import type { FigureRef } from "@/src/domain/metrics/deal-figures";
import type { Metrics } from "@/src/server/metrics/get-metrics";

export type SectionProps = {
  metrics: Metrics;
  /** The list of deals behind a number, in the dashboard's scope (narrowed to one rep when `ownerId` is given). */
  deals: (ref: FigureRef, ownerId?: string) => string;
  /** The page where the team in view gets its target and deal sizes, with the period and currency; absent for who may not set them. */
  targetsHref?: string;
};
