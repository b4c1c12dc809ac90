import { notFound } from "next/navigation";
import { requireActor } from "@/src/auth/current-actor";
import { AppError } from "@/src/errors";
import { getLossCategories } from "@/src/server/closing/closing-settings";
import { database } from "@/src/server/db";
import { getClosingCard } from "@/src/server/opportunity-page/get-closing-card";
import { getOpportunityPage } from "@/src/server/opportunity-page/get-opportunity-page";
import { canReopenInto } from "@/src/domain/moves/closed-lost";
import { toCalendarDate } from "@/src/domain/dates";
import { questionGroups } from "@/src/domain/process/qualification-answers";
import { getPlays } from "@/src/server/closing/plays";
import { Card } from "@/src/ui/card";
import { fixerDealOf } from "../_kit/fixers/fixer-types";
import { ApprovalCard } from "./_components/approval-card";
import { Checklist } from "./_components/checklist";
import { CloseActions } from "./_components/close-actions";
import { CloseDateHistory } from "./_components/close-date-history";
import { ClosePlan } from "./_components/close-plan";
import { ClosedSummary } from "./_components/closed-summary";
import { ContactsCard } from "./_components/contacts-card";
import { DealProvider } from "./_components/deal-context";
import { DealFields } from "./_components/deal-fields";
import { DealHeader } from "./_components/deal-header";
import { FilesCard } from "./_components/files-card";
import { HistoryTimeline } from "./_components/history-timeline";
import { ClosingChecklist, PlaysCard, QualificationCard } from "./_components/lazy-cards";
import { MovesProvider, type MoveFacts } from "./_components/moves";
import { NextStep } from "./_components/next-step";
import { StageGuidance } from "./_components/stage-guidance";
import { StagePathNav } from "./_components/stage-path-nav";

export default async function OpportunityPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/opportunities/${encodeURIComponent(id)}`);
  const now = new Date();
  const page = await getOpportunityPage(actor, id, now).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const { deal, process, permissions } = page;
  const [closing, lossCategories] = await Promise.all([getClosingCard(actor, deal), getLossCategories(database().sql)]);
  const stage = process.stages.find((s) => s.key === deal.stage)!;
  const next = process.stages.find((s) => s.order === stage.order + 1 && s.kind !== "lost") ?? null;
  const isOpen = deal.status === "open";
  const fixing = fixerDealOf(deal, page.contractName);
  // A lost deal's re-engagement plays (docs/rules/closing.md).
  const plays = deal.status === "lost" ? await getPlays(actor, deal.id, { now }) : null;
  // No card when the deal's process version asks no questions (docs/rules/sales-process.md#qualification-answers).
  const questions = questionGroups(process.stages, deal.stage);
  const hasQuestions = questions.reached.length + questions.later.length > 0;
  const facts: MoveFacts = {
    lossCategories,
    stages: process.stages,
    currentKey: deal.stage,
    status: deal.status,
    outlook: page.outlook,
    contractName: page.contractName,
    deal: fixing,
  };

  return (
    <DealProvider id={deal.id} version={deal.version} {...permissions}>
      <MovesProvider facts={facts}>
        <DealHeader page={page} closingOpen={closing?.openItems ?? null} />
        <section aria-labelledby="stage-path-heading" className="rounded-card border border-line bg-surface p-4 shadow-card">
          <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
            <h2 id="stage-path-heading" className="text-[13px] font-medium text-ink-muted">
              Stage path · {process.name}, version {process.version}
            </h2>
            <CloseActions facts={facts} />
          </div>
          <StagePathNav
            facts={facts}
            daysInStage={page.daysInStage}
            lostFrom={page.lostFrom}
            closedOn={deal.closedAt ? new Date(deal.closedAt).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric" }) : null}
          />
        </section>
        <div className="mt-6 grid gap-6 lg:grid-cols-3">
          <div className="min-w-0 space-y-6 lg:col-span-2">
            {closing ? (
              <ClosingChecklist
                dealId={deal.id}
                checklist={closing.checklist}
                canAct={closing.canAct}
                csmOptions={closing.csmOptions}
                durations={closing.durations}
                defaultAgenda={closing.defaultAgenda}
              />
            ) : null}
            {isOpen ? <NextStep deal={deal} stallLimit={stage.stallDays} daysInStage={page.daysInStage} now={now.toISOString()} /> : null}
            {isOpen ? (
              <Checklist items={page.checklist} deal={deal} fixing={fixing} stage={stage} next={next} now={now.toISOString()} />
            ) : (
              <ClosedSummary deal={deal} files={page.files} lossCategories={lossCategories} />
            )}
            {hasQuestions ? <QualificationCard reached={questions.reached} later={questions.later} answers={deal.qualificationAnswers} /> : null}
            {plays ? (
              <PlaysCard
                plays={plays}
                dealName={deal.name}
                stages={process.stages.filter(canReopenInto).map(({ key, name }) => ({ key, name }))}
                today={toCalendarDate(now)}
              />
            ) : null}
            <Card
              id="deal-details"
              className="scroll-mt-24"
              title="Deal details"
              description={permissions.canEdit ? "Select the pencil beside a field to change it." : undefined}
              flush
            >
              <DealFields deal={deal} owners={page.owners} />
            </Card>
            <ClosePlan plan={page.closePlan} people={page.planOwners} dealOwnerId={deal.ownerId} />
          </div>
          <div className="min-w-0 space-y-6">
            {deal.status !== "disqualified" ? <StageGuidance stage={stage} /> : null}
            {deal.status === "open" || page.approvalRequest ? (
              <ApprovalCard approval={deal.approval} request={page.approvalRequest} maySubmit={page.maySubmitApproval} now={now} />
            ) : null}
            <CloseDateHistory deal={deal} changes={page.closeDateChanges} now={now} />
            <FilesCard dealId={deal.id} files={page.files} contractName={page.contractName} canEdit={permissions.canEdit} now={now} />
            <ContactsCard contacts={deal.contacts} />
          </div>
        </div>
        <div className="mt-6">
          <HistoryTimeline items={page.history} stages={process.stages} currency={deal.currency} now={now} lossCategories={lossCategories} />
        </div>
      </MovesProvider>
    </DealProvider>
  );
}
