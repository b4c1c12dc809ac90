// The audit log for admins (docs/rules/audit.md): every admin change and sign-in, newest first, a page
// at a time, filtered by who, action, kind of object and days (the filters are the address, sent by a
// plain GET form), each entry with the fields that changed; the filtered entries download as CSV.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/src/auth/authorize";
import { requireActor } from "@/src/auth/current-actor";
import { ACTION_LABELS, AUDIT_ACTIONS, AUDIT_OBJECT_TYPES, OBJECT_TYPE_LABELS } from "@/src/domain/audit/actions";
import { changedFields } from "@/src/domain/audit/diff";
import type { AuditEntryResponse } from "@/src/schemas/audit";
import { listAuditEntries } from "@/src/server/audit/list-audit";
import { Badge, type BadgeTone } from "@/src/ui/badge";
import { Button, ButtonLink } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { CursorPager } from "@/src/ui/cursor-pager";
import { EmptyState } from "@/src/ui/empty-state";
import { Input } from "@/src/ui/field";
import { formatMoment } from "@/src/ui/format";
import { DownloadIcon, HistoryIcon } from "@/src/ui/icons";
import { PageHeader } from "@/src/ui/page-header";
import { DownloadLink } from "../../dashboard/parts";
import { Select } from "@/src/ui/select";
import { type AuditPageFilters, auditCsvHref, auditHref, hasFilters, parseAuditFilters } from "./filters";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  const filters = parseAuditFilters(await searchParams);
  const actor = await requireActor(auditHref(filters));
  if (!can(actor, "audit.view")) notFound();
  const page = await listAuditEntries(actor, {
    actor: filters.actor,
    action: filters.action,
    objectType: filters.objectType,
    from: filters.from,
    to: filters.to,
    cursor: filters.cursor,
    limit: PAGE_SIZE,
  });

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made in administration, and every sign-in that succeeded or failed: who, when, from which address, and what changed. Entries are kept for good and never changed."
        actions={
          <DownloadLink href={auditCsvHref(filters)}>
            <DownloadIcon className="size-4" />
            {hasFilters(filters) ? "Download these entries (CSV)" : "Download CSV"}
          </DownloadLink>
        }
      />
      <Card className="min-w-0" flush aria-labelledby="audit-heading" title={<span id="audit-heading">Entries</span>}>
        <FilterForm filters={filters} />
        {page.items.length === 0 ? (
          <EmptyState
            icon={<HistoryIcon className="size-5" />}
            title={hasFilters(filters) ? "No entries match" : "Nothing recorded yet"}
            description={
              hasFilters(filters)
                ? "No entry matches these filters. Widen the dates or clear the filters to see every entry."
                : "Entries appear here as soon as someone signs in or an admin changes a process, a rule, a user, a team, a token or an integration."
            }
            action={
              hasFilters(filters) ? (
                <ButtonLink href={auditHref({})} variant="secondary">
                  Clear filters
                </ButtonLink>
              ) : undefined
            }
          />
        ) : (
          <EntriesTable entries={page.items} filters={filters} />
        )}
        <CursorPager
          noun="entries"
          shown={page.items.length}
          newestHref={filters.cursor ? auditHref({ ...filters, cursor: undefined }) : null}
          olderHref={page.nextCursor ? auditHref({ ...filters, cursor: page.nextCursor }) : null}
        />
      </Card>
    </>
  );
}

const labelClass = "mb-1.5 block text-[13px] font-medium text-ink";

function FilterForm({ filters }: { filters: AuditPageFilters }) {
  return (
    <form
      method="get"
      action="/admin/audit"
      aria-label="Filter entries"
      className="grid gap-3 border-b border-line p-5 sm:grid-cols-2 lg:grid-cols-6 lg:items-end"
    >
      <div className="lg:col-span-2">
        <label htmlFor="audit-actor" className={labelClass}>
          Who
        </label>
        <Input id="audit-actor" name="actor" type="search" defaultValue={filters.actor ?? ""} placeholder="Part of an e-mail" autoComplete="off" />
      </div>
      <div>
        <label htmlFor="audit-action" className={labelClass}>
          Action
        </label>
        <Select id="audit-action" name="action" defaultValue={filters.action ?? ""}>
          <option value="">Every action</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {ACTION_LABELS[a]}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <label htmlFor="audit-object" className={labelClass}>
          Object
        </label>
        <Select id="audit-object" name="objectType" defaultValue={filters.objectType ?? ""}>
          <option value="">Every kind</option>
          {AUDIT_OBJECT_TYPES.map((t) => (
            <option key={t} value={t}>
              {OBJECT_TYPE_LABELS[t]}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <label htmlFor="audit-from" className={labelClass}>
          From <span className="font-normal text-ink-muted">(UTC)</span>
        </label>
        <Input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ""} />
      </div>
      <div>
        <label htmlFor="audit-to" className={labelClass}>
          To <span className="font-normal text-ink-muted">(UTC, included)</span>
        </label>
        <Input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} min={filters.from} />
      </div>
      <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-6">
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        {hasFilters(filters) ? (
          <ButtonLink href={auditHref({})} variant="ghost">
            Clear filters
          </ButtonLink>
        ) : null}
      </div>
    </form>
  );
}

const ACTION_TONES: Partial<Record<AuditEntryResponse["action"], BadgeTone>> = {
  "signin.failed": "danger",
  "signin.succeeded": "success",
  "user.deactivated": "warning",
  "token.revoked": "warning",
  "webhook.deleted": "warning",
};

function EntriesTable({ entries, filters }: { entries: AuditEntryResponse[]; filters: AuditPageFilters }) {
  return (
    // Narrower than the table, it scrolls sideways; each entry's link to its actor's entries keeps
    // the scrolled region reachable by keyboard.
    <div className="overflow-x-auto">
      <table className="w-full min-w-[44rem] text-left text-[13px]">
        <caption className="sr-only">Audit log entries, newest first{hasFilters(filters) ? ", filtered" : ""}</caption>
        <thead className="bg-canvas text-ink-muted">
          <tr>
            <th scope="col" className="px-5 py-2.5 font-medium">
              When
            </th>
            <th scope="col" className="px-3 py-2.5 font-medium">
              Who
            </th>
            <th scope="col" className="px-3 py-2.5 font-medium">
              Action
            </th>
            <th scope="col" className="px-3 py-2.5 font-medium">
              Object
            </th>
            <th scope="col" className="px-3 py-2.5 font-medium">
              What changed
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line align-top">
          {entries.map((e) => (
            <tr key={e.id}>
              <td className="px-5 py-3 whitespace-nowrap">
                <time dateTime={e.at}>{formatMoment(new Date(e.at))}</time>
                <div className="mt-0.5 font-mono text-xs text-ink-muted">{e.clientAddress ?? "address unknown"}</div>
              </td>
              <th scope="row" className="max-w-56 px-3 py-3 font-normal break-words text-ink">
                {e.actorEmail ? (
                  <Link
                    href={auditHref({ ...filters, actor: e.actorEmail, cursor: undefined })}
                    title={`Only entries by ${e.actorEmail}`}
                    className="rounded-sm text-accent-ink underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
                  >
                    {e.actorEmail}
                  </Link>
                ) : (
                  <span className="text-ink-muted">(no e-mail given)</span>
                )}
                {e.actorId ? null : <div className="text-xs text-ink-muted">no such user</div>}
              </th>
              <td className="px-3 py-3">
                <Badge tone={ACTION_TONES[e.action] ?? "neutral"}>{ACTION_LABELS[e.action] ?? e.action}</Badge>
              </td>
              <td className="px-3 py-3">
                {OBJECT_TYPE_LABELS[e.objectType] ?? e.objectType}
                {e.objectId ? (
                  <div className="max-w-40 truncate font-mono text-xs text-ink-muted" title={e.objectId}>
                    {e.objectId}
                  </div>
                ) : null}
              </td>
              <td className="px-3 py-3">
                <Changes entry={e} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The fields that changed, each with its value before (struck through) and after. */
function Changes({ entry }: { entry: AuditEntryResponse }) {
  const changes = changedFields(entry.before, entry.after);
  if (changes.length === 0) return <span className="text-ink-muted">No fields changed</span>;
  return (
    <dl className="grid max-w-[32rem] grid-cols-[minmax(6rem,auto)_1fr] gap-x-3 gap-y-1">
      {changes.map((c) => (
        <div key={c.field} className="contents">
          <dt className="font-medium text-ink-muted">{c.field}</dt>
          <dd className="min-w-0 break-words">
            {c.before !== null ? (
              <>
                <del className="rounded bg-red-50 px-1 text-red-800 decoration-red-400">
                  <span className="sr-only">was </span>
                  {c.before}
                </del>{" "}
                <span aria-hidden="true" className="text-ink-subtle">
                  →
                </span>{" "}
              </>
            ) : null}
            {c.after !== null ? (
              <ins className="rounded bg-emerald-50 px-1 text-emerald-800 no-underline">
                <span className="sr-only">{c.before !== null ? "now " : "set to "}</span>
                {c.after}
              </ins>
            ) : (
              <span className="text-ink-muted">(removed)</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
