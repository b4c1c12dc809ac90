// One entry of the deal's history in words: what happened, with its details. Overrides stand out.
import type { ReactNode } from "react";
import type { HistoryItem, StageView } from "@/src/server/opportunity-page/get-opportunity-page";
import { ITEM_LABELS } from "@/src/domain/closing/checklist";
import { categoryLabel, type LossCategory } from "@/src/domain/closing/loss-categories";
import { PLAY_NAMES } from "@/src/domain/closing/plays";
import { answerKeyOf } from "@/src/domain/process/qualification-answers";
import { Badge } from "@/src/ui/badge";
import { formatMoney } from "@/src/ui/format";
import { CONTACT_ROLE_LABELS, FILE_KIND_LABELS } from "../../_lib/labels";
import { answerText, formatDate, formatDuration, signedDays } from "../../_lib/format";

export type Tone = "accent" | "success" | "danger" | "warning" | "neutral";
type Described = { tone: Tone; title: ReactNode; body?: ReactNode };
type Ctx = { stages: StageView[]; currency: string; lossCategories: readonly LossCategory[] };

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  accountName: "Account",
  amount: "Amount",
  currency: "Currency",
  type: "Type",
  years: "Contract years",
  users: "Users",
  discountPercent: "Discount",
  paymentTermsDays: "Payment terms",
  termMonths: "Contract term",
  nonStandardTerms: "Non-standard terms",
  buyingProcess: "Buying process",
  decisionCriteria: "Decision criteria",
  ownerId: "Owner",
  contacts: "Contacts",
  closeDate: "Close date",
  nextStep: "Next step",
  nextStepDue: "Next step due",
  stage: "Stage",
};

const SOURCE_NAMES: Record<string, string> = { salesforce: "Salesforce", hubspot: "HubSpot", stageline: "a Stageline file" };

const str = (v: unknown) => (typeof v === "string" ? v : "");
const quote = (v: unknown) => (str(v).trim() ? <p className="mt-1 text-[13px] text-ink">“{str(v)}”</p> : null);

/** The question an answer's change names (`qualificationAnswers.<key>`), among the deal's version's questions. */
const questionOf = (field: string, ctx: Ctx) => {
  const key = answerKeyOf(field);
  return key === null ? null : (ctx.stages.flatMap((s) => s.questions).find((q) => q.key === key) ?? { key, label: key, answer: "text" as const });
};

const fieldLabel = (field: string, ctx: Ctx) => questionOf(field, ctx)?.label ?? FIELD_LABELS[field] ?? field;
/** "Amount:", but a question keeps its own question mark: "Is budget allocated?". */
const labelled = (label: string) => (label.endsWith("?") ? label : `${label}:`);

function value(field: string, v: unknown, ctx: Ctx): string {
  if (v === null || v === undefined || v === "") return "empty";
  const question = questionOf(field, ctx);
  // A text answer is cut short below, like any long text.
  if (question && question.answer !== "text" && (typeof v === "boolean" || typeof v === "number" || typeof v === "string"))
    return answerText(question.answer, v);
  if (Array.isArray(v))
    return v.length
      ? v
          .map((c) => String(c).replace(/\((\w+)\)$/, (_, r: string) => `(${CONTACT_ROLE_LABELS[r as keyof typeof CONTACT_ROLE_LABELS] ?? r})`))
          .join(", ")
      : "none";
  if (field === "amount" && typeof v === "number") return formatMoney(Math.round(v * 100), ctx.currency);
  if (field === "discountPercent") return `${String(v)}%`;
  if (field === "paymentTermsDays") return `net ${String(v)}`;
  if (field === "termMonths") return `${String(v)} months`;
  if (field === "type") return v === "new" ? "new customer" : "expansion";
  const s = String(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

export function describeEntry(e: HistoryItem, ctx: Ctx): Described {
  const name = (key: string | null) => ctx.stages.find((s) => s.key === key)?.name ?? key ?? "?";
  const d = e.details;
  const after =
    e.secondsInStage !== null ? (
      <span className="text-ink-muted">
        {" "}
        after {formatDuration(e.secondsInStage)} in {name(e.fromStage)}
      </span>
    ) : null;
  switch (e.type) {
    case "created":
      return {
        tone: "accent",
        title: <>Created the deal in {name(e.toStage)}</>,
        body:
          typeof d.amount === "number" ? (
            <p className="mt-1 text-[13px] text-ink-muted">
              {formatMoney(Math.round(d.amount * 100), ctx.currency)}, closing {formatDate(str(d.closeDate))}
            </p>
          ) : null,
      };
    case "stage_changed": {
      const flag = d.overridden ? (
        <Badge tone="warning" className="ml-1.5">
          Override
        </Badge>
      ) : null;
      if (d.kind === "won")
        return {
          tone: "success",
          title: (
            <>
              Closed won from {name(e.fromStage)}
              {after}
              {flag}
            </>
          ),
          body: quote(d.whyWon),
        };
      if (d.kind === "lost") {
        const lost = (d.lost ?? {}) as Record<string, unknown>;
        return {
          tone: "danger",
          title: (
            <>
              Closed lost from {name(e.fromStage)}
              {after}
            </>
          ),
          body: (
            <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-[13px]">
              {(["reasonCategory", "explanation", "competitor", "missingFunctionality"] as const).map((k) => (
                <div key={k} className="contents">
                  <dt className="text-ink-muted">
                    {{ reasonCategory: "Why", explanation: "Explanation", competitor: "Competitor", missingFunctionality: "Missing" }[k]}
                  </dt>
                  <dd className="text-ink">{(k === "reasonCategory" ? categoryLabel(ctx.lossCategories, str(lost[k])) : str(lost[k])) || "—"}</dd>
                </div>
              ))}
            </dl>
          ),
        };
      }
      if (d.kind === "backward")
        return {
          tone: "warning",
          title: (
            <>
              Moved back from {name(e.fromStage)} to {name(e.toStage)}
              {after}
            </>
          ),
          body: quote(d.reason),
        };
      return {
        tone: "accent",
        title: (
          <>
            Moved from {name(e.fromStage)} to {name(e.toStage)}
            {after}
            {flag}
          </>
        ),
      };
    }
    case "override": {
      const unmet = Array.isArray(d.unmet) ? (d.unmet as { label?: string }[]) : [];
      return {
        tone: "warning",
        title: (
          <span className="font-semibold text-amber-900">
            Override: moved from {name(e.fromStage)} to {name(e.toStage)} with {unmet.length} unmet {unmet.length === 1 ? "criterion" : "criteria"}
          </span>
        ),
        body: (
          <div className="mt-1.5 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-[13px] text-amber-950">
            <p>
              <span className="font-semibold">Justification: </span>
              {str(d.justification) || "none given"}
            </p>
            {unmet.length ? <p className="mt-1 text-amber-900">Unmet: {unmet.map((u) => u.label).join("; ")}</p> : null}
          </div>
        ),
      };
    }
    case "field_changed": {
      const changes = Object.entries((d.changes ?? {}) as Record<string, { from: unknown; to: unknown }>);
      return {
        tone: "neutral",
        title:
          changes.length === 1 ? (
            questionOf(changes[0]![0], ctx) ? (
              changes[0]![1].to === null ? (
                <>Cleared a qualification answer</>
              ) : (
                <>Answered a qualification question</>
              )
            ) : (
              <>Changed {fieldLabel(changes[0]![0], ctx).toLowerCase()}</>
            )
          ) : (
            <>Changed {changes.length} fields</>
          ),
        body: (
          <ul className="mt-1 space-y-0.5 text-[13px]">
            {changes.map(([field, c]) => (
              <li key={field} className="text-ink-muted">
                <span className="text-ink">{labelled(fieldLabel(field, ctx))}</span> {value(field, c.from, ctx)} →{" "}
                <span className="text-ink">{value(field, c.to, ctx)}</span>
              </li>
            ))}
          </ul>
        ),
      };
    }
    case "criterion_attested":
      return { tone: "success", title: <>Attested “{str(d.label)}”</>, body: quote(d.note) };
    case "criterion_cleared":
      return { tone: "neutral", title: <>Cleared “{str(d.label)}”</> };
    case "close_date_changed": {
      const slip = Number(d.slipDays ?? 0);
      return {
        tone: slip > 0 ? "warning" : "neutral",
        title: (
          <>
            Moved the close date from {formatDate(str(d.oldDate))} to {formatDate(str(d.newDate))}{" "}
            <Badge tone={slip > 0 ? "warning" : "success"} className="ml-1">
              {signedDays(slip)}
            </Badge>
          </>
        ),
        body: quote(d.reason),
      };
    }
    case "next_step_changed": {
      const to = (d.to ?? {}) as { nextStep?: string; nextStepDue?: string | null };
      return {
        tone: "neutral",
        title: <>Set the next step</>,
        body: (
          <p className="mt-1 text-[13px] text-ink">
            {to.nextStep || "No next step"}
            {to.nextStepDue ? <span className="text-ink-muted"> · due {formatDate(to.nextStepDue)}</span> : null}
          </p>
        ),
      };
    }
    case "plan_changed": {
      // The API records the steps themselves; older entries only their number.
      const count = Array.isArray(d.steps) ? d.steps.length : typeof d.steps === "number" ? d.steps : null;
      return {
        tone: "neutral",
        title:
          count === null ? (
            <>Updated the close plan</>
          ) : (
            <>
              Updated the close plan: {count} {count === 1 ? "step" : "steps"}
            </>
          ),
      };
    }
    case "file_attached":
      return {
        tone: "neutral",
        title: (
          <>
            Attached a {(FILE_KIND_LABELS[str(d.kind) as keyof typeof FILE_KIND_LABELS] ?? "file").toLowerCase()}:{" "}
            <span className="font-mono text-[13px]">{str(d.storedName)}</span>
          </>
        ),
      };
    case "approval_requested":
      return { tone: "accent", title: <>Requested deal desk approval</>, body: quote(d.justification) };
    case "approval_decided":
      return {
        tone: d.decision === "approve" ? "success" : "danger",
        title: <>Deal desk decision: {str(d.decision).replace("_", " ") || "recorded"}</>,
        body: quote(d.comment),
      };
    case "approval_invalidated":
      return d.reason === "withdrawn"
        ? { tone: "neutral", title: <>Withdrew the approval request</> }
        : { tone: "warning", title: <>Approval no longer valid: the terms changed</> };
    case "checklist_updated": {
      const item = ITEM_LABELS[str(d.item) as keyof typeof ITEM_LABELS] ?? "a checklist item";
      if (d.action === "edit_why_won") return { tone: "neutral", title: <>Edited why we won</>, body: quote(d.to) };
      if (d.action === "mark_done") return { tone: "success", title: <>Marked done by hand: {item}</>, body: quote(d.note) };
      if (d.action === "retry") return { tone: "neutral", title: <>Sent again after a failure: {item}</> };
      return { tone: "accent", title: <>Sent: {item}</> };
    }
    case "play_scheduled": {
      const play = PLAY_NAMES[str(d.kind) as keyof typeof PLAY_NAMES] ?? "a play";
      const dates = Array.isArray(d.touches) ? d.touches.map((t) => formatDate(String(t))) : [];
      return {
        tone: "accent",
        title:
          d.kind === "raise_the_dead" && dates[0] ? (
            <>
              Started {play}: revisit on {dates[0]}
            </>
          ) : (
            <>
              Started {play}: touches on {dates.join(", ")}
            </>
          ),
        body: quote(d.note),
      };
    }
    case "play_updated": {
      const play = PLAY_NAMES[str(d.kind) as keyof typeof PLAY_NAMES] ?? "a play";
      if (d.action === "snooze")
        return {
          tone: "neutral",
          title: (
            <>
              Snoozed {play} to {formatDate(str(d.to))}
            </>
          ),
        };
      if (d.action === "touch_done")
        return {
          tone: d.endedAs ? "success" : "neutral",
          title: (
            <>
              Recorded touch {String(d.touch)} of {String(d.of)} of {play}
              {d.endedAs ? ", the last: the play ended" : ""}
            </>
          ),
        };
      if (d.action === "buyer_answered") return { tone: "success", title: <>The buyer answered: {play} ended</>, body: quote(d.note) };
      if (d.action === "reopen") return { tone: "neutral", title: <>{play} ended: the deal was re-opened</> };
      return { tone: "neutral", title: <>Closed {play}</>, body: quote(d.note) };
    }
    case "disqualified":
      return { tone: "neutral", title: <>Disqualified in {name(e.fromStage)}</>, body: quote(d.reason) };
    case "reopened":
      return { tone: "accent", title: <>Re-opened in {name(e.toStage)}</>, body: quote(d.reason) };
    case "imported": {
      // Data from another system: the deal was placed in its stage, not moved through its exit criteria.
      const source = SOURCE_NAMES[str(d.source)] ?? str(d.source);
      if (d.action === "created")
        return {
          tone: "neutral",
          title: (
            <>
              Imported from {source} into {name(e.toStage)}
            </>
          ),
        };
      const changes = Object.entries((d.changes ?? {}) as Record<string, { from: unknown; to: unknown }>);
      return {
        tone: "neutral",
        title: e.toStage ? (
          <>
            Updated by an import from {source}, placed in {name(e.toStage)}
          </>
        ) : (
          <>Updated by an import from {source}</>
        ),
        body: (
          <ul className="mt-1 space-y-0.5 text-[13px]">
            {changes.map(([field, c]) => (
              <li key={field} className="text-ink-muted">
                <span className="text-ink">{FIELD_LABELS[field] ?? field}:</span> {field === "stage" ? name(str(c.from)) : value(field, c.from, ctx)}{" "}
                → <span className="text-ink">{field === "stage" ? name(str(c.to)) : value(field, c.to, ctx)}</span>
              </li>
            ))}
          </ul>
        ),
      };
    }
    case "process_changed":
      return {
        tone: "neutral",
        title: (
          <>
            Moved onto version {String(d.toVersion)} of the process, still in {name(e.toStage)}
          </>
        ),
      };
    default:
      // Every type is described above; an entry of a type added later still reads in words.
      return { tone: "neutral", title: <>{String(e.type).replace(/_/g, " ")}</> };
  }
}
