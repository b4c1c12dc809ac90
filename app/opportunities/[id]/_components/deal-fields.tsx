"use client";

// The deal's fields, each editable in place for those who may change the deal.
import { isCloseDatePush } from "@/src/domain/opportunities/close-date-change";
import type { OpportunityResponse } from "@/src/schemas/opportunities";
import type { Person } from "@/src/server/opportunity-page/people";
import { formatMoney } from "@/src/ui/format";
import { CURRENCIES } from "../../_lib/labels";
import { formatDate } from "../../_lib/format";
import { numberOrNull } from "../../_lib/problems";
import { useDeal } from "./deal-context";
import { InlineField, type InlineFieldProps } from "./inline-field";

const notSet = <span className="text-ink-subtle italic">Not set</span>;
const text = (v: string) => (v.trim() ? <span className="whitespace-pre-line">{v}</span> : notSet);
const num = (field: string) => (raw: string) => ({ [field]: numberOrNull(raw) ?? "" });
const nullableNum = (field: string) => (raw: string) => ({ [field]: numberOrNull(raw) });

type Row = InlineFieldProps & { wide?: boolean };

function dealRows(deal: OpportunityResponse, owners: Person[], canAssignOwner: boolean): Row[] {
  const currencies = CURRENCIES.includes(deal.currency as never) ? CURRENCIES : [deal.currency, ...CURRENCIES];
  const rows: (Row | null)[] = [
    {
      field: "name",
      label: "Opportunity name",
      value: deal.name,
      display: deal.name,
      editor: { kind: "text", maxLength: 200 },
      toPayload: (v) => ({ name: v }),
      wide: true,
    },
    {
      field: "accountName",
      label: "Account",
      value: deal.accountName,
      display: deal.accountName,
      editor: { kind: "text", maxLength: 200 },
      toPayload: (v) => ({ accountName: v }),
    },
    {
      field: "amount",
      label: "Amount",
      value: String(deal.amount),
      display: <span className="font-medium tabular-nums">{formatMoney(Math.round(deal.amount * 100), deal.currency)}</span>,
      editor: { kind: "number", suffix: deal.currency },
      toPayload: num("amount"),
    },
    {
      field: "currency",
      label: "Currency",
      value: deal.currency,
      display: deal.currency,
      editor: { kind: "select", options: currencies.map((c) => ({ value: c, label: c })) },
      toPayload: (v) => ({ currency: v }),
    },
    {
      field: "closeDate",
      label: "Close date",
      value: deal.closeDate,
      display: formatDate(deal.closeDate),
      editor: { kind: "date" },
      toPayload: (v) => ({ closeDate: v }),
      reasonFor: (v) => (isCloseDatePush(deal.closeDate, v) ? "Why is the close date moving later?" : null),
      hint: deal.closeDatePushes > 0 ? `Pushed ${deal.closeDatePushes}× since ${formatDate(deal.originalCloseDate)}` : undefined,
    },
    {
      field: "type",
      label: "Type",
      value: deal.type,
      display: deal.type === "new" ? "New customer" : "Expansion",
      editor: {
        kind: "select",
        options: [
          { value: "new", label: "New customer" },
          { value: "expansion", label: "Expansion" },
        ],
      },
      toPayload: (v) => ({ type: v }),
    },
    {
      field: "years",
      label: "Contract years",
      value: deal.years === null ? "" : String(deal.years),
      display: deal.years === null ? notSet : `${deal.years} ${deal.years === 1 ? "year" : "years"}`,
      editor: { kind: "number", suffix: "years" },
      toPayload: nullableNum("years"),
    },
    {
      field: "users",
      label: "Users",
      value: deal.users === null ? "" : String(deal.users),
      display: deal.users === null ? notSet : deal.users.toLocaleString("en-US"),
      editor: { kind: "number", suffix: "users" },
      toPayload: nullableNum("users"),
    },
    canAssignOwner
      ? {
          field: "ownerId",
          label: "Owner",
          value: deal.ownerId,
          display: deal.ownerName,
          editor: { kind: "select", options: withCurrent(owners, deal).map((o) => ({ value: o.id, label: o.name })) },
          toPayload: (v) => ({ ownerId: v }),
        }
      : null,
  ];
  return rows.filter((r): r is Row => r !== null);
}

const withCurrent = (owners: Person[], deal: OpportunityResponse) =>
  owners.some((o) => o.id === deal.ownerId) ? owners : [{ id: deal.ownerId, name: deal.ownerName }, ...owners];

function termRows(deal: OpportunityResponse): Row[] {
  return [
    {
      field: "discountPercent",
      label: "Discount",
      value: String(deal.discountPercent),
      display: `${deal.discountPercent}% off list`,
      editor: { kind: "number", suffix: "%" },
      toPayload: num("discountPercent"),
    },
    {
      field: "paymentTermsDays",
      label: "Payment terms",
      value: String(deal.paymentTermsDays),
      display: `Net ${deal.paymentTermsDays}`,
      editor: { kind: "number", suffix: "days" },
      toPayload: num("paymentTermsDays"),
    },
    {
      field: "termMonths",
      label: "Contract term",
      value: String(deal.termMonths),
      display: `${deal.termMonths} months`,
      editor: { kind: "number", suffix: "months" },
      toPayload: num("termMonths"),
    },
    {
      field: "nonStandardTerms",
      label: "Non-standard terms",
      value: deal.nonStandardTerms,
      display: deal.nonStandardTerms.trim() ? text(deal.nonStandardTerms) : <span className="text-ink-muted">None: standard MSA and SLA</span>,
      editor: { kind: "textarea", maxLength: 5000, placeholder: "MSA or SLA redlines the buyer asked for" },
      toPayload: (v) => ({ nonStandardTerms: v }),
      wide: true,
    },
  ];
}

function buyingRows(deal: OpportunityResponse): Row[] {
  return [
    {
      field: "buyingProcess",
      label: "Buying process",
      value: deal.buyingProcess,
      display: text(deal.buyingProcess),
      editor: { kind: "textarea", maxLength: 5000, placeholder: "How this company buys, and who has a say" },
      toPayload: (v) => ({ buyingProcess: v }),
      wide: true,
    },
    {
      field: "decisionCriteria",
      label: "Decision criteria",
      value: deal.decisionCriteria,
      display: text(deal.decisionCriteria),
      editor: { kind: "textarea", maxLength: 5000, placeholder: "What the buyer will judge the proposal on" },
      toPayload: (v) => ({ decisionCriteria: v }),
      wide: true,
    },
  ];
}

function Section({ title, rows }: { title: string; rows: Row[] }) {
  return (
    <div className="px-5 py-4">
      <h3 className="text-[13px] font-semibold tracking-wide text-ink-subtle uppercase">{title}</h3>
      <dl className="mt-1 grid gap-x-8 sm:grid-cols-2">
        {rows.map(({ wide, ...row }) => (
          <InlineField key={row.field} {...row} className={wide ? "sm:col-span-2" : undefined} />
        ))}
      </dl>
    </div>
  );
}

export function DealFields({ deal, owners }: { deal: OpportunityResponse; owners: Person[] }) {
  const { canAssignOwner } = useDeal();
  return (
    <div className="divide-y divide-line">
      <Section title="Deal" rows={dealRows(deal, owners, canAssignOwner)} />
      <Section title="Terms" rows={termRows(deal)} />
      <Section title="Buying" rows={buyingRows(deal)} />
    </div>
  );
}
