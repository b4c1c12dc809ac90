// The outbox for admins (docs/outbox.md, "The admin page"): every message that leaves the app, by
// status, newest first, filterable by channel and deal, each with its latest tries; a failed or not
// configured message can be retried. The layout answers 404 to anyone who manages nothing here.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/src/auth/authorize";
import { requireActor } from "@/src/auth/current-actor";
import { OUTBOX_CHANNELS, OUTBOX_STATUSES } from "@/src/schemas/outbox";
import { getOutboxPage, type OutboxPage } from "@/src/server/outbox/outbox-page";
import { Button, ButtonLink } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { CursorPager } from "@/src/ui/cursor-pager";
import { cx } from "@/src/ui/cx";
import { EmptyState } from "@/src/ui/empty-state";
import { CheckCircleIcon } from "@/src/ui/icons";
import { PageHeader } from "@/src/ui/page-header";
import { Select } from "@/src/ui/select";
import { CHANNEL_LABELS, type OutboxFilters, outboxHref, parseOutboxFilters, STATUS_LABELS } from "./filters";
import { MessageRow } from "./message-row";

export const metadata: Metadata = { title: "Outbox" };

const PAGE_SIZE = 25;

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
        <CursorPager
          noun="messages"
          shown={PAGE_SIZE}
          newestHref={filters.cursor ? outboxHref({ ...filters, cursor: undefined }) : null}
          olderHref={page.nextCursor ? outboxHref({ ...filters, cursor: page.nextCursor }) : null}
        />
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
