// The deal desk rules (docs/rules/deal-desk.md#changing-the-rules): when a deal needs approval and
// from whom, each rule edited in place with its version history; the target turnaround; and each
// team's sales manager deputy. Admins only: the layout answers 404 to anyone else.
import { notFound } from "next/navigation";
import { can } from "@/src/auth/authorize";
import { requireActor } from "@/src/auth/current-actor";
import { getDealDeskRulesPage } from "@/src/server/deal-desk/rules-page";
import type { DealDeskRuleVersionResponse } from "@/src/schemas/deal-desk";
import { Badge } from "@/src/ui/badge";
import { Card, CardEmptyRow } from "@/src/ui/card";
import { EmptyState } from "@/src/ui/empty-state";
import { formatMoment, pluralize } from "@/src/ui/format";
import { HistoryIcon, ListChecksIcon, UsersIcon } from "@/src/ui/icons";
import { PageHeader } from "@/src/ui/page-header";
import { AddRuleForm } from "./add-rule-form";
import { DeputyForm } from "./deputy-form";
import { RuleCard } from "./rule-card";
import { describeCondition, groupNames } from "./rule-words";
import { TurnaroundForm } from "./turnaround-form";

const by = (author: { name: string } | null) => (author ? `by ${author.name}` : "at setup");

function VersionHistory({ versions }: { versions: DealDeskRuleVersionResponse[] }) {
  return (
    <details className="group text-[13px]">
      <summary className="inline-flex cursor-pointer items-center gap-1.5 rounded-md text-ink-muted hover:text-ink focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent">
        <HistoryIcon className="size-3.5" />
        Version history ({pluralize(versions.length, "version")})
      </summary>
      <ol className="mt-2 space-y-2 border-l border-line pl-4">
        {versions.map((v) => (
          <li key={v.version}>
            <p className="font-medium text-ink">
              Version {v.version} · {formatMoment(new Date(v.createdAt))} {by(v.createdBy)}
              {v.active ? null : (
                <>
                  {" "}
                  <Badge>Switched off</Badge>
                </>
              )}
            </p>
            <p className="text-ink-muted">
              {v.label}: {describeCondition(v.condition)} → {groupNames(v.groups)}
            </p>
          </li>
        ))}
      </ol>
    </details>
  );
}

export default async function DealDeskRulesPage() {
  const actor = await requireActor("/deal-desk/rules");
  // The layout answers 404 too, but the page renders beside it, not after it.
  if (!can(actor, "rules.manage")) notFound();
  const page = await getDealDeskRulesPage(actor);
  const active = page.rules.filter((r) => r.active).length;

  return (
    <>
      <PageHeader
        title="Deal desk rules"
        description="When a deal is non-standard and who must approve it. Changes apply to every deal at once; each change is kept as a new version of its rule, so requests stay explainable."
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card
            title="Rules"
            description={
              page.rules.length
                ? `${pluralize(active, "rule")} on, ${pluralize(page.rules.length - active, "rule")} switched off. A deal needs the approval of every group of every rule it meets.`
                : undefined
            }
            flush
          >
            {page.rules.length ? (
              <ol className="divide-y divide-line">
                {page.rules.map(({ versions, ...rule }) => (
                  <RuleCard
                    key={rule.id}
                    rule={rule}
                    changed={`Version ${rule.version}, ${rule.updatedBy ? `changed by ${rule.updatedBy.name}` : "written at setup"} on ${formatMoment(new Date(rule.updatedAt))}`}
                    history={<VersionHistory versions={versions} />}
                  />
                ))}
              </ol>
            ) : (
              <EmptyState
                icon={<ListChecksIcon className="size-5" />}
                title="No rules yet"
                description="Every deal is standard and needs no approval until you add a rule below."
              />
            )}
          </Card>
          <Card title="Add a rule" description="A condition on one of the deal's terms, and the groups that must approve when a deal meets it.">
            <AddRuleForm />
          </Card>
        </div>
        <div className="min-w-0 space-y-6">
          <Card
            title="Target turnaround"
            description="How long the deal desk aims to take over a request. Older requests are marked late in the queue."
          >
            <TurnaroundForm hours={page.turnaroundHours} />
          </Card>
          <Card
            title="Sales manager deputies"
            description="The sales manager group is decided by the deal owner's team manager, or by the deputy you name for the team."
            flush
          >
            {page.teams.length ? (
              <ul className="divide-y divide-line">
                {page.teams.map((team) => (
                  <li key={team.id} className="space-y-2 px-5 py-4">
                    <p className="text-sm text-ink-muted">
                      <span className="font-medium text-ink">{team.name}</span> · {team.manager ? `managed by ${team.manager.name}` : "no manager"}
                    </p>
                    <DeputyForm team={team} />
                  </li>
                ))}
              </ul>
            ) : (
              <CardEmptyRow icon={<UsersIcon />}>No teams yet. Teams are created with POST /api/v1/teams.</CardEmptyRow>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
