import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/src/auth/authorize";
import { requireActor } from "@/src/auth/current-actor";
import { getDeskQueue, type DeskQueue, type DeskQueueRow } from "@/src/server/deal-desk/queue";
import {
  deskQueueHref,
  deskQueueQuery,
  parseDeskQueueFilters,
  QUEUE_SORTS,
  QUEUE_STATUSES,
  type DeskQueueFilters,
} from "@/src/server/deal-desk/queue-filters";
import { Badge } from "@/src/ui/badge";
import { Button, ButtonLink } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { cx } from "@/src/ui/cx";
import { EmptyState } from "@/src/ui/empty-state";
import { formatMoment, formatMoney, pluralize } from "@/src/ui/format";
import { CheckIcon, ClockIcon } from "@/src/ui/icons";
import { GROUP_LABELS } from "@/src/ui/labels";
import { PageHeader } from "@/src/ui/page-header";
import { Select } from "@/src/ui/select";
import { formatHours, QUEUE_STATUS_LABELS, REQUEST_STATUS, SORT_LABELS } from "./_components/labels";

export const metadata: Metadata = { title: "Deal desk" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DeskQueuePage({ searchParams }: Props) {
  const filters = parseDeskQueueFilters(await searchParams);
  const query = deskQueueQuery(filters);
  const actor = await requireActor(query ? `/deal-desk?${query}` : "/deal-desk");
  if (!can(actor, "approval.queue"))
    return (
      <>
        <PageHeader title="Deal desk" />
        <Card>
          <EmptyState
            headingLevel={2}
            icon={<CheckIcon />}
            title="The desk's queue is for its approvers"
            description="Approval requests are decided by the deal desk and sales managers. Your own requests are on each deal's page."
            action={<ButtonLink href="/board">Go to the board</ButtonLink>}
          />
        </Card>
      </>
    );

  const now = new Date();
  const queue = await getDeskQueue(actor, filters, { now });
  const following = queue.groups.length === 4 ? "every group" : queue.groups.map((g) => GROUP_LABELS[g]).join(", ") || "no group";
  return (
    <>
      <PageHeader
        title="Deal desk"
        description={`Approval requests for non-standard deals, for ${following}. Age counts business hours, Monday to Friday.`}
        actions={
          can(actor, "rules.manage") ? (
            <ButtonLink href="/deal-desk/rules" variant="secondary">
              Approval rules
            </ButtonLink>
          ) : null
        }
      />
      <GroupChips queue={queue} filters={filters} />
      <Card className="mt-5 min-w-0" flush aria-labelledby="queue-heading" title={<span id="queue-heading">Requests</span>}>
        <FilterForm queue={queue} filters={filters} />
        {queue.rows.length === 0 ? (
          <EmptyState icon={<CheckIcon />} title={emptyTitle(filters)} description={emptyDescription(filters)} />
        ) : (
          <QueueTable rows={queue.rows} />
        )}
        {queue.more ? (
          <p className="border-t border-line px-5 py-3 text-[13px] text-ink-muted">
            Showing the first {queue.rows.length} requests. Narrow the filters to see the rest.
          </p>
        ) : null}
      </Card>
    </>
  );
}

function emptyTitle(filters: DeskQueueFilters): string {
  const who = filters.group ? GROUP_LABELS[filters.group].toLowerCase() : "your groups";
  if (filters.status === "pending") return filters.lateOnly ? `Nothing late for ${who}` : `Nothing waiting on ${who}`;
  const status = filters.status === "all" ? "" : ` ${QUEUE_STATUS_LABELS[filters.status].toLowerCase()}`;
  return `No${status} requests${filters.lateOnly ? " past their target" : ""} for ${who}`;
}

function emptyDescription(filters: DeskQueueFilters): string {
  return filters.status === "pending"
    ? "Every request routed here has been decided. New ones appear as soon as a deal is submitted."
    : "Try another status or group.";
}

/** One link per group the actor follows, with what waits on it: quick filters that keep the others. */
function GroupChips({ queue, filters }: { queue: DeskQueue; filters: DeskQueueFilters }) {
  if (queue.groups.length === 0) return null;
  const chips = [
    { key: "all", label: "All my groups", group: undefined, waiting: queue.waiting, late: queue.late },
    ...queue.counts.map((c) => ({ key: c.group, label: GROUP_LABELS[c.group], group: c.group, waiting: c.waiting, late: c.late })),
  ];
  return (
    <nav aria-label="Groups">
      <ul className="flex flex-wrap gap-2">
        {chips.map((chip) => {
          const active = filters.group === chip.group;
          return (
            <li key={chip.key}>
              <Link
                href={deskQueueHref({ ...filters, group: chip.group })}
                aria-current={active ? "page" : undefined}
                className={cx(
                  "inline-flex h-9 items-center gap-2 rounded-lg border px-3 text-sm font-medium transition-colors",
                  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent",
                  active ? "border-accent bg-accent-soft text-accent-ink" : "border-line-strong bg-surface text-ink hover:bg-zinc-50",
                )}
              >
                {chip.label}
                <span className="tabular-nums">
                  <span className="sr-only">: </span>
                  {chip.waiting}
                  <span className="sr-only"> waiting</span>
                </span>
                {chip.late > 0 ? (
                  <Badge tone="danger">
                    <ClockIcon className="size-3" />
                    {chip.late} late
                  </Badge>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** A plain GET form: the filters are the page's address, and it works without scripts. */
function FilterForm({ queue, filters }: { queue: DeskQueue; filters: DeskQueueFilters }) {
  return (
    <form method="get" action="/deal-desk" className="flex flex-wrap items-end gap-3 border-b border-line p-5">
      {queue.groups.length > 1 ? (
        <div className="min-w-40">
          <label htmlFor="queue-group" className="mb-1.5 block text-[13px] font-medium text-ink">
            Group
          </label>
          <Select id="queue-group" name="group" defaultValue={filters.group ?? ""}>
            <option value="">All my groups</option>
            {queue.groups.map((g) => (
              <option key={g} value={g}>
                {GROUP_LABELS[g]}
              </option>
            ))}
          </Select>
        </div>
      ) : null}
      <div className="min-w-44">
        <label htmlFor="queue-status" className="mb-1.5 block text-[13px] font-medium text-ink">
          Status
        </label>
        <Select id="queue-status" name="status" defaultValue={filters.status}>
          {QUEUE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {QUEUE_STATUS_LABELS[s]}
            </option>
          ))}
        </Select>
      </div>
      <div className="min-w-40">
        <label htmlFor="queue-sort" className="mb-1.5 block text-[13px] font-medium text-ink">
          Sort
        </label>
        <Select id="queue-sort" name="sort" defaultValue={filters.sort}>
          {QUEUE_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </Select>
      </div>
      <label className="flex h-10 items-center gap-2 text-sm text-ink">
        <input type="checkbox" name="late" value="1" defaultChecked={filters.lateOnly} className="size-4 rounded border-line-strong accent-accent" />
        Late only
      </label>
      <div className="flex gap-2">
        <Button type="submit" variant="secondary">
          Apply
        </Button>
        {deskQueueQuery(filters) ? (
          <ButtonLink href="/deal-desk" variant="ghost">
            Reset
          </ButtonLink>
        ) : null}
      </div>
    </form>
  );
}

function Age({ row }: { row: DeskQueueRow }) {
  return (
    <div className="flex flex-col items-start gap-1">
      <span className="tabular-nums">
        {formatHours(row.ageHours)} <span className="text-ink-muted">of {row.targetHours}h</span>
      </span>
      {row.late ? (
        <Badge tone="danger">
          <ClockIcon className="size-3" />
          Late
        </Badge>
      ) : (
        <Badge tone="success">On time</Badge>
      )}
    </div>
  );
}

/** The queue's table; on a narrow screen it scrolls sideways inside its card. */
function QueueTable({ rows }: { rows: DeskQueueRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[56rem] text-left text-sm">
        <caption className="sr-only">Approval requests</caption>
        <thead className="border-b border-line bg-canvas/60 text-[13px] text-ink-muted">
          <tr>
            <th scope="col" className="px-5 py-2.5 font-medium">
              Deal
            </th>
            <th scope="col" className="px-3 py-2.5 font-medium">
              Owner
            </th>
            <th scope="col" className="px-3 py-2.5 text-right font-medium">
              Amount
            </th>
            <th scope="col" className="px-3 py-2.5 text-right font-medium">
              Discount
            </th>
            <th scope="col" className="px-3 py-2.5 font-medium">
              Rules
            </th>
            <th scope="col" className="px-3 py-2.5 font-medium">
              Groups
            </th>
            <th scope="col" className="px-3 py-2.5 font-medium">
              Age
            </th>
            <th scope="col" className="px-5 py-2.5 font-medium">
              Due
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {rows.map((r) => (
            <tr key={r.id} className={r.late ? "bg-red-50/40" : undefined}>
              <th scope="row" className="max-w-64 px-5 py-3 align-top font-normal">
                <p className="truncate text-[13px] text-ink-muted">{r.deal.accountName}</p>
                <Link href={`/deal-desk/${r.id}`} className="block truncate rounded font-medium text-ink hover:text-accent hover:underline">
                  {r.deal.name}
                </Link>
                {r.status === "pending" ? null : (
                  <Badge tone={REQUEST_STATUS[r.status].tone} className="mt-1">
                    {REQUEST_STATUS[r.status].label}
                  </Badge>
                )}
              </th>
              <td className="px-3 py-3 align-top whitespace-nowrap">{r.ownerName}</td>
              <td className="px-3 py-3 text-right align-top whitespace-nowrap tabular-nums">{formatMoney(r.amountCents, r.currency)}</td>
              <td className="px-3 py-3 text-right align-top tabular-nums">{r.discountPercent}%</td>
              <td className="max-w-64 px-3 py-3 align-top text-[13px]">
                <ul className="space-y-0.5">
                  {r.rules.map((label) => (
                    <li key={label}>{label}</li>
                  ))}
                </ul>
              </td>
              <td className="px-3 py-3 align-top">
                <ul className="flex flex-wrap gap-1" aria-label="Groups">
                  {r.requiredGroups.map((g) => {
                    const pending = r.pendingGroups.includes(g);
                    return (
                      <li key={g}>
                        <Badge tone={r.awaitingYou.includes(g) ? "accent" : pending ? "neutral" : "success"}>
                          {GROUP_LABELS[g]}
                          {pending ? (r.awaitingYou.includes(g) ? " · you" : "") : " · done"}
                        </Badge>
                      </li>
                    );
                  })}
                </ul>
              </td>
              <td className="px-3 py-3 align-top">
                <Age row={r} />
              </td>
              <td className="px-5 py-3 align-top text-[13px] whitespace-nowrap text-ink-muted">{formatMoment(r.dueAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="sr-only">{pluralize(rows.length, "request")} shown.</p>
    </div>
  );
}
