// The outbox for admins (docs/outbox.md, "The admin page"): every message that leaves the app, by
// status, newest first, filterable by channel and deal, each with its latest tries; a failed or not
// configured message can be retried. The layout answers 404 to anyone who manages nothing here.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/src/auth/authorize";
import { requireActor } from "@/src/auth/current-actor";
import type { OutboxMessageResponse } from "@/src/schemas/outbox";
import { OUTBOX_CHANNELS, OUTBOX_STATUSES } from "@/src/schemas/outbox";
import { getOutboxPage, messageSummary, type OutboxPage } from "@/src/server/outbox/outbox-page";
import { Badge, type BadgeTone } from "@/src/ui/badge";
import { Button, ButtonLink } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { cx } from "@/src/ui/cx";
import { EmptyState } from "@/src/ui/empty-state";
import { formatMoment, pluralize } from "@/src/ui/format";
import { ArrowRightIcon, CheckCircleIcon } from "@/src/ui/icons";
import { PageHeader } from "@/src/ui/page-header";
import { Select } from "@/src/ui/select";
import { ATTEMPT_LABELS, CHANNEL_LABELS, type OutboxFilters, outboxHref, parseOutboxFilters, STATUS_LABELS } from "./filters";
import { RetryButton } from "./retry-button";

export const metadata: Metadata = { title: "Outbox" };

const PAGE_SIZE = 25;

const STATUS_TONES: Record<OutboxMessageResponse["status"], BadgeTone> = {
  pending: "accent",
  sending: "accent",
  delivered: "success",
  failed: "danger",
  not_configured: "warning",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function OutboxAdminPage({ searchParams }: Props) {
  const filters = parseOutboxFilters(await searchParams);
  const actor = await requireActor(outboxHref(filters));
  if (!can(actor, "outbox.manage")) notFound();
  const page = await getOutboxPage(actor, {
    status: filters.status,
    channel: filters.channel,
    opportunityId: filters.deal,
    cursor: filters.cursor,
    limit: PAGE_SIZE,
  });

  return (
    <>
      <PageHeader
        title="Outbox"
        description="Every Slack post, e-mail and webhook call the app sends, with each try. A message whose receiver is down is retried for a day; a failed or not configured one can be sent again here."
      />
      <StatusTabs counts={page.counts} filters={filters} />
      <Card className="mt-5 min-w-0" flush aria-labelledby="outbox-heading" title={<span id="outbox-heading">Messages</span>}>
        <FilterForm page={page} filters={filters} />
        {page.items.length === 0 ? (
          <EmptyState icon={<CheckCircleIcon className="size-5" />} title={emptyTitle(filters)} description={emptyDescription(filters)} />
        ) : (
          <ol className="divide-y divide-line">
            {page.items.map((m) => (
              <MessageRow key={m.id} message={m} deal={m.opportunityId ? page.deals[m.opportunityId] : undefined} filters={filters} />
            ))}
          </ol>
        )}
        <Paging page={page} filters={filters} />
      </Card>
    </>
  );
}

function StatusTabs({ counts, filters }: { counts: OutboxPage["counts"]; filters: OutboxFilters }) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const tabs = [
    { status: undefined, label: "All", count: total },
    ...OUTBOX_STATUSES.map((s) => ({ status: s, label: STATUS_LABELS[s], count: counts[s] })),
  ];
  return (
    <nav aria-label="Message status" className="overflow-x-auto">
      <ul className="flex flex-wrap gap-2 p-1">
        {tabs.map((t) => {
          const current = filters.status === t.status;
          return (
            <li key={t.label}>
              <Link
                href={outboxHref({ ...filters, status: t.status, cursor: undefined })}
                aria-current={current ? "page" : undefined}
                className={cx(
                  "inline-flex items-center gap-2 rounded-full border px-3 py-1.5 text-sm font-medium whitespace-nowrap transition-colors",
                  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent",
                  current ? "border-accent bg-accent-soft text-accent-ink" : "border-line-strong bg-surface text-ink-muted hover:text-ink",
                  t.status === "failed" && t.count > 0 && !current && "text-red-700",
                )}
              >
                {t.label}
                <span className="tabular-nums">{t.count.toLocaleString("en-US")}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function FilterForm({ page, filters }: { page: OutboxPage; filters: OutboxFilters }) {
  const dealMissing = filters.deal && !page.dealChoices.some((d) => d.id === filters.deal);
  return (
    <form method="get" action="/admin/outbox" aria-label="Filter messages" className="flex flex-wrap items-end gap-3 border-b border-line p-5">
      {filters.status ? <input type="hidden" name="status" value={filters.status} /> : null}
      <div className="min-w-40">
        <label htmlFor="outbox-channel" className="mb-1.5 block text-[13px] font-medium text-ink">
          Channel
        </label>
        <Select id="outbox-channel" name="channel" defaultValue={filters.channel ?? ""}>
          <option value="">Every channel</option>
          {OUTBOX_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {CHANNEL_LABELS[c]}
            </option>
          ))}
        </Select>
      </div>
      <div className="min-w-56 max-w-full">
        <label htmlFor="outbox-deal" className="mb-1.5 block text-[13px] font-medium text-ink">
          Deal
        </label>
        <Select id="outbox-deal" name="deal" defaultValue={filters.deal ?? ""}>
          <option value="">Every deal, and none</option>
          {dealMissing ? <option value={filters.deal}>This deal</option> : null}
          {page.dealChoices.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
      {filters.channel || filters.deal ? (
        <ButtonLink href={outboxHref({ status: filters.status })} variant="ghost">
          Clear filters
        </ButtonLink>
      ) : null}
    </form>
  );
}

function MessageRow({ message: m, deal, filters }: { message: OutboxMessageResponse; deal?: { id: string; name: string }; filters: OutboxFilters }) {
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
                {filters.deal !== deal.id ? (
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

function Paging({ page, filters }: { page: OutboxPage; filters: OutboxFilters }) {
  if (!page.nextCursor && !filters.cursor) return null;
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-t border-line px-5 py-3 text-[13px]">
      {filters.cursor ? (
        <ButtonLink href={outboxHref({ ...filters, cursor: undefined })} variant="ghost" size="sm">
          Back to the newest
        </ButtonLink>
      ) : (
        <span className="text-ink-muted">The {PAGE_SIZE} newest messages</span>
      )}
      {page.nextCursor ? (
        <ButtonLink href={outboxHref({ ...filters, cursor: page.nextCursor })} variant="secondary" size="sm">
          Older messages
          <ArrowRightIcon className="size-3.5" />
        </ButtonLink>
      ) : (
        <span className="text-ink-muted">No older messages</span>
      )}
    </div>
  );
}

function emptyTitle(filters: OutboxFilters): string {
  if (filters.status === "failed") return "No failed messages";
  if (filters.status === "not_configured") return "Nothing waiting on configuration";
  if (filters.status) return `No ${STATUS_LABELS[filters.status].toLowerCase()} messages`;
  return filters.channel || filters.deal ? "No messages match" : "Nothing has been sent yet";
}

function emptyDescription(filters: OutboxFilters): string {
  if (filters.channel || filters.deal) return "No message matches these filters. Clear them to see every message.";
  if (filters.status === "failed") return "Every message was delivered or is still being tried.";
  if (filters.status === "not_configured") return "Every channel that messages were sent through is configured.";
  return "Messages appear here as soon as a change queues them: a #wins post, a welcome e-mail, an invitation, a webhook call.";
}
