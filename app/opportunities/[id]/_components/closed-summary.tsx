// How a closed deal ended, in place of the checklist: why we won, or why we lost and to whom, or
// why it was disqualified.
import { categoryLabel, type LossCategory } from "@/src/domain/closing/loss-categories";
import { isNone } from "@/src/domain/moves/closed-lost";
import type { OpportunityResponse } from "@/src/schemas/opportunities";
import type { FileView } from "@/src/server/opportunity-page/page-details";
import { cx } from "@/src/ui/cx";
import { AlertIcon, CheckIcon, FileIcon } from "@/src/ui/icons";
import { formatDate } from "../../_lib/format";

/** `lossCategories`: the settings' list, retired ones too, so an old loss still reads by its label. */
type Props = { deal: OpportunityResponse; files: FileView[]; lossCategories: readonly LossCategory[] };

const orNone = (value: string, none: string) => (isNone(value) ? none : value);

export function ClosedSummary({ deal, files, lossCategories }: Props) {
  const on = deal.closedAt ? ` on ${formatDate(deal.closedAt.slice(0, 10))}` : "";
  const won = deal.status === "won";
  const contracts = files.filter((f) => f.kind === "signed_contract");
  const rows: [string, string][] =
    deal.status === "lost" && deal.lost
      ? [
          ["Why we lost", categoryLabel(lossCategories, deal.lost.reasonCategory)],
          ["Explanation", deal.lost.explanation],
          ["Lost to", orNone(deal.lost.competitor, "No competitor")],
          ["Missing functionality", orNone(deal.lost.missingFunctionality, "Nothing was missing")],
        ]
      : deal.status === "disqualified"
        ? [["Reason", deal.disqualifiedReason ?? ""]]
        : [["Why we won", deal.whyWon]];
  return (
    <section
      aria-labelledby="outcome-heading"
      className={cx(
        "rounded-card border bg-surface shadow-card",
        won ? "border-emerald-200" : deal.status === "lost" ? "border-red-200" : "border-line",
      )}
    >
      <header
        className={cx(
          "flex items-center gap-3 rounded-t-card border-b px-5 py-4",
          won ? "border-emerald-100 bg-emerald-50/70" : deal.status === "lost" ? "border-red-100 bg-red-50/60" : "border-line bg-canvas",
        )}
      >
        <span
          className={cx(
            "flex size-9 items-center justify-center rounded-full",
            won ? "bg-emerald-600 text-white" : deal.status === "lost" ? "bg-red-600 text-white" : "bg-zinc-500 text-white",
          )}
        >
          {won ? <CheckIcon className="size-5" /> : <AlertIcon className="size-5" />}
        </span>
        <div>
          <h2 id="outcome-heading" className="text-[15px] font-semibold text-ink">
            {won ? "Closed Won" : deal.status === "lost" ? "Closed Lost" : "Disqualified"}
            {on}
          </h2>
          <p className="text-[13px] text-ink-muted">
            {won
              ? "The customer signed. This deal is closed and no longer changes."
              : deal.status === "lost"
                ? "Re-open it into Qualify or a later stage when the buyer comes back."
                : "Archived in the first stage: not a loss, and not in win rates."}
          </p>
        </div>
      </header>
      <dl className="divide-y divide-line">
        {rows.map(([label, value]) => (
          <div key={label} className="grid gap-1 px-5 py-3 sm:grid-cols-[12rem_1fr]">
            <dt className="text-[13px] font-medium text-ink-muted">{label}</dt>
            <dd className="text-sm whitespace-pre-line text-ink">{value || "—"}</dd>
          </div>
        ))}
        {won ? (
          <div className="grid gap-1 px-5 py-3 sm:grid-cols-[12rem_1fr]">
            <dt className="text-[13px] font-medium text-ink-muted">Signed contract</dt>
            <dd className="text-sm">
              {contracts.length ? (
                contracts.map((f) => (
                  <a
                    key={f.id}
                    href={`/api/v1/opportunities/${deal.id}/files/${f.id}`}
                    className="flex items-center gap-1.5 font-medium text-accent hover:underline"
                  >
                    <FileIcon className="size-4" />
                    {f.storedName}
                  </a>
                ))
              ) : (
                <span className="text-ink-muted">Not attached</span>
              )}
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
