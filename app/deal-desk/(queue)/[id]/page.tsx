import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache, type ReactNode } from "react";
import { requireActor } from "@/src/auth/current-actor";
import { WithdrawApproval } from "@/app/opportunities/_kit/withdraw-approval";
import type { Actor } from "@/src/auth/actor";
import { AppError } from "@/src/errors";
import { getApprovalRequest } from "@/src/server/deal-desk/approval-requests";
import { getDeskRequest, type DeskRequest } from "@/src/server/deal-desk/queue";
import { Badge } from "@/src/ui/badge";
import { ButtonLink } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { formatMoment } from "@/src/ui/format";
import { ArrowLeftIcon, ClockIcon } from "@/src/ui/icons";
import { GROUP_LABELS } from "@/src/ui/labels";
import { PageHeader } from "@/src/ui/page-header";
import { changesInWords } from "../_components/approval-words";
import { DecideForm } from "../_components/decide-form";
import { DEAL_APPROVAL_STATUS, DECISION_LABELS, formatHours, formatTerm, REQUEST_STATUS, TERM_LABELS } from "../_components/labels";

type Params = { params: Promise<{ id: string }> };

const loadRequest = cache(async (id: string) => {
  const actor = await requireActor(`/deal-desk/${encodeURIComponent(id)}`);
  try {
    return { actor, request: await getDeskRequest(actor, id) };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return { actor, request: null };
    throw error;
  }
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { request } = await loadRequest((await params).id);
  return { title: request ? `Approval: ${request.deal.name}` : "Approval request not found" };
}

const shortId = (id: string) => id.slice(-6);

/**
 * What the viewer may do to the request, asked of the server as the API asks it (youMayDecide,
 * youMayWithdraw): the page never works out who decides. A request the API does not show the viewer
 * (a deputy's view of the queue reaches further) offers them nothing.
 */
async function controlsFor(actor: Actor, id: string) {
  try {
    const request = await getApprovalRequest(actor, id);
    return { mayDecide: request.youMayDecide, mayWithdraw: request.youMayWithdraw };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return { mayDecide: [], mayWithdraw: false };
    throw error;
  }
}

export default async function DeskRequestPage({ params }: Params) {
  const { actor, request: r } = await loadRequest((await params).id);
  if (!r) notFound();
  const status = REQUEST_STATUS[r.status];
  const controls = await controlsFor(actor, r.id);
  return (
    <>
      <Link href="/deal-desk" className="inline-flex items-center gap-1.5 rounded text-[13px] font-medium text-ink-muted hover:text-ink">
        <ArrowLeftIcon className="size-4" />
        Deal desk
      </Link>
      <PageHeader
        eyebrow={r.deal.accountName}
        title={r.deal.name}
        description={`Approval request ${shortId(r.id)} by ${r.requestedBy.name}, ${formatMoment(r.createdAt)}. Owner: ${r.deal.ownerName}.`}
        actions={
          <ButtonLink href={`/opportunities/${r.deal.id}`} variant="secondary">
            Open the deal
          </ButtonLink>
        }
      />
      <dl className="grid grid-cols-2 gap-px overflow-hidden rounded-card border border-line bg-line md:grid-cols-4">
        <Stat label="Request">
          <Badge tone={status.tone}>{status.label}</Badge>
        </Stat>
        <Stat label="Age (business hours)">
          {formatHours(r.ageHours)} <span className="text-ink-muted">of {r.targetHours}h target</span>
        </Stat>
        <Stat label={r.status === "pending" ? "Due" : "Was due"}>
          <span className="flex flex-wrap items-center gap-2">
            {formatMoment(r.dueAt)}
            {r.late ? (
              <Badge tone="danger">
                <ClockIcon className="size-3" />
                Late
              </Badge>
            ) : (
              <Badge tone="success">On time</Badge>
            )}
          </span>
        </Stat>
        <Stat label="The deal now">
          <Badge tone={DEAL_APPROVAL_STATUS[r.deal.approval.status]?.tone ?? "neutral"}>
            {DEAL_APPROVAL_STATUS[r.deal.approval.status]?.label ?? r.deal.approval.status}
          </Badge>
        </Stat>
      </dl>

      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <DecideForm requestId={r.id} groups={controls.mayDecide} />
          <DecisionsCard request={r} />
          <TermsCard request={r} />
        </div>
        <div className="min-w-0 space-y-6">
          <WithdrawApproval
            requestId={r.id}
            may={controls.mayWithdraw}
            card={{ title: "Withdraw", description: "While it is pending, the request can be taken back from the deal desk." }}
          />
          <Card title="Justification">
            <p className="text-sm whitespace-pre-wrap break-words text-ink">{r.justification || "None given."}</p>
          </Card>
          <Card title="Rules that fired" description="When the request was made.">
            {r.reasons.length === 0 ? (
              <p className="text-sm text-ink-muted">No rule was recorded.</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {r.reasons.map((reason) => (
                  <li key={reason.key}>
                    <span className="text-ink">{reason.label}</span>
                    {reason.value !== "" ? <span className="block text-[13px] break-words text-ink-muted">Value: {String(reason.value)}</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <ChainCard request={r} />
        </div>
      </div>
    </>
  );
}

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="bg-surface px-5 py-3.5">
      <dt className="text-[13px] font-medium text-ink-muted">{label}</dt>
      <dd className="mt-1 text-sm text-ink">{children}</dd>
    </div>
  );
}

function DecisionsCard({ request: r }: { request: DeskRequest }) {
  return (
    <Card title="Decisions" description="Each group the request was routed to decides on its own." flush>
      <ul className="divide-y divide-line">
        {r.decisions.map((d) => (
          <li key={d.group} className="px-5 py-4">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="text-sm font-semibold text-ink">{GROUP_LABELS[d.group]}</h3>
              {d.decision ? (
                <Badge tone={DECISION_LABELS[d.decision].tone}>{DECISION_LABELS[d.decision].label}</Badge>
              ) : (
                <Badge>Not decided yet</Badge>
              )}
            </div>
            {d.decision ? (
              <>
                <p className="mt-1 text-[13px] text-ink-muted">
                  {d.deciderName}
                  {d.decidedAt ? `, ${formatMoment(d.decidedAt)}` : ""}
                  {d.carriedFromRequestId ? (
                    <>
                      {" · "}
                      carried over from request{" "}
                      <Link href={`/deal-desk/${d.carriedFromRequestId}`} className="rounded font-medium text-accent hover:underline">
                        {shortId(d.carriedFromRequestId)}
                      </Link>
                    </>
                  ) : null}
                </p>
                {d.comment ? <p className="mt-2 text-sm whitespace-pre-wrap break-words text-ink">{d.comment}</p> : null}
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function TermsCard({ request: r }: { request: DeskRequest }) {
  const changed = r.terms.filter((t) => t.changed).length;
  return (
    <Card
      title="Terms"
      description={
        !r.snapshotReadable
          ? "The terms this request was given could not be read: it covers none of the deal's terms."
          : changed
            ? `${changed === 1 ? "One term has" : `${changed} terms have`} changed since the request was made.`
            : "The deal's terms are the ones the request was given."
      }
      flush
    >
      <div className="overflow-x-auto">
        <table className="w-full min-w-[32rem] text-left text-sm">
          <caption className="sr-only">The request's terms beside the deal's</caption>
          <thead className="border-b border-line bg-canvas/60 text-[13px] text-ink-muted">
            <tr>
              <th scope="col" className="px-5 py-2.5 font-medium">
                Term
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                In the request
              </th>
              <th scope="col" className="px-5 py-2.5 font-medium">
                On the deal now
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {r.terms.map((t) => (
              <tr key={t.term} className={t.changed ? "bg-amber-50/60" : undefined}>
                <th scope="row" className="px-5 py-3 align-top font-medium text-ink">
                  {TERM_LABELS[t.term]}
                  {t.changed ? (
                    <Badge tone="warning" className="ml-2">
                      Changed
                    </Badge>
                  ) : null}
                </th>
                <td className="max-w-64 px-3 py-3 align-top break-words whitespace-pre-wrap">{formatTerm(t.term, t.snapshot)}</td>
                <td className="max-w-64 px-5 py-3 align-top break-words whitespace-pre-wrap">{formatTerm(t.term, t.current)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.staleChanges.length > 0 ? (
        <p className="border-t border-line px-5 py-3 text-[13px] text-ink-muted">
          Went stale{r.staleAt ? ` ${formatMoment(r.staleAt)}` : ""} when {changesInWords(r.staleChanges)}.
        </p>
      ) : null}
    </Card>
  );
}

function ChainCard({ request: r }: { request: DeskRequest }) {
  if (r.chain.length < 2) return null;
  return (
    <Card title="Linked requests" description="Resubmissions after a change, oldest first." flush>
      <ol className="divide-y divide-line">
        {r.chain.map((c) => (
          <li key={c.id} className="flex items-center justify-between gap-3 px-5 py-3 text-sm">
            {c.current ? (
              <span className="font-medium text-ink" aria-current="page">
                Request {shortId(c.id)} (this one)
              </span>
            ) : (
              <Link href={`/deal-desk/${c.id}`} className="rounded font-medium text-accent hover:underline">
                Request {shortId(c.id)}
              </Link>
            )}
            <span className="flex items-center gap-2 text-[13px] text-ink-muted">
              {formatMoment(c.createdAt)}
              <Badge tone={REQUEST_STATUS[c.status].tone}>{REQUEST_STATUS[c.status].label}</Badge>
            </span>
          </li>
        ))}
      </ol>
    </Card>
  );
}
