import { requireActor } from "@/src/auth/current-actor";
import { can, permissionScope } from "@/src/auth/authorize";
import { getHomeSummary } from "@/src/server/home/get-home-summary";
import { AppShell } from "@/src/ui/app-shell";
import { PageHeader } from "@/src/ui/page-header";
import { AdminSection } from "./_home/admin-section";
import { ApprovalsSection } from "./_home/approvals-section";
import { DeskRulesCard } from "./_home/desk-rules-card";
import { PipelineSection } from "./_home/pipeline-section";
import { ButtonLink } from "@/src/ui/button";
import { countDueReminders } from "@/src/server/closing/reminders-view";
import { database } from "@/src/server/db";
import Link from "next/link";
import { NewOpportunityLink } from "@/src/ui/new-opportunity-link";

const INTRO = {
  rep: "Your open deals, what's stalled, and the next steps coming up.",
  manager: "Your team's open pipeline, what needs attention, and the approvals waiting on you.",
  deal_desk: "Non-standard deals waiting for the deal desk's decision.",
  admin: "Your workspace: people, teams, and the sales process everyone follows.",
} as const;

export default async function HomePage() {
  const actor = await requireActor("/");
  const now = new Date();
  const summary = await getHomeSummary(actor, { now });
  const canCreate = can(actor, "opportunity.create");
  // The re-engagement plays' touches due on the viewer's lost deals (docs/rules/closing.md).
  const dueReminders = canCreate ? await countDueReminders(database().sql, actor.id, now).catch(() => 0) : 0;
  const firstName = actor.name.split(/\s+/)[0] || actor.name;
  const today = now.toLocaleDateString("en-US", { weekday: "long", month: "long", day: "numeric" });

  return (
    <AppShell actor={actor}>
      <PageHeader
        eyebrow={today}
        title={`Welcome back, ${firstName}`}
        description={INTRO[actor.role]}
        actions={
          summary.pipeline && summary.pipeline.openCount > 0 ? (
            <>
              <ButtonLink href="/board" variant="secondary">
                Open the board
              </ButtonLink>
              {canCreate ? <NewOpportunityLink /> : null}
            </>
          ) : null
        }
      />
      <div className="space-y-8">
        {dueReminders > 0 ? (
          <p className="rounded-card border border-amber-200 bg-amber-50 px-5 py-3 text-sm text-amber-900">
            {dueReminders === 1 ? "1 reminder is due" : `${dueReminders} reminders are due`} on your lost deals.{" "}
            <Link
              href="/reminders"
              className="font-medium underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
            >
              Open My reminders
            </Link>
          </p>
        ) : null}
        {summary.pipeline ? (
          <PipelineSection
            pipeline={summary.pipeline}
            scope={permissionScope(actor, "opportunity.read") === "own" ? "own" : "team"}
            canCreate={canCreate}
            aside={summary.approvals ? <ApprovalsSection approvals={summary.approvals} now={now} compact /> : null}
          />
        ) : null}
        {summary.admin ? <AdminSection admin={summary.admin} /> : null}
        {summary.approvals && summary.deskRules ? (
          <div className="grid gap-6 xl:grid-cols-5">
            <ApprovalsSection className="xl:col-span-3 xl:self-start" approvals={summary.approvals} now={now} />
            <DeskRulesCard className="xl:col-span-2 xl:self-start" rules={summary.deskRules} actor={actor} />
          </div>
        ) : summary.approvals && !summary.pipeline ? (
          <ApprovalsSection approvals={summary.approvals} now={now} />
        ) : null}
      </div>
    </AppShell>
  );
}
