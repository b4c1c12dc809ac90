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
  "size",
  "movement",
] as const;
export type DealFigure = (typeof DEAL_FIGURES)[number];

export const INTEGRITY_KINDS = ["pastDueCloseDate", "noNextStep", "stalled", "overridden", "any"] as const;
export type IntegrityKind = (typeof INTEGRITY_KINDS)[number];

/** The size mix's buckets: rocks, stones and pebbles. */
export const SIZE_KINDS = ["rock", "stone", "pebble"] as const;
export type SizeKind = (typeof SIZE_KINDS)[number];

/**
 * The movement waterfall's numbers: the pipeline at `since`, each step from it to the pipeline now,
 * the deals that moved forward or back while in it, and the pipeline now.
 */
export const MOVEMENT_KINDS = ["start", "new", "forward", "back", "pushed", "pulled", "won", "lost", "disqualified", "amount", "now"] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** Every `kind` a figure may name, for a schema that validates it before knowing the figure. */
export const FIGURE_KINDS = { integrity: INTEGRITY_KINDS, size: SIZE_KINDS, movement: MOVEMENT_KINDS } as const;

export const DEAL_SORTS = ["amount", "closeDate", "name", "stage"] as const;
export type DealSort = (typeof DEAL_SORTS)[number];

/**
 * Which figure: its kind, and the stage, forecast category, kind (integrity problem, deal size or
 * movement step) or loss name it is about; `since` (a calendar day) is where a movement starts.
 */
export type FigureRef = { figure: DealFigure; stage?: string; category?: string; kind?: string; name?: string; since?: string };

/** The parameters of a figure as they travel in a URL, in this order. */
export const FIGURE_PARAMS = ["stage", "category", "kind", "name", "since"] as const;

const SIZE_LABELS: Record<SizeKind, string> = {
  rock: "Rocks: open deals from the team's rock threshold up",
  stone: "Stones: open deals from the team's stone threshold, below its rock threshold",
  pebble: "Pebbles: open deals below the team's stone threshold",
};

const movementLabel = (kind: string, since: string): string => {
  const labels: Record<MovementKind, string> = {
    start: `The pipeline on ${since}`,
    new: `New deals in the pipeline since ${since}`,
    forward: `In the pipeline on ${since} and now, moved to a later stage`,
    back: `In the pipeline on ${since} and now, moved to an earlier stage`,
    pushed: `Pushed out of the period since ${since}`,
    pulled: `Pulled into the period since ${since}`,
    won: `Won from the pipeline since ${since}`,
    lost: `Lost from the pipeline since ${since}`,
    disqualified: `Disqualified from the pipeline since ${since}`,
    amount: `Amounts changed since ${since}`,
    now: "The pipeline now",
  };
  return labels[kind as MovementKind] ?? `Pipeline movement: ${kind}`;
};

/**
 * What a list's value adds up, when it is not the deals' amounts today: a movement step's value is
 * what it added to the pipeline or took away from it (docs/rules/dashboard.md, "Movement").
 */
export function figureValueNote(ref: FigureRef): string | null {
  if (ref.figure !== "movement") return null;
  switch (ref.kind as MovementKind) {
    case "start":
      return `their amounts on ${ref.since}`;
    case "pushed":
    case "won":
    case "lost":
    case "disqualified":
      return `taken out of the pipeline: their amounts on ${ref.since}`;
    case "amount":
      return `added to the pipeline by the changes: amounts now less amounts on ${ref.since}`;
    default:
      return null;
  }
}

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
    case "size":
      return SIZE_LABELS[ref.kind as SizeKind] ?? `Deal size: ${ref.kind}`;
    case "movement":
      return movementLabel(ref.kind ?? "", ref.since ?? "the period's first day");
    default:
      return ref.figure;
  }
}
