// A demo deal's approval requests, told as the deal desk would have lived them: each submission,
// decision and change of terms is replayed with the deal desk's own rules (src/domain/deal-desk), so
// that the routed groups, the snapshots, what went stale and what was carried over are exactly what
// the app would have stored (docs/rules/deal-desk.md). A story that the rules in force cannot tell
// (an admin switched a rule off before the demo was loaded, so a group is not required or the terms
// are standard) is left out: the deal keeps its terms and has no request.
import { approvalStatus } from "../../domain/deal-desk/approval-status";
import { carriedDecisions } from "../../domain/deal-desk/carried-decisions";
import { evaluateDealDesk } from "../../domain/deal-desk/evaluate-deal-desk";
import type { ApproverGroup, DealDeskRule } from "../../domain/deal-desk/rules";
import { changedTerms, type DealTerms } from "../../domain/deal-desk/terms";
import { HOUR, toMinute } from "./demo-dates";
import type { PlannedApprovalRequest, PlannedDecision, PlannedHistory } from "./demo-plan";
import type { DeskStory, Scenario } from "./demo-scenarios";
import { DEMO_USERS } from "./demo-users";
import { DESK_COMMENTS, DESK_JUSTIFICATIONS, EARLIER_REDLINES } from "./demo-texts";
import type { Visit } from "./plan-deal-timeline";
import type { Draw } from "./seeded-random";

export type DeskSetup = { rules: readonly DealDeskRule[]; targetHours: number };

export type ApprovalPlan = { requests: PlannedApprovalRequest[]; history: PlannedHistory[] };

type Decision = PlannedDecision["decision"];

/** The rules in force do not lead where the story goes. */
class UntoldStory extends Error {}

/** Who decides for a group on a deal: the owner's team manager, or the demo's desk user in it. */
function deciderFor(group: ApproverGroup, s: Scenario): string {
  const email = group === "sales_manager" ? s.managerEmail : DEMO_USERS.find((u) => u.groups?.some((g) => g === group))?.email;
  if (!email) throw new Error(`No demo user decides for ${group}.`);
  if (email === s.ownerEmail) throw new Error(`${email} would decide on their own deal.`);
  return email;
}

/** Replays what happened at the desk, in time order, from the deal's terms before any change. */
function desk(s: Scenario, start: DealTerms, setup: DeskSetup, window: { from: Date; to: Date }, ref: string) {
  let terms = start;
  let clock = window.from.getTime();
  const requests: PlannedApprovalRequest[] = [];
  const history: PlannedHistory[] = [];
  const tick = (at: Date) => {
    if (at.getTime() <= clock || at.getTime() > window.to.getTime())
      throw new Error(`${ref}: a deal desk event at ${at.toISOString()} falls outside its stage or before the previous one.`);
    clock = at.getTime();
  };
  const latest = () => requests.at(-1) ?? null;

  return {
    get terms() {
      return terms;
    },
    requests,
    history,
    submit(at: Date, justification: string) {
      tick(at);
      const evaluation = evaluateDealDesk(setup.rules, terms);
      if (evaluation.groups.length === 0) throw new UntoldStory(`${ref}: standard terms need no approval.`);
      const previous = latest();
      const standing = approvalStatus(evaluation.groups, terms, previous);
      if (standing.status === "pending" || standing.status === "approved") throw new UntoldStory(`${ref}: the latest request still stands.`);
      const changed = previous ? changedTerms(previous.termsSnapshot, terms) : [];
      const carried = previous
        ? carriedDecisions(
            {
              requestId: previous.ref,
              decisions: previous.decisions.map((d) => ({
                group: d.group,
                decision: d.decision,
                deciderId: d.deciderEmail,
                comment: d.comment,
                decidedAt: d.decidedAt,
                ...(d.carriedFromRef ? { carriedFrom: d.carriedFromRef } : {}),
              })),
            },
            evaluation,
            changed,
          )
        : [];
      const status = evaluation.groups.every((g) => carried.some((c) => c.group === g)) ? "approved" : "pending";
      const request: PlannedApprovalRequest = {
        ref: `${ref} #${requests.length + 1}`,
        requestedByEmail: s.ownerEmail,
        justification,
        status,
        requiredGroups: evaluation.groups,
        reasons: evaluation.reasons.map((r) => ({
          key: r.key,
          label: r.label,
          version: r.version ?? null,
          value: r.value,
          groups: setup.rules.find((rule) => rule.key === r.key)?.groups ?? [],
        })),
        termsSnapshot: terms,
        targetHours: setup.targetHours,
        createdAt: at,
        decidedAt: status === "approved" ? at : null,
        staleAt: null,
        changedTerms: null,
        withdrawnAt: null,
        previousRef: previous?.ref ?? null,
        decisions: carried.map((c) => ({
          group: c.group,
          deciderEmail: c.deciderId,
          decision: c.decision,
          comment: c.comment,
          decidedAt: c.decidedAt,
          carriedFromRef: c.carriedFrom,
        })),
      };
      requests.push(request);
      history.push({
        type: "approval_requested",
        at,
        actorEmail: s.ownerEmail,
        details: {
          requiredGroups: request.requiredGroups,
          reasons: request.reasons.map((r) => r.key),
          justification,
          previousRequestId: null,
          carriedGroups: carried.map((c) => c.group),
          status,
        },
        requestRefs: previous ? { requestId: request.ref, previousRequestId: previous.ref } : { requestId: request.ref },
      });
      return request;
    },
    decide(at: Date, group: ApproverGroup, decision: Decision, comment: string) {
      tick(at);
      const request = latest();
      if (request?.status !== "pending") throw new UntoldStory(`${ref}: only a pending request is decided.`);
      if (!request.requiredGroups.includes(group) || request.decisions.some((d) => d.group === group))
        throw new UntoldStory(`${ref}: ${group} has nothing to decide on this request.`);
      const deciderEmail = deciderFor(group, s);
      request.decisions.push({ group, deciderEmail, decision, comment, decidedAt: at, carriedFromRef: null });
      const approved = request.requiredGroups.every((g) => request.decisions.some((d) => d.group === g && d.decision === "approve"));
      const outcome = decision === "reject" ? "rejected" : decision === "request_changes" ? "changes_requested" : approved ? "approved" : "pending";
      if (outcome !== "pending") {
        request.status = outcome;
        request.decidedAt = at;
      }
      history.push({
        type: "approval_decided",
        at,
        actorEmail: deciderEmail,
        details: { group, decision, comment, status: outcome },
        requestRefs: { requestId: request.ref },
      });
    },
    /** The submitter withdraws the pending request. */
    withdraw(at: Date) {
      tick(at);
      const request = latest();
      if (request?.status !== "pending") throw new UntoldStory(`${ref}: only a pending request is withdrawn.`);
      request.status = "withdrawn";
      request.withdrawnAt = at;
      history.push({
        type: "approval_invalidated",
        at,
        actorEmail: request.requestedByEmail,
        details: { reason: "withdrawn" },
        requestRefs: { requestId: request.ref },
      });
    },
    /** The owner edits the legal terms; a pending or approved request they move away from is stale at once. */
    changeLegalTerms(at: Date, text: string) {
      tick(at);
      const before = terms;
      terms = { ...terms, nonStandardTerms: text };
      history.push({
        type: "field_changed",
        at,
        actorEmail: s.ownerEmail,
        details: { changes: { nonStandardTerms: { from: before.nonStandardTerms, to: text } } },
      });
      const request = latest();
      if (!request || (request.status !== "pending" && request.status !== "approved")) return;
      const changed = changedTerms(request.termsSnapshot, terms);
      if (changed.length === 0) return;
      const was = request.status;
      request.status = "stale";
      request.staleAt = at;
      request.changedTerms = changed;
      history.push({
        type: "approval_invalidated",
        at,
        actorEmail: s.ownerEmail,
        details: { reason: "stale", was, changedTerms: changed },
        requestRefs: { requestId: request.ref },
      });
    },
  };
}

/** What the rep wrote, by story; an approved deal's by its terms. */
const JUSTIFICATION_OF: Record<Exclude<DeskStory, "approved">, keyof typeof DESK_JUSTIFICATIONS> = {
  late_with_finance: "large_deal",
  fresh_with_manager: "discount",
  legal_changed_resubmitted: "payment_and_legal",
  manager_approved_finance_pending: "deep_discount",
  stale_on_legal: "legal",
  rejected_term: "term_length",
  changes_requested: "payment_terms",
  withdrawn: "withdrawn",
};

function justificationOf(s: Scenario, story: DeskStory): string {
  if (story !== "approved") return DESK_JUSTIFICATIONS[JUSTIFICATION_OF[story]];
  return s.terms === "standard" ? DESK_JUSTIFICATIONS.large_deal : DESK_JUSTIFICATIONS[s.terms];
}

/**
 * The requests of a deal with a desk story, and their history entries. `terms` are the deal's terms
 * now; `gate` is its visit to the stage whose exit needs the approval (still going on for a deal in it).
 */
export function planApprovals(input: {
  s: Scenario;
  terms: DealTerms;
  gate: Visit | undefined;
  now: Date;
  d: Draw;
  setup: DeskSetup;
  ref: string;
}): ApprovalPlan {
  const { s, terms, gate, now, d } = input;
  // A process without an approval criterion, or a deal that never visited its stage, has no story to tell.
  if (!s.desk || !gate) return { requests: [], history: [] };
  const story = s.desk;
  const inGate = story === "approved";
  const window = { from: gate.enteredAt, to: inGate ? gate.leftAt : now };
  const ago = (hours: number) => toMinute(now.getTime() - hours * HOUR - d.int(0, 59) * 60_000);
  const after = (at: Date, hours: number) => toMinute(at.getTime() + hours * HOUR);
  const approve = () => d.pick(DESK_COMMENTS.approve);
  const justification = justificationOf(s, story);
  // Stories that change the legal terms start from their first draft.
  const changesLegal = story === "legal_changed_resubmitted" || story === "stale_on_legal";
  const first = changesLegal ? { ...terms, nonStandardTerms: EARLIER_REDLINES[s.variant % EARLIER_REDLINES.length]! } : terms;
  const replay = desk(s, first, input.setup, window, input.ref);

  try {
    tell(story, replay, { terms, gate, d, justification, ago, after, approve });
  } catch (error) {
    if (error instanceof UntoldStory) return { requests: [], history: [] };
    throw error;
  }
  if (changedTerms(replay.terms, terms).length > 0) throw new Error(`${input.ref}: the desk's story does not end on the deal's terms.`);
  return { requests: replay.requests, history: replay.history };
}

type Replay = ReturnType<typeof desk>;
type Tools = {
  terms: DealTerms;
  gate: Visit;
  d: Draw;
  justification: string;
  ago: (hours: number) => Date;
  after: (at: Date, hours: number) => Date;
  approve: () => string;
};

function tell(story: DeskStory, replay: Replay, { terms, gate, d, justification, ago, after, approve }: Tools): void {
  switch (story) {
    case "late_with_finance": {
      // Past its turnaround whatever the weekday: five calendar days hold at least three business days.
      const request = replay.submit(ago(5 * 24 + d.int(2, 20)), justification);
      replay.decide(after(request.createdAt, d.int(3, 8)), "sales_ops", "approve", approve());
      break;
    }
    case "fresh_with_manager":
      replay.submit(ago(d.int(2, 5)), justification);
      break;
    case "legal_changed_resubmitted": {
      const request = replay.submit(ago(4 * 24 + d.int(0, 12)), justification);
      replay.decide(after(request.createdAt, d.int(3, 9)), "finance", "approve", approve());
      replay.decide(after(request.createdAt, 24 + d.int(0, 6)), "legal", "approve", approve());
      const changedAt = ago(d.int(20, 30));
      replay.changeLegalTerms(changedAt, terms.nonStandardTerms);
      replay.submit(after(changedAt, d.int(1, 3)), DESK_JUSTIFICATIONS.resubmitted);
      break;
    }
    case "manager_approved_finance_pending": {
      const request = replay.submit(ago(d.int(26, 40)), justification);
      replay.decide(after(request.createdAt, d.int(2, 6)), "sales_manager", "approve", approve());
      break;
    }
    case "stale_on_legal": {
      const request = replay.submit(ago(4 * 24 + d.int(0, 12)), justification);
      replay.decide(after(request.createdAt, d.int(20, 30)), "legal", "approve", approve());
      replay.changeLegalTerms(ago(d.int(4, 24)), terms.nonStandardTerms);
      break;
    }
    case "rejected_term": {
      const request = replay.submit(ago(3 * 24 + d.int(0, 12)), justification);
      replay.decide(after(request.createdAt, d.int(4, 10)), "finance", "reject", DESK_COMMENTS.rejected_term);
      break;
    }
    case "changes_requested": {
      const request = replay.submit(ago(2 * 24 + d.int(0, 12)), justification);
      replay.decide(after(request.createdAt, d.int(3, 8)), "finance", "request_changes", DESK_COMMENTS.changes_requested);
      break;
    }
    case "withdrawn": {
      const request = replay.submit(ago(3 * 24 + d.int(0, 12)), justification);
      replay.withdraw(after(request.createdAt, d.int(2, 6)));
      break;
    }
    case "approved": {
      // While the deal was in the stage: every group the rules asked approved, one after the other.
      const span = gate.leftAt.getTime() - gate.enteredAt.getTime();
      const at = (fraction: number) => toMinute(gate.enteredAt.getTime() + span * fraction);
      const request = replay.submit(at(0.3), justification);
      for (const [i, group] of request.requiredGroups.entries()) replay.decide(at(0.5 + i * 0.1), group, "approve", approve());
      break;
    }
  }
}
