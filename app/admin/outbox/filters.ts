// The outbox page's address: its tab (a status, or every message), channel, deal and page. What is
// not one of the choices is ignored rather than refused, so an edited or outdated link still opens.
import { OUTBOX_CHANNELS, OUTBOX_STATUSES } from "@/src/schemas/outbox";
import { cursorOrFirstPage } from "@/src/server/list-cursor";

export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];
export type OutboxFilters = { status?: OutboxStatus; channel?: OutboxChannel; deal?: string; cursor?: string };

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
const oneOf = <T extends string>(list: readonly T[], v: string | undefined) => ((list as readonly string[]).includes(v ?? "") ? (v as T) : undefined);

export function parseOutboxFilters(params: Params): OutboxFilters {
  const deal = one(params.deal);
  return {
    status: oneOf(OUTBOX_STATUSES, one(params.status)),
    channel: oneOf(OUTBOX_CHANNELS, one(params.channel)),
    deal: deal && /^[A-Za-z0-9_-]{1,64}$/.test(deal) ? deal : undefined,
    cursor: cursorOrFirstPage(one(params.cursor)),
  };
}

/** The page's address with `filters` (the page's cursor dropped unless given). */
export function outboxHref(filters: OutboxFilters): string {
  const q = new URLSearchParams();
  if (filters.status) q.set("status", filters.status);
  if (filters.channel) q.set("channel", filters.channel);
  if (filters.deal) q.set("deal", filters.deal);
  if (filters.cursor) q.set("cursor", filters.cursor);
  const s = q.toString();
  return s ? `/admin/outbox?${s}` : "/admin/outbox";
}

export const STATUS_LABELS: Record<OutboxStatus, string> = {
  pending: "Pending",
  sending: "Sending",
  delivered: "Delivered",
  failed: "Failed",
  not_configured: "Not configured",
};

export const CHANNEL_LABELS: Record<OutboxChannel, string> = { slack: "Slack", email: "E-mail", webhook: "Webhook" };

export const ATTEMPT_LABELS: Record<string, string> = {
  delivered: "Delivered",
  failed: "Failed",
  not_configured: "Not configured",
  abandoned: "Abandoned (worker stopped)",
};
