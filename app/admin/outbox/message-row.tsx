// A message of the outbox as the admin pages show it (the outbox page, a webhook endpoint's
// deliveries): what it is, where it stands, and every try.
import Link from "next/link";
import type { OutboxMessageResponse } from "@/src/schemas/outbox";
import { messageSummary } from "@/src/server/outbox/outbox-page";
import { Badge, type BadgeTone } from "@/src/ui/badge";
import { formatMoment, pluralize } from "@/src/ui/format";
import { ATTEMPT_LABELS, CHANNEL_LABELS, type OutboxFilters, outboxHref, STATUS_LABELS } from "./filters";
import { RetryButton } from "./retry-button";

export const STATUS_TONES: Record<OutboxMessageResponse["status"], BadgeTone> = {
  pending: "accent",
  sending: "accent",
  delivered: "success",
  failed: "danger",
  not_configured: "warning",
};

/**
 * One message: its channel, status and summary, its deal, when it was queued, tried and delivered,
 * a retry when it failed, and its tries. With `filters` (the outbox page) it links to the page
 * filtered to its deal.
 */
export function MessageRow({
  message: m,
  deal,
  filters,
}: {
  message: OutboxMessageResponse;
  deal?: { id: string; name: string };
  filters?: OutboxFilters;
}) {
  const summary = messageSummary(m);
  const retryable = m.status === "failed" || m.status === "not_configured";
  const headingId = `message-${m.id}`;
  return (
    <li aria-labelledby={headingId} className="px-5 py-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1 space-y-1.5">
          <div className="flex flex-wrap items-center gap-2">
            <Badge>{CHANNEL_LABELS[m.channel]}</Badge>
            <Badge tone={STATUS_TONES[m.status]}>{STATUS_LABELS[m.status]}</Badge>
            <h3 id={headingId} className="min-w-0 truncate text-sm font-medium text-ink" title={summary}>
              {summary}
            </h3>
          </div>
          <p className="text-[13px] text-ink-muted">
            {deal ? (
              <>
                <Link
                  href={`/opportunities/${deal.id}`}
                  className="font-medium text-accent-ink underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent"
                >
                  {deal.name}
                </Link>
                {filters && filters.deal !== deal.id ? (
                  <>
                    {" "}
                    (
                    <Link
                      href={outboxHref({ ...filters, deal: deal.id, cursor: undefined })}
                      className="underline underline-offset-2 hover:text-ink focus-visible:outline-2 focus-visible:outline-accent"
                    >
                      only this deal
                    </Link>
                    )
                  </>
                ) : null}
              </>
            ) : (
              "No deal"
            )}
            {" · "}queued {formatMoment(new Date(m.createdAt))}
            {" · "}
            {pluralize(m.attempts, "try", "tries")}
            {m.deliveredAt ? ` · delivered ${formatMoment(new Date(m.deliveredAt))}` : null}
            {m.status === "pending" ? ` · next try ${formatMoment(new Date(m.nextAttemptAt))}` : null}
          </p>
          {m.lastError && m.status !== "delivered" ? <p className="text-[13px] break-words text-red-700">Last error: {m.lastError}</p> : null}
        </div>
        {retryable ? <RetryButton id={m.id} what={summary} /> : null}
      </div>
      <Attempts message={m} />
    </li>
  );
}

function Attempts({ message: m }: { message: OutboxMessageResponse }) {
  const shown = m.recentAttempts.length;
  return (
    <details className="mt-2 text-[13px]">
      <summary className="inline-flex cursor-pointer items-center gap-1.5 rounded-md text-ink-muted hover:text-ink focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent">
        Tries and details
        {shown ? ` (${shown === m.attempts || m.attempts < shown ? pluralize(shown, "try", "tries") : `latest ${shown} of ${m.attempts}`})` : ""}
      </summary>
      <div className="mt-2 space-y-2">
        <p className="text-ink-muted">
          Idempotency key <code className="font-mono text-xs break-all text-ink">{m.idempotencyKey}</code>
        </p>
        {shown === 0 ? (
          <p className="text-ink-muted">No tries yet.</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-line">
            <table className="w-full min-w-[36rem] text-left">
              <caption className="sr-only">Tries of this message, newest first</caption>
              <thead className="bg-canvas text-ink-muted">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    When
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Outcome
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Code
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Error
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Took
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Worker
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-line">
                {m.recentAttempts.map((a) => (
                  <tr key={`${a.at}-${a.worker}`}>
                    <td className="px-3 py-2 whitespace-nowrap">{formatMoment(new Date(a.at))}</td>
                    <td className="px-3 py-2">{ATTEMPT_LABELS[a.status] ?? a.status}</td>
                    <td className="px-3 py-2 tabular-nums">{a.responseCode ?? "—"}</td>
                    <td className="px-3 py-2 break-words">{a.error ?? "—"}</td>
                    <td className="px-3 py-2 whitespace-nowrap tabular-nums">
                      {a.durationMs === null ? "—" : `${a.durationMs.toLocaleString("en-US")} ms`}
                    </td>
                    <td className="px-3 py-2 font-mono text-xs">{a.worker}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </details>
  );
}
