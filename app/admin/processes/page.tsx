// The sales processes (docs/rules/sales-process.md): each with its versions and the deals following
// them, its draft if any, the default and the opportunity type it is tied to; "Edit" starts the next
// version's draft, a template starts one for a new process or an existing one, and the open deals of
// older versions can be moved onto the latest. The draft editor lives at /admin/processes/{key}/draft.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/src/auth/authorize";
import { requireActor } from "@/src/auth/current-actor";
import type { ProcessSummary } from "@/src/schemas/processes";
import { listProcesses } from "@/src/server/process/manage-processes";
import { Badge } from "@/src/ui/badge";
import { ButtonLink } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { EmptyState } from "@/src/ui/empty-state";
import { formatDay, formatMoment, pluralize } from "@/src/ui/format";
import { ArrowRightIcon, CheckCircleIcon, LayersIcon, PencilIcon } from "@/src/ui/icons";
import { PageHeader } from "@/src/ui/page-header";
import { OPPORTUNITY_TYPE_LABELS, openOnOlderVersions } from "./view";
import { DiscardDraftButton, EditProcessButton, MakeDefaultButton, OpportunityTypeForm, TemplateForm } from "./process-forms";

export const metadata: Metadata = { title: "Processes" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
type Draft = Awaited<ReturnType<typeof listProcesses>>["drafts"][number];

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
const linkClass = "font-medium text-accent underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent";

export default async function ProcessesPage({ searchParams }: Props) {
  const published = one((await searchParams).published);
  const actor = await requireActor(published ? `/admin/processes?published=${encodeURIComponent(published)}` : "/admin/processes");
  if (!can(actor, "process.manage")) notFound();
  const list = await listProcesses(actor);
  const draftOf = new Map(list.drafts.map((d) => [d.processKey, d]));
  const newDrafts = list.drafts.filter((d) => !list.items.some((p) => p.key === d.processKey));
  const justPublished = published ? list.items.find((p) => p.key === published) : undefined;

  return (
    <>
      <PageHeader
        title="Processes"
        description="The stages deals go through, and what it takes to leave each. Deals keep the version they started on; new deals follow the latest version of the process tied to their type, or of the default process."
      />
      {justPublished ? <PublishedNotice process={justPublished} /> : null}
      <div className="space-y-6">
        {list.items.length === 0 && newDrafts.length === 0 ? (
          <Card>
            <EmptyState
              headingLevel={2}
              icon={<LayersIcon />}
              title="No process yet"
              description="Start one from a shipped template below: Standard B2B, Customer lifecycle or Six steps. You edit it as a draft, then publish it."
            />
          </Card>
        ) : null}
        {list.items.map((p) => (
          <ProcessCard key={p.key} process={p} draft={draftOf.get(p.key)} />
        ))}
        {newDrafts.length > 0 ? (
          <Card
            flush
            aria-labelledby="new-drafts-heading"
            title={<span id="new-drafts-heading">New processes being drafted</span>}
            description="Not published yet: no deal follows them until they are."
          >
            <ul className="divide-y divide-line">
              {newDrafts.map((d) => (
                <li key={d.processKey} className="px-5 py-4">
                  <DraftRow draft={d} />
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
        <Card
          aria-labelledby="template-heading"
          title={<span id="template-heading">Start from a template</span>}
          description="A draft from a shipped template: for a new process, or as the next version of an existing one. It opens in the editor; nothing changes for deals until you publish it."
        >
          <TemplateForm templates={list.templates} processes={list.items.map((p) => ({ key: p.key, name: p.name, hasDraft: draftOf.has(p.key) }))} />
        </Card>
      </div>
    </>
  );
}

function PublishedNotice({ process }: { process: ProcessSummary }) {
  const movable = openOnOlderVersions(process);
  return (
    <div
      role="status"
      className="mb-6 flex flex-wrap items-center gap-3 rounded-card border border-emerald-200 bg-emerald-50 px-5 py-4 text-sm text-emerald-900"
    >
      <CheckCircleIcon className="size-4 shrink-0" />
      <p>
        <span className="font-medium">
          Version {process.latestVersion} of {process.name} is published.
        </span>{" "}
        New deals follow it; deals already open keep their version.
        {movable > 0 ? (
          <>
            {" "}
            <Link
              href={`/admin/processes/${process.key}/deal-moves`}
              className="font-medium underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-accent"
            >
              Move the {pluralize(movable, "open deal")} of older versions
            </Link>
          </>
        ) : null}
      </p>
    </div>
  );
}

function DraftRow({ draft }: { draft: Draft }) {
  const name = draft.name || draft.processKey;
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <div className="min-w-0 text-sm">
        <p className="font-medium text-ink">
          Draft: {name} <span className="font-normal text-ink-muted">({draft.processKey})</span>
        </p>
        <p className="text-[13px] text-ink-muted">Last saved {formatMoment(new Date(draft.updatedAt))}</p>
      </div>
      <div className="flex items-center gap-2">
        <ButtonLink href={`/admin/processes/${draft.processKey}/draft`} size="sm" aria-label={`Edit the draft of ${name}`}>
          <PencilIcon className="size-3.5" />
          Edit draft
        </ButtonLink>
        <DiscardDraftButton processKey={draft.processKey} name={name} />
      </div>
    </div>
  );
}

function ProcessCard({ process: p, draft }: { process: ProcessSummary; draft: Draft | undefined }) {
  const movable = openOnOlderVersions(p);
  const headingId = `process-${p.key}`;
  return (
    <Card
      flush
      aria-labelledby={headingId}
      title={
        <span id={headingId} className="flex flex-wrap items-center gap-2">
          {p.name}
          {p.isDefault ? <Badge tone="accent">Default</Badge> : null}
          {p.opportunityType ? <Badge tone="success">{OPPORTUNITY_TYPE_LABELS[p.opportunityType]} deals</Badge> : null}
        </span>
      }
      description={<span className="font-mono">{p.key}</span>}
      action={draft ? null : <EditProcessButton processKey={p.key} name={p.name} />}
    >
      {draft ? (
        <div className="border-b border-line bg-amber-50/60 px-5 py-4">
          <DraftRow draft={draft} />
        </div>
      ) : null}
      <div className="flex flex-wrap items-end justify-between gap-4 border-b border-line px-5 py-4">
        <div className="max-w-md text-[13px] text-ink-muted">
          {p.isDefault
            ? "The default process: new deals follow it unless their type has a process of its own."
            : p.opportunityType
              ? `New ${OPPORTUNITY_TYPE_LABELS[p.opportunityType].toLowerCase()} deals follow this process.`
              : "No new deal follows this process: make it the default, or tie it to an opportunity type."}
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <OpportunityTypeForm processKey={p.key} current={p.opportunityType} />
          {p.isDefault ? null : <MakeDefaultButton processKey={p.key} name={p.name} />}
        </div>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <caption className="sr-only">Versions of {p.name}, newest first</caption>
          <thead className="bg-canvas text-[13px] text-ink-muted">
            <tr>
              <th scope="col" className="px-5 py-2.5 font-medium">
                Version
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Published
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Note
              </th>
              <th scope="col" className="px-3 py-2.5 text-right font-medium">
                Deals
              </th>
              <th scope="col" className="px-5 py-2.5 text-right font-medium">
                Open deals
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {p.versions.map((v) => (
              <tr key={v.id}>
                <th scope="row" className="px-5 py-3 font-medium whitespace-nowrap text-ink">
                  Version {v.version}
                  {v.version === p.latestVersion ? (
                    <Badge tone="neutral" className="ml-2">
                      Latest
                    </Badge>
                  ) : null}
                </th>
                <td className="px-3 py-3 whitespace-nowrap">
                  {formatDay(new Date(v.publishedAt), { withYear: true })}
                  {v.publishedBy ? <span className="block text-[13px] text-ink-muted">by {v.publishedBy}</span> : null}
                </td>
                <td className="max-w-72 px-3 py-3 text-ink-muted">{v.note || "—"}</td>
                <td className="px-3 py-3 text-right tabular-nums">{v.opportunities}</td>
                <td className="px-5 py-3 text-right tabular-nums">{v.openOpportunities}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {movable > 0 ? (
        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-line px-5 py-3 text-[13px]">
          <span className="text-ink-muted">
            {pluralize(movable, "open deal")} still {movable === 1 ? "follows" : "follow"} an older version.
          </span>
          <Link
            href={`/admin/processes/${p.key}/deal-moves`}
            className={`inline-flex items-center gap-1 ${linkClass}`}
            aria-label={`Move open deals of ${p.name}`}
          >
            Move open deals
            <ArrowRightIcon className="size-3.5" />
          </Link>
        </div>
      ) : null}
    </Card>
  );
}
