// One webhook endpoint's deliveries (GET /api/v1/webhooks/{id}/deliveries): its outbox messages,
// newest first, each with its tries; a failed one can be sent again.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { can } from "@/src/auth/authorize";
import { requireActor } from "@/src/auth/current-actor";
import { AppError } from "@/src/errors";
import { database } from "@/src/server/db";
import { cursorOrFirstPage } from "@/src/server/list-cursor";
import { getWebhook, listWebhookDeliveries } from "@/src/server/webhooks/endpoints";
import { ButtonLink } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { CursorPager } from "@/src/ui/cursor-pager";
import { EmptyState } from "@/src/ui/empty-state";
import { CheckCircleIcon } from "@/src/ui/icons";
import { PageHeader } from "@/src/ui/page-header";
import { MessageRow } from "../../../outbox/message-row";

export const metadata: Metadata = { title: "Webhook deliveries" };

const PAGE_SIZE = 25;

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function WebhookDeliveriesPage({ params, searchParams }: Props) {
  const { id } = await params;
  const raw = (await searchParams).cursor;
  const cursor = cursorOrFirstPage(Array.isArray(raw) ? raw[0] : raw);
  const actor = await requireActor(`/admin/integrations/webhooks/${encodeURIComponent(id)}`);
  if (!can(actor, "webhooks.manage")) notFound();
  const missing = (error: unknown): never => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  };
  const endpoint = await getWebhook(actor, id).catch(missing);
  const page = await listWebhookDeliveries(actor, id, { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }).catch(missing);
  const dealIds = [...new Set(page.items.flatMap((m) => (m.opportunityId ? [m.opportunityId] : [])))];
  const deals = dealIds.length ? await database().sql.selectFrom("Opportunity").select(["id", "name"]).where("id", "in", dealIds).execute() : [];
  const dealOf = new Map(deals.map((d) => [d.id, d]));
  const base = `/admin/integrations/webhooks/${encodeURIComponent(id)}`;

  return (
    <>
      <PageHeader
        eyebrow="Webhook endpoint"
        title="Deliveries"
        description={`${endpoint.url}${endpoint.description ? ` · ${endpoint.description}` : ""}`}
        actions={
          <ButtonLink href="/admin/integrations" variant="secondary">
            Back to the integrations
          </ButtonLink>
        }
      />
      <Card flush title="Requests sent" description="Newest first. A delivery failing for a day is marked failed; Retry sends it again.">
        {page.items.length === 0 ? (
          <EmptyState
            icon={<CheckCircleIcon className="size-5" />}
            title="Nothing sent yet"
            description={
              endpoint.active
                ? "A delivery appears here as soon as one of its events happens: move a deal to see one."
                : "The endpoint is paused: enable it on the integrations page and its events are sent again."
            }
          />
        ) : (
          <ol className="divide-y divide-line">
            {page.items.map((m) => (
              <MessageRow key={m.id} message={m} deal={m.opportunityId ? dealOf.get(m.opportunityId) : undefined} />
            ))}
          </ol>
        )}
        <CursorPager
          noun="deliveries"
          shown={PAGE_SIZE}
          newestHref={cursor ? base : null}
          olderHref={page.nextCursor ? `${base}?cursor=${encodeURIComponent(page.nextCursor)}` : null}
        />
      </Card>
    </>
  );
}
