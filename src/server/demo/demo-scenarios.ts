// The mix of demo deals: how many sit in each open stage, how many closed and how, and which carry
// the situations the board and the dashboard must show (stalled, past due, skipped or reversed
// moves, non-standard terms, overrides). Fixed by position, not drawn, so every situation appears.
import { DEMO_TEAMS, DEMO_USERS, type DemoTeamName } from "./demo-users";
import type { Draw } from "./seeded-random";

export type Outcome = "open" | "won" | "lost" | "disqualified";
export type Terms = "standard" | "discount" | "deep_discount" | "payment_terms" | "term_length" | "legal" | "payment_and_legal";

/**
 * What happened at the deal desk (plan-deal-approvals.ts): the requests a deal carries, from the
 * rock waiting late on finance to an approval already spent on a deal past the gate.
 */
export type DeskStory =
  | "late_with_finance"
  | "fresh_with_manager"
  | "legal_changed_resubmitted"
  | "manager_approved_finance_pending"
  | "stale_on_legal"
  | "rejected_term"
  | "changes_requested"
  | "withdrawn"
  | "approved";

export type Scenario = {
  outcome: Outcome;
  /** Index among the open stages: where an open deal sits, or the stage a lost deal was lost from. */
  stageIndex: number;
  /** Its place among deals of the same outcome (and stage): texts are taken in turn by it. */
  variant: number;
  closedDaysAgo: number | null;
  skipsStage: boolean;
  goesBack: boolean;
  isStalledByAge: boolean;
  isNextStepOverdue: boolean;
  isPastDue: boolean;
  isRock: boolean;
  terms: Terms;
  desk: DeskStory | null;
  /** A manager overrode the move out of the stage before last; what was unmet then. */
  override: "approval" | "check" | null;
  team: DemoTeamName;
  ownerEmail: string;
  managerEmail: string;
};

type Shape = Omit<Scenario, "team" | "ownerEmail" | "managerEmail">;

const OPEN_PER_STAGE = [12, 11, 9, 8, 5]; // more in early stages, as in a healthy funnel
const LOST_FROM = [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4]; // never from the first stage
const WON = 20;
const WON_THROUGH_DESK = 1;
const DISQUALIFIED = 4;
/** The terms of the k-th open deal of a stage before the deal desk gate. */
const OPEN_TERMS: readonly Terms[] = ["standard", "discount", "standard", "payment_terms", "standard", "deep_discount", "legal", "term_length"];
/**
 * The k-th open deal of the gate stage (Negotiate): its terms and what the desk made of them. The rock
 * is k = 0; even ones go to Enterprise, whose manager (the first printed) has the fresh discount to decide.
 */
const AT_GATE: readonly { terms: Terms; desk: DeskStory | null }[] = [
  { terms: "standard", desk: "late_with_finance" },
  { terms: "discount", desk: "withdrawn" },
  { terms: "payment_and_legal", desk: "legal_changed_resubmitted" },
  { terms: "payment_terms", desk: "changes_requested" },
  { terms: "discount", desk: "fresh_with_manager" },
  { terms: "deep_discount", desk: "manager_approved_finance_pending" },
  { terms: "legal", desk: "stale_on_legal" },
  { terms: "term_length", desk: "rejected_term" },
];
/** The open deal past the gate whose approval let it through. */
const APPROVED_PAST_GATE = 4;

const plain = {
  closedDaysAgo: null,
  skipsStage: false,
  goesBack: false,
  isStalledByAge: false,
  isNextStepOverdue: false,
  isPastDue: false,
  isRock: false,
  terms: "standard",
  desk: null,
  override: null,
} as const satisfies Partial<Shape>;

function openShapes(last: number): Shape[] {
  return OPEN_PER_STAGE.flatMap((count, i) =>
    Array.from({ length: count }, (_, k): Shape => {
      const stageIndex = Math.min(i, last);
      // Deals past the stage with the deal desk gate carry standard terms, an override that says the
      // approval was unmet, or the approval that let them through.
      const isPastGate = stageIndex === last;
      const isAtGate = stageIndex === last - 1;
      const override = isPastGate && k < 2 ? (k === 0 ? "approval" : "check") : null;
      const approvedPastGate = isPastGate && k === APPROVED_PAST_GATE;
      const atGate = isAtGate ? AT_GATE[k] : undefined;
      const terms: Terms =
        stageIndex === 0
          ? "standard"
          : isPastGate
            ? override === "approval"
              ? "discount"
              : approvedPastGate
                ? "payment_terms"
                : "standard"
            : (atGate?.terms ?? OPEN_TERMS[k] ?? "standard");
      return {
        ...plain,
        outcome: "open",
        stageIndex,
        variant: k,
        terms,
        desk: approvedPastGate ? "approved" : (atGate?.desk ?? null),
        override,
        skipsStage: stageIndex >= 2 && k === 2,
        goesBack: stageIndex >= 2 && !isPastGate && k === 4,
        isStalledByAge: k % 5 === 3,
        isNextStepOverdue: k % 5 === 1,
        isPastDue: stageIndex >= 1 && k % 6 === 5,
        isRock: stageIndex >= 1 && !isPastGate && k === 0,
      };
    }),
  );
}

function closedShapes(last: number, d: Draw): Shape[] {
  const won = Array.from(
    { length: WON },
    (_, w): Shape => ({
      ...plain,
      outcome: "won",
      stageIndex: last,
      variant: w,
      closedDaysAgo: 4 + w * 16 + d.int(0, 10),
      skipsStage: w === 6,
      // A recent win went through the deal desk: legal approved its redlines in Negotiate.
      ...(w === WON_THROUGH_DESK ? { terms: "legal", desk: "approved" } : {}),
    }),
  );
  const lost = LOST_FROM.map(
    (from, l): Shape => ({
      ...plain,
      outcome: "lost",
      stageIndex: Math.min(from, last),
      variant: l,
      closedDaysAgo: 8 + l * 26 + d.int(0, 12),
      isRock: l === 4,
      terms: l % 6 === 0 && from < last ? "discount" : "standard",
    }),
  );
  const disqualified = Array.from(
    { length: DISQUALIFIED },
    (_, q): Shape => ({
      ...plain,
      outcome: "disqualified",
      stageIndex: 0,
      variant: q,
      closedDaysAgo: 15 + q * 70 + d.int(0, 20),
    }),
  );
  return [...won, ...lost, ...disqualified];
}

/**
 * Rocks go to Enterprise; the rest alternate between teams; a manager owns about one deal in seven,
 * but never one the deal desk has seen, since the owner's manager decides for the sales manager group
 * and nobody decides on their own deal.
 */
function assignOwners(shapes: Shape[]): Scenario[] {
  const dealsOf = new Map<DemoTeamName, number>();
  return shapes.map((shape, i) => {
    const team = DEMO_TEAMS[shape.isRock ? 0 : i % DEMO_TEAMS.length]!;
    const n = dealsOf.get(team.name) ?? 0;
    dealsOf.set(team.name, n + 1);
    const reps = DEMO_USERS.filter((u) => u.team === team.name && u.email !== team.managerEmail);
    const ownerEmail = n % 7 === 6 && !shape.desk ? team.managerEmail : reps[n % reps.length]!.email;
    return { ...shape, team: team.name, ownerEmail, managerEmail: team.managerEmail };
  });
}

/** `openStageCount`: the process's open stages; the mix is made for Standard B2B's five. */
export function demoScenarios(openStageCount: number, d: Draw): Scenario[] {
  const last = openStageCount - 1;
  return assignOwners([...openShapes(last), ...closedShapes(last, d)]);
}
