export const FORECAST_LABELS: Record<string, string> = { pipeline: "Pipeline", best_case: "Best Case", commit: "Commit", closed: "Closed" };
