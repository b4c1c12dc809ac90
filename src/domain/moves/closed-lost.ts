// Closed Lost: from which stage a deal may be lost (and a lost deal re-opened), and what a loss must
// say (docs/rules/moves.md, "Closed Lost", "Disqualify" and "Re-open"). The engine (planMove), the
// board and the deal page all ask these, so each rule has one name.
type Placed = { order: number; kind: "open" | "won" | "lost" };

/** Closed Lost and re-opening start at the second stage of the deal's process. */
const FIRST_QUALIFIED_ORDER = 1;

/** A deal is lost from the second open stage on; a first-stage deal that goes nowhere is disqualified. */
export const canCloseLost = (from: Placed) => from.kind === "open" && from.order >= FIRST_QUALIFIED_ORDER;

/** Disqualifying is for the first stage only: later, a deal that goes nowhere is closed lost. */
export const canDisqualify = (from: Placed) => from.kind === "open" && from.order < FIRST_QUALIFIED_ORDER;

/** A lost deal comes back into the second stage or a later open stage, never the first. */
export const canReopenInto = (to: Placed) => to.kind === "open" && to.order >= FIRST_QUALIFIED_ORDER;

/** The stage Closed Lost and re-opening start at, to name in messages ("Qualify or later"). */
export const firstQualifiedStage = <S extends Placed>(stages: readonly S[]): S | undefined => stages.find(canReopenInto);

export type LostFields = { reasonCategory: string; explanation: string; competitor: string; missingFunctionality: string };

/** How a loss says there was no competitor, or nothing missing: a choice, never a blank. */
export const NONE = "none";

export const isNone = (answer: string) => answer.trim().toLowerCase() === NONE;

const LOST_FIELDS = ["reasonCategory", "explanation", "competitor", "missingFunctionality"] as const;

/**
 * Closed Lost asks why we lost (a category and an explanation), the competitor and the missing
 * functionality. Each may be "none", but none may be left blank: one problem per blank field.
 */
export function lostFieldProblems(
  lost: Partial<LostFields> | undefined,
  /** The loss categories in use (docs/rules/closing.md): the category must be one of them. */
  categories?: readonly string[],
): { field: `lost.${keyof LostFields}`; message: string }[] {
  const blank = LOST_FIELDS.filter((k) => !lost?.[k]?.trim()).map((k) => ({
    field: `lost.${k}` as const,
    message: "required (write none when there is none)",
  }));
  const category = lost?.reasonCategory?.trim();
  if (category && categories && !categories.includes(category))
    return [{ field: "lost.reasonCategory", message: `one of the loss categories: ${categories.join(", ")}` }, ...blank];
  return blank;
}
