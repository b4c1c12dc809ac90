"use client";

// The charts' code is fetched after the page, only on the dashboard: the page's first load stays
// light (docs/performance.md) and the figures show at once in their tables.
import dynamic from "next/dynamic";
import type { ChartProps } from "./bar-chart";

const DashboardBarChart = dynamic(() => import("./bar-chart"), {
  ssr: false,
  loading: () => <div className="h-60 animate-pulse rounded-md bg-zinc-100" />,
});

/**
 * A chart drawn for the eye; `summary` names it for a screen reader, which reads the table beside it.
 * It prints: SVG scaled to the printed width, its colours kept exactly (print-color-adjust).
 */
export function Chart({ summary, ...props }: ChartProps & { summary: string }) {
  return (
    <figure
      role="img"
      aria-label={`${summary}. The table beside it gives the same figures.`}
      className="min-w-0 break-inside-avoid [print-color-adjust:exact]"
    >
      <DashboardBarChart {...props} />
    </figure>
  );
}
