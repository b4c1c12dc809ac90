"use client";

// The current stage's exit criteria as a live checklist: each one fixed in place, the count and
// the stage path's outlook refreshed as soon as a fix is saved.
import type { CriterionField } from "@/src/domain/process/types";
import type { OpportunityResponse } from "@/src/schemas/opportunities";
import type { ChecklistItem, StageView } from "@/src/server/opportunity-page/get-opportunity-page";
import { Badge } from "@/src/ui/badge";
import { Button } from "@/src/ui/button";
import { cx } from "@/src/ui/cx";
import { ArrowRightIcon } from "@/src/ui/icons";
import { formatMoney } from "@/src/ui/format";
import { GROUP_LABELS } from "@/src/ui/labels";
import { formatDate } from "../../_lib/format";
import { APPROVAL_STATUS, CONTACT_ROLE_LABELS } from "../../_lib/labels";
import { CheckCriterion } from "./check-criterion";
import { CriterionStatus } from "./criterion-status";
import { ContactForm } from "./contact-form";
import { CriterionFieldForm, isEditableField } from "./criterion-field-form";
import { useDeal } from "./deal-context";
import { useMoves } from "./moves";
import { UploadControl } from "./upload-control";

type Props = { items: ChecklistItem[]; deal: OpportunityResponse; stage: StageView; next: StageView | null; contractName: string | null; now: string };

export function Checklist({ items, deal, stage, next, contractName, now }: Props) {
  const { canMove } = useDeal();
  const open = useMoves();
  const met = items.filter((i) => i.satisfied).length;
  return (
    <section aria-labelledby="exit-criteria-heading" id="exit-criteria" className="scroll-mt-24 rounded-card border border-line bg-surface shadow-card">
      <header className="flex flex-wrap items-center justify-between gap-4 border-b border-line px-5 py-4">
        <div className="min-w-0 flex-1">
          <h2 id="exit-criteria-heading" className="text-[15px] font-semibold text-ink">
            Exit criteria to leave {stage.name}
          </h2>
          <div className="mt-2 flex items-center gap-3">
            <div aria-hidden="true" className="h-1.5 w-40 overflow-hidden rounded-full bg-zinc-100">
              <div className={cx("h-full rounded-full transition-all", met === items.length ? "bg-emerald-600" : "bg-accent")} style={{ width: `${items.length ? (met / items.length) * 100 : 100}%` }} />
            </div>
            <p className="text-[13px] text-ink-muted" aria-live="polite" data-testid="criteria-count">
              <span className="font-medium text-ink">{met} of {items.length}</span> met
            </p>
          </div>
        </div>
        {canMove && next ? (
          <Button onClick={() => open(next.kind === "won" ? { kind: "won" } : { kind: "move", to: next.key })} variant={met === items.length ? "primary" : "secondary"}>
            {next.kind === "won" ? "Close as won" : `Move to ${next.name}`}
            <ArrowRightIcon className="size-4" />
          </Button>
        ) : null}
      </header>
      {items.length === 0 ? (
        <p className="px-5 py-6 text-sm text-ink-muted">{stage.name} has no exit criteria: the deal may move on whenever it is ready.</p>
      ) : (
        <ul className="divide-y divide-line">
          {items.map((item) => (
            <li key={item.key} id={`criterion-${item.key}`} className="px-5 py-4" data-criterion={item.key} data-satisfied={item.satisfied}>
              <Criterion item={item} deal={deal} contractName={contractName} now={now} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Criterion({ item, deal, contractName, now }: { item: ChecklistItem; deal: OpportunityResponse; contractName: string | null; now: string }) {
  if (item.type === "check") return <CheckCriterion item={item} now={now} />;
  return (
    <div className="flex gap-3">
      <CriterionStatus met={item.satisfied} />
      <div className="min-w-0 flex-1 space-y-2">
        <p className={item.satisfied ? "text-sm text-ink" : "text-sm font-medium text-ink"}>{item.label}</p>
        <Fix item={item} deal={deal} contractName={contractName} />
      </div>
    </div>
  );
}

const muted = "text-[13px] text-ink-muted";

function Fix({ item, deal, contractName }: { item: ChecklistItem; deal: OpportunityResponse; contractName: string | null }) {
  const { canEdit } = useDeal();
  switch (item.type) {
    case "field": {
      if (item.field === "contacts") {
        const role = item.condition.op === "has_contact_role" ? item.condition.role : undefined;
        const who = role ? CONTACT_ROLE_LABELS[role] : "Contact";
        if (item.satisfied) return <p className={muted}>{item.contactNames.length ? `${who}: ${item.contactNames.join(", ")}` : `${deal.contacts.length} contacts recorded`}</p>;
        return canEdit ? <ContactForm contacts={deal.contacts} role={role} /> : <p className={muted}>No {who.toLowerCase()} recorded yet.</p>;
      }
      if (item.satisfied || !canEdit || !isEditableField(item.field)) return <FieldSummary item={item} deal={deal} />;
      return <CriterionFieldForm field={item.field} deal={deal} />;
    }
    case "document":
      return (
        <>
          {item.files.length ? (
            <p className={muted}>
              {item.files.map((f) => (
                <a key={f.id} href={`/api/v1/opportunities/${deal.id}/files/${f.id}`} className="mr-3 font-medium text-accent hover:underline">
                  {f.storedName}
                </a>
              ))}
            </p>
          ) : null}
          {!item.satisfied && canEdit ? <UploadControl kind={item.documentKind} contractName={contractName} /> : null}
          {!item.satisfied && !canEdit ? <p className={muted}>Not attached yet.</p> : null}
        </>
      );
    case "approval": {
      const status = APPROVAL_STATUS[deal.approval.status]!;
      return (
        <div className="flex flex-wrap items-center gap-2 text-[13px] text-ink-muted">
          <Badge tone={status.tone}>{status.label}</Badge>
          {deal.approval.requiredGroups.length ? <span>Needs {deal.approval.requiredGroups.map((g) => GROUP_LABELS[g]).join(", ")}.</span> : <span>Standard terms.</span>}
          <a href="#approval" className="font-medium text-accent hover:underline">
            Deal desk approval
          </a>
        </div>
      );
    }
    case "plan":
      return (
        <p className={muted}>
          {item.planReady} of {item.minSteps} steps have an owner and a due date.{" "}
          <a href="#close-plan" className="font-medium text-accent hover:underline">
            Open the close plan
          </a>
        </p>
      );
    default:
      return null;
  }
}

function fieldText(field: Exclude<CriterionField, "contacts">, deal: OpportunityResponse): string {
  switch (field) {
    case "amount":
      return formatMoney(Math.round(deal.amount * 100), deal.currency);
    case "closeDate":
      return formatDate(deal.closeDate);
    case "nextStepDue":
      return deal.nextStepDue ? formatDate(deal.nextStepDue) : "";
    case "years":
    case "users":
      return deal[field] === null ? "" : String(deal[field]);
    default:
      return deal[field];
  }
}

function FieldSummary({ item, deal }: { item: Extract<ChecklistItem, { type: "field" }>; deal: OpportunityResponse }) {
  const value = item.field === "contacts" ? "" : fieldText(item.field, deal);
  return value.trim() ? <p className={cx(muted, "line-clamp-2 whitespace-pre-line")}>{value}</p> : item.field === "whyWon" ? <p className={muted}>Written when the deal is closed won.</p> : null;
}
