// The rules of moving a deal between stages (docs/rules/moves.md), as one pure decision. The use case
// loads the facts, asks planMove, and then either writes the move or answers the refusal.
import { unmetCriteria, type Unmet } from "../criteria/unmet-criteria";
import { canCloseLost, canReopenInto, firstQualifiedStage, lostFieldProblems, type LostFields } from "./closed-lost";
import type { DealFacts } from "../criteria/deal-facts";
import { followsContractConvention } from "../files/contract-name";
import type { ProcessVersion, Stage } from "../process/process-version";

export type MoveRequest = {
  toStage: string;
  reason?: string;
  lost?: LostFields;
  won?: { whyWon: string };
  override?: { justification: string };
};

export type MoveKind = "forward" | "backward" | "won" | "lost" | "reopen";

export type DealPosition = { stageKey: string; status: "open" | "won" | "lost" | "disqualified" };

export type MovePlan =
  | { ok: true; kind: MoveKind; from: Stage; to: Stage; overridden: Unmet[] }
  | { ok: false; code: "EXIT_CRITERIA_UNMET"; message: string; unmet: Unmet[] }
  | { ok: false; code: "TRANSITION_NOT_ALLOWED" | "FORBIDDEN"; message: string }
  | { ok: false; code: "VALIDATION_FAILED"; message: string; fields: { field: string; message: string }[] };

const invalid = (field: string, message: string): MovePlan => ({
  ok: false,
  code: "VALIDATION_FAILED",
  message: "The move is missing required information.",
  fields: [{ field, message }],
});
const notAllowed = (message: string): MovePlan => ({ ok: false, code: "TRANSITION_NOT_ALLOWED", message });
const hasText = (s: string | undefined) => !!s && s.trim() !== "";

/** Closed Won needs the signed contract even in a process that forgot to ask for it. */
function contractUnmet(process: ProcessVersion, path: Stage[], won: Stage, deal: DealFacts): Unmet[] {
  const asked = path.some((s) => s.exitCriteria.some((c) => c.type === "document" && c.documentKind === "signed_contract"));
  const present = deal.files.some((f) => f.kind === "signed_contract" && followsContractConvention(f.storedName, deal));
  if (asked || present || !process.stages.includes(won)) return [];
  return [{ stage: won.key, key: "signed_contract", label: "Signed contract attached, named by the convention", type: "document" }];
}

function gate(kind: MoveKind, from: Stage, to: Stage, unmet: Unmet[], request: MoveRequest, canOverride: boolean): MovePlan {
  if (unmet.length === 0) return { ok: true, kind, from, to, overridden: [] };
  if (!request.override) {
    return { ok: false, code: "EXIT_CRITERIA_UNMET", message: `${unmet.length} exit criteria are not met.`, unmet };
  }
  if (!canOverride) return { ok: false, code: "FORBIDDEN", message: "Only a manager may override exit criteria." };
  if (!hasText(request.override.justification)) return invalid("override.justification", "a written justification is required");
  return { ok: true, kind, from, to, overridden: unmet };
}

/** A move to an earlier open stage is a move back: allowed, with a reason, and no criterion checked. */
export const isMoveBack = (from: Pick<Stage, "order">, to: Pick<Stage, "order" | "kind">) => to.kind === "open" && to.order < from.order;

export function planMove(
  process: ProcessVersion,
  position: DealPosition,
  deal: DealFacts,
  request: MoveRequest,
  options: { canOverride: boolean; lossCategories?: readonly string[] },
): MovePlan {
  const from = process.stages.find((s) => s.key === position.stageKey);
  const to = process.stages.find((s) => s.key === request.toStage);
  if (!from) throw new Error(`Deal is in stage ${position.stageKey}, which its process does not have.`);
  if (!to) return invalid("toStage", "not a stage of this deal's process");
  if (to.key === from.key) return notAllowed(`The deal is already in ${from.name}.`);
  if (position.status === "disqualified") return notAllowed("A disqualified deal is archived and cannot move.");
  if (position.status === "won") return notAllowed("A won deal is closed and cannot move.");

  const secondStage = firstQualifiedStage(process.stages)?.name ?? "the second stage";
  if (position.status === "lost") {
    if (!canReopenInto(to)) return notAllowed(`A lost deal re-opens into ${secondStage} or a later open stage.`);
    if (!hasText(request.reason)) return invalid("reason", "say why the deal is re-opened");
    return { ok: true, kind: "reopen", from, to, overridden: [] };
  }

  if (to.kind === "lost") {
    if (!canCloseLost(from)) return notAllowed(`Closed Lost is only for deals in ${secondStage} or later: disqualify this deal instead.`);
    const fields = lostFieldProblems(request.lost, options.lossCategories);
    if (fields.length)
      return {
        ok: false,
        code: "VALIDATION_FAILED",
        message: "Closed Lost needs why we lost, the competitor and the missing functionality.",
        fields,
      };
    return { ok: true, kind: "lost", from, to, overridden: [] };
  }

  if (to.kind === "won") {
    if (!hasText(request.won?.whyWon)) return invalid("won.whyWon", "say why we won");
    const path = process.stages.filter((s) => s.kind === "open" && s.order >= from.order);
    // A deal desk approval that went stale after its stage (the terms changed, docs/rules/deal-desk.md) makes
    // that stage's criterion unmet again: it is checked again before the deal is won.
    const passed = process.stages
      .filter((s) => s.kind === "open" && s.order < from.order)
      .map((s) => ({ ...s, exitCriteria: s.exitCriteria.filter((c) => c.type === "approval") }));
    const unmet = [...unmetCriteria(deal, [...passed, ...path]), ...contractUnmet(process, path, to, deal)];
    return gate("won", from, to, unmet, request, options.canOverride);
  }

  if (isMoveBack(from, to)) {
    if (!hasText(request.reason)) return invalid("reason", "say why the deal moves back");
    return { ok: true, kind: "backward", from, to, overridden: [] };
  }

  // Forward: the current stage's criteria and those of every stage skipped on the way.
  const path = process.stages.filter((s) => s.kind === "open" && s.order >= from.order && s.order < to.order);
  return gate("forward", from, to, unmetCriteria(deal, path), request, options.canOverride);
}
