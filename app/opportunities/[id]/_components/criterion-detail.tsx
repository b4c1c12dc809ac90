// What stands for an exit criterion in the checklist: who attested it, the files or contacts that
// count, the field's value, the approval's status, the close plan's count.
import type { ReactNode } from "react";
import type { CriterionField } from "@/src/domain/process/types";
import type { OpportunityResponse } from "@/src/schemas/opportunities";
import type { ChecklistItem } from "@/src/server/opportunity-page/get-opportunity-page";
import { Badge } from "@/src/ui/badge";
import { cx } from "@/src/ui/cx";
import { formatMoney } from "@/src/ui/format";
import { GROUP_LABELS } from "@/src/ui/labels";
import { isEditableField } from "../../_kit/fixers/field-fixer";
import { exactTime, formatDate, relativeTime } from "../../_lib/format";
import { APPROVAL_STATUS, CONTACT_ROLE_LABELS } from "../../_lib/labels";

const muted = "text-[13px] text-ink-muted";

export function detailOf(item: ChecklistItem, deal: OpportunityResponse, canEdit: boolean, now: string): ReactNode {
  switch (item.type) {
    case "check": {
      const a = item.attestation;
      if (!a || !item.satisfied) return null;
      return (
        <span className={cx(muted, "block")}>
          Attested by {a.byName} ·{" "}
          <time dateTime={a.at} title={exactTime(a.at)}>
            {relativeTime(a.at, new Date(now))}
          </time>
          {a.note ? <span className="block text-ink">“{a.note}”</span> : null}
          {a.evidenceHref ? (
            <a href={a.evidenceHref} target="_blank" rel="noreferrer noopener" className="block truncate text-accent hover:underline">
              {a.evidenceUrl}
            </a>
          ) : a.evidenceUrl ? (
            <span className="block truncate">{a.evidenceUrl}</span>
          ) : null}
        </span>
      );
    }
    case "field": {
      if (item.field === "contacts") {
        const role = item.condition.op === "has_contact_role" ? item.condition.role : undefined;
        const who = role ? CONTACT_ROLE_LABELS[role] : "Contact";
        if (item.satisfied)
          return (
            <p className={muted}>
              {item.contactNames.length ? `${who}: ${item.contactNames.join(", ")}` : `${deal.contacts.length} contacts recorded`}
            </p>
          );
        return canEdit ? null : <p className={muted}>No {who.toLowerCase()} recorded yet.</p>;
      }
      return item.satisfied || !canEdit || !isEditableField(item.field) ? <FieldSummary item={item} deal={deal} /> : null;
    }
    case "document":
      return item.files.length ? (
        <p className={muted}>
          {item.files.map((f) => (
            <a key={f.id} href={`/api/v1/opportunities/${deal.id}/files/${f.id}`} className="mr-3 font-medium text-accent hover:underline">
              {f.storedName}
            </a>
          ))}
        </p>
      ) : item.satisfied || canEdit ? null : (
        <p className={muted}>Not attached yet.</p>
      );
    case "approval": {
      const status = APPROVAL_STATUS[deal.approval.status]!;
      return (
        <div className="flex flex-wrap items-center gap-2 text-[13px] text-ink-muted">
          <Badge tone={status.tone}>{status.label}</Badge>
          {deal.approval.requiredGroups.length ? (
            <span>Needs {deal.approval.requiredGroups.map((g) => GROUP_LABELS[g]).join(", ")}.</span>
          ) : (
            <span>Standard terms.</span>
          )}
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
  return value.trim() ? (
    <p className={cx(muted, "line-clamp-2 whitespace-pre-line")}>{value}</p>
  ) : item.field === "whyWon" ? (
    <p className={muted}>Written when the deal is closed won.</p>
  ) : null;
}
