// Types of report.mjs for the TypeScript benches that print its tables.
export function textTable(result: unknown): string;
export function markdownTable(result: unknown): string;
export function queryCounts(result: unknown): string;
export function dashboardTable(result: unknown): string;
export function importTable(result: unknown): string;
export function pageWeightTable(weights: {
  limitKiB: number;
  pages: {
    route: string;
    viewer: string | null;
    viewers: string[];
    redirectsTo?: string;
    html: { gzipKiB: number };
    opening: { scripts: number; gzipKiB: number; rawKiB: number };
    overLimit: boolean;
  }[];
  shared: { scripts: number; gzipKiB: number; rawKiB: number };
}): string;
export function clusterTable(result: unknown): string;
