// Which numbers of the dashboard open a list of deals (docs/rules/dashboard.md, "The deals behind a
// number"), and how each list is named: shared by the server, the API's schema and the pages.

export const DEAL_FIGURES = [
  "won",
  "lost",
  "open_due",
  "qualified",
  "reached",
  "reached_won",
  "balance",
  "forecast",
  "open",
  "integrity",
  "loss_category",
  "loss_competitor",
  "loss_missing",
  "slippage",
] as const;
export type DealFigure = (typeof DEAL_FIGURES)[number];

export const INTEGRITY_KINDS = ["pastDueCloseDate", "noNextStep", "stalled", "overridden", "any"] as const;
export type IntegrityKind = (typeof INTEGRITY_KINDS)[number];

export const DEAL_SORTS = ["amount", "closeDate", "name", "stage"] as const;
export type DealSort = (typeof DEAL_SORTS)[number];

/** Which figure: its kind, and the stage, forecast category, integrity kind or loss name it is about. */
export type FigureRef = { figure: DealFigure; stage?: string; category?: string; kind?: string; name?: string };

/** What the list shows, in words: the page's title and the CSV's file name. */
export function figureLabel(ref: FigureRef): string {
  switch (ref.figure) {
    case "won":
      return "Won in the period";
    case "lost":
      return "Lost in the period";
    case "open_due":
      return "Open, with a close date in the period";
    case "qualified":
      return "Qualified open deals (past the first stage)";
    case "reached":
      return `Closed in the period after reaching ${ref.stage}`;
    case "reached_won":
      return `Won in the period after reaching ${ref.stage}`;
    case "balance":
      return `Open in ${ref.stage}`;
    case "forecast":
      return ref.category === "closed" ? "Forecast: Closed (won in the period)" : `Forecast: ${ref.category?.replace("_", " ")}`;
    case "open":
      return "Open deals";
    case "integrity":
      return `Data integrity: ${{ pastDueCloseDate: "close date past due", noNextStep: "no next step", stalled: "stalled", overridden: "a criterion overridden", any: "any problem" }[ref.kind as IntegrityKind] ?? ref.kind}`;
    case "loss_category":
      return `Lost for ${ref.name}`;
    case "loss_competitor":
      return `Lost to ${ref.name}`;
    case "loss_missing":
      return `Lost for lack of ${ref.name}`;
    case "slippage":
      return "Close dates pushed later in the period";
    default:
      return ref.figure;
  }
}
