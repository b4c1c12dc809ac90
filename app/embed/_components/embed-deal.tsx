// One deal, compact, for a frame about 400 px high (docs/embedding.md): its name and a link to the
// deal page, the stage path, and, while it is open, the exit criteria as a live checklist with the
// move to the next stage, the next step, the current stage's guidance in short, the approval status
// and the qualification answers given so far (read-only). The controls are the deal page's own
// (DealProvider, MovesProvider, the fixers): the same server functions, the same refusals.
import { notFound } from "next/navigation";
import type { Actor } from "@/src/auth/actor";
import { processQuestions } from "@/src/domain/process/process-version";
import { AppError } from "@/src/errors";
import { getLossCategories } from "@/src/server/closing/closing-settings";
import { database } from "@/src/server/db";
import { getOpportunityPage, type OpportunityPage, type StageView } from "@/src/server/opportunity-page/get-opportunity-page";
import { Badge } from "@/src/ui/badge";
import { formatMoney } from "@/src/ui/format";
import { ExternalIcon } from "@/src/ui/icons";
import { answerText } from "@/app/opportunities/_lib/format";
import { APPROVAL_STATUS } from "@/app/opportunities/_lib/labels";
import { fixerDealOf } from "@/app/opportunities/_kit/fixers/fixer-types";
import { statusWords } from "@/app/opportunities/[id]/_components/approval-card";
import { Checklist } from "@/app/opportunities/[id]/_components/checklist";
import { DealProvider } from "@/app/opportunities/[id]/_components/deal-context";
import { MovesProvider, type MoveFacts } from "@/app/opportunities/[id]/_components/moves";
import { NextStep } from "@/app/opportunities/[id]/_components/next-step";
import { StagePathNav } from "@/app/opportunities/[id]/_components/stage-path-nav";

const CLOSED_WORDS = {
  won: "This deal is closed: won.",
  lost: "This deal is closed: lost. It can be re-opened from the stage path.",
  disqualified: "This deal was disqualified and archived.",
} as const;

const dealPath = (id: string) => `/opportunities/${encodeURIComponent(id)}`;

function OpenLink({ id, hash, children }: { id: string; hash?: string; children: React.ReactNode }) {
  return (
    <a
      href={`${dealPath(id)}${hash ? `#${hash}` : ""}`}
      target="_blank"
      rel="noopener"
      className="inline-flex shrink-0 items-center gap-1 rounded text-[13px] font-medium text-accent hover:text-accent-hover hover:underline"
    >
      {children}
      <ExternalIcon className="size-3.5" />
      <span className="sr-only">(opens in a new tab)</span>
    </a>
  );
}

function Guidance({ stage }: { stage: StageView }) {
  const doNow = stage.sellerActivities.slice(0, 3);
  return (
    <section aria-labelledby="embed-guidance-heading" className="rounded-card border border-line bg-surface px-4 py-3 shadow-card">
      <h2 id="embed-guidance-heading" className="text-[13px] font-semibold text-ink">
        {stage.name}: what this stage means
      </h2>
      <p className="mt-1 line-clamp-3 text-[13px] leading-relaxed text-ink-muted">{stage.definition}</p>
      {doNow.length ? (
        <ul className="mt-2 space-y-1" aria-label="Seller activities">
          {doNow.map((item) => (
            <li key={item} className="flex gap-2 text-[13px] text-ink-muted">
              <span aria-hidden="true" className="mt-[0.5rem] size-1 shrink-0 rounded-full bg-zinc-400" />
              {item}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function ApprovalStatus({ page }: { page: OpportunityPage }) {
  const { approval, id } = page.deal;
  const shown = APPROVAL_STATUS[approval.status] ?? { label: approval.status, tone: "neutral" as const };
  return (
    <section aria-labelledby="embed-approval-heading" className="rounded-card border border-line bg-surface px-4 py-3 shadow-card">
      <div className="flex items-center justify-between gap-2">
        <h2 id="embed-approval-heading" className="text-[13px] font-semibold text-ink">
          Deal desk approval
        </h2>
        <Badge tone={shown.tone}>{shown.label}</Badge>
      </div>
      <p className="mt-1 text-[13px] text-ink-muted">{statusWords(approval.status, approval, page.approvalRequest)}</p>
      {approval.required ? (
        <p className="mt-1.5">
          <OpenLink id={id} hash="approval">
            Submit or follow the request on the deal page
          </OpenLink>
        </p>
      ) : null}
    </section>
  );
}

/** The answers given so far, read-only; the questions are answered on the deal page. */
function Qualification({ page }: { page: OpportunityPage }) {
  const questions = processQuestions(page.process);
  if (questions.length === 0) return null;
  const answers = page.deal.qualificationAnswers;
  const answered = questions.filter((q) => answers[q.key] !== undefined);
  return (
    <section aria-labelledby="embed-qualification-heading" className="rounded-card border border-line bg-surface px-4 py-3 shadow-card">
      <div className="flex items-center justify-between gap-2">
        <h2 id="embed-qualification-heading" className="text-[13px] font-semibold text-ink">
          Qualification
        </h2>
        <Badge tone={answered.length === questions.length ? "success" : "neutral"}>
          {answered.length} of {questions.length} answered
        </Badge>
      </div>
      {answered.length ? (
        <dl className="mt-1.5 space-y-1 text-[13px]">
          {answered.map((q) => (
            <div key={q.key}>
              <dt className="text-ink-muted">{q.label}</dt>
              <dd className="line-clamp-2 text-ink">{answerText(q.answer, answers[q.key]!)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {answered.length < questions.length ? (
        <p className="mt-1.5">
          <OpenLink id={page.deal.id} hash="qualification">
            Answer the others on the deal page
          </OpenLink>
        </p>
      ) : null}
    </section>
  );
}

export async function EmbedDeal({ actor, id }: { actor: Actor; id: string }) {
  const now = new Date();
  const page = await getOpportunityPage(actor, id, now).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const { deal, process, permissions } = page;
  const lossCategories = await getLossCategories(database().sql);
  const stage = process.stages.find((s) => s.key === deal.stage)!;
  const next = process.stages.find((s) => s.order === stage.order + 1 && s.kind !== "lost") ?? null;
  const isOpen = deal.status === "open";
  const fixing = fixerDealOf(deal, page.contractName);
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
        <header className="mb-2 flex items-start justify-between gap-3">
          <div className="min-w-0">
            <h1 id="deal-title" tabIndex={-1} className="truncate text-[15px] font-semibold text-ink outline-none">
              {deal.name}
            </h1>
            <p className="truncate text-[13px] text-ink-muted">
              {deal.accountName} · <span className="tabular-nums">{formatMoney(Math.round(deal.amount * 100), deal.currency)}</span> ·{" "}
              {deal.ownerName}
            </p>
          </div>
          <OpenLink id={deal.id}>Open in Stageline</OpenLink>
        </header>
        <section aria-label="Stage path" className="rounded-card border border-line bg-surface p-2 shadow-card">
          <StagePathNav facts={facts} daysInStage={page.daysInStage} lostFrom={page.lostFrom} closedOn={null} />
        </section>
        {isOpen ? (
          <div className="mt-3 grid gap-3 md:grid-cols-[3fr_2fr]">
            <div className="min-w-0 space-y-3">
              <Checklist items={page.checklist} deal={deal} fixing={fixing} stage={stage} next={next} now={now.toISOString()} />
            </div>
            <div className="min-w-0 space-y-3">
              <NextStep deal={deal} stallLimit={stage.stallDays} daysInStage={page.daysInStage} now={now.toISOString()} />
              <ApprovalStatus page={page} />
              <Qualification page={page} />
              <Guidance stage={stage} />
            </div>
          </div>
        ) : (
          <p className="mt-3 rounded-card border border-line bg-surface px-4 py-3 text-sm text-ink-muted shadow-card" data-testid="embed-closed">
            {CLOSED_WORDS[deal.status as keyof typeof CLOSED_WORDS]}
          </p>
        )}
      </MovesProvider>
    </DealProvider>
  );
}
