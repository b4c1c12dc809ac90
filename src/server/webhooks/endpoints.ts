// Webhook endpoints, admins only (docs/webhooks.md): register (the secret answered once), list,
// change, delete, rotate the secret (the previous one signs beside it for the rotation window), and
// the endpoint's deliveries, which are its outbox messages with their tries.
import { sql, type Selectable } from "kysely";
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import { AppError, notFound } from "../../errors";
import type { WebhookEndpoint } from "../../generated/kysely/types";
import type { OutboxMessageResponse } from "../../schemas/outbox";
import {
  type CreateWebhookRequest,
  type UpdateWebhookRequest,
  WEBHOOK_EVENTS,
  type WebhookDeliveriesQuery,
  type WebhookEvent,
  type WebhookResponse,
  type WebhookSettings,
  type WebhookWithSecret,
} from "../../schemas/webhooks";
import { auditActor, recordAudit } from "../audit/record-audit";
import { database, type Sql } from "../db";
import { newId } from "../ids";
import { decodeCursor, pageOf } from "../list-cursor";
import { recentAttempts, toResponse as toMessageResponse } from "../outbox/list-outbox-messages";
import { newWebhookSecret } from "./signature";
import { checkWebhookUrl, type LookupAll } from "./url-rules";
import { getAllowPrivateAddresses, saveAllowPrivateAddresses, urlPolicy, type WebhooksConfig, webhooksConfigFromEnv } from "./webhook-settings";

export type EndpointOptions = { now?: Date; config?: WebhooksConfig; lookup?: LookupAll };

type Row = Omit<Selectable<WebhookEndpoint>, "events"> & { events: string[] };

const COLUMNS = [
  "id",
  "url",
  sql<string[]>`"events"::text[]`.as("events"),
  "description",
  "secret",
  "previousSecret",
  "previousSecretExpiresAt",
  "active",
  "disabledReason",
  "disabledAt",
  "failingSince",
  "createdById",
  "createdAt",
  "updatedAt",
] as const;

const isEvent = (e: string): e is WebhookEvent => (WEBHOOK_EVENTS as readonly string[]).includes(e);

export function toWebhookResponse(row: Row): WebhookResponse {
  return {
    id: row.id,
    url: row.url,
    events: row.events.filter(isEvent),
    description: row.description,
    active: row.active,
    disabledReason: row.disabledReason,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    failingSince: row.failingSince?.toISOString() ?? null,
    previousSecretExpiresAt: row.previousSecret ? (row.previousSecretExpiresAt?.toISOString() ?? null) : null,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** An endpoint as the audit log shows it: what an admin sets, and whether it is on. */
const audited = (w: WebhookResponse) => ({
  url: w.url,
  events: w.events,
  description: w.description,
  active: w.active,
  disabledReason: w.disabledReason,
});

const eventsArray = (events: readonly string[]) => sql<string[]>`CAST(${`{${events.join(",")}}`} AS text[])`;

async function assertUrlAllowed(q: Sql, url: string, options: EndpointOptions) {
  const refused = await checkWebhookUrl(url, await urlPolicy(q, options.config ?? webhooksConfigFromEnv()), options.lookup);
  if (refused) throw new AppError("VALIDATION_FAILED", refused, { fields: [{ field: "url", message: refused }] });
}

async function load(q: Sql, id: string): Promise<Row> {
  const row = await q.selectFrom("WebhookEndpoint").select(COLUMNS).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Webhook");
  return row;
}

export async function listWebhooks(actor: Actor): Promise<{ items: WebhookResponse[] }> {
  assertCan(actor, "webhooks.manage");
  const rows = await database().sql.selectFrom("WebhookEndpoint").select(COLUMNS).orderBy("createdAt").orderBy("id").execute();
  return { items: rows.map(toWebhookResponse) };
}

/** One endpoint, or 404 (the deliveries page's header). */
export async function getWebhook(actor: Actor, id: string): Promise<WebhookResponse> {
  assertCan(actor, "webhooks.manage");
  return toWebhookResponse(await load(database().sql, id));
}

export async function createWebhook(actor: Actor, input: CreateWebhookRequest, options: EndpointOptions = {}): Promise<WebhookWithSecret> {
  assertCan(actor, "webhooks.manage");
  const now = options.now ?? new Date();
  const q = database().sql;
  await assertUrlAllowed(q, input.url, options);
  const id = newId();
  const secret = newWebhookSecret();
  return database().transaction(async (tx) => {
    await tx
      .insertInto("WebhookEndpoint")
      .values({
        id,
        url: input.url,
        events: eventsArray(input.events),
        description: input.description ?? "",
        secret,
        createdById: actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const created = toWebhookResponse(await load(tx, id));
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "webhook.created",
      object: { type: "webhook", id },
      after: { ...audited(created), secret },
      at: now,
    });
    return { ...created, secret };
  });
}

export async function updateWebhook(actor: Actor, id: string, input: UpdateWebhookRequest, options: EndpointOptions = {}): Promise<WebhookResponse> {
  assertCan(actor, "webhooks.manage");
  const now = options.now ?? new Date();
  const q = database().sql;
  const current = await load(q, id);
  if (input.url !== undefined && input.url !== current.url) await assertUrlAllowed(q, input.url, options);
  // Turned back on: the failures before it was disabled no longer count.
  const reenabled = input.active === true && !current.active;
  const disabled = input.active === false && current.active;
  return database().transaction(async (tx) => {
    // The endpoint as this change found it, locked: the audit log's before is what it replaced.
    const was = await tx.selectFrom("WebhookEndpoint").select(COLUMNS).where("id", "=", id).forUpdate().executeTakeFirst();
    if (!was) throw notFound("Webhook");
    await tx
      .updateTable("WebhookEndpoint")
      .set({
        updatedAt: now,
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.events !== undefined ? { events: eventsArray(input.events) } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(reenabled ? { active: true, disabledAt: null, disabledReason: null, failingSince: null } : {}),
        ...(disabled ? { active: false, disabledAt: now, disabledReason: `Disabled by ${actor.name}.` } : {}),
      })
      .where("id", "=", id)
      .execute();
    const updated = toWebhookResponse(await load(tx, id));
    const before = audited(toWebhookResponse(was));
    const after = audited(updated);
    if (JSON.stringify(before) !== JSON.stringify(after))
      await recordAudit(tx, { actor: auditActor(actor), action: "webhook.updated", object: { type: "webhook", id }, before, after, at: now });
    return updated;
  });
}

/** Deleted at once: its messages not yet delivered fail at their next try ("the endpoint was deleted"). */
export async function deleteWebhook(actor: Actor, id: string): Promise<void> {
  assertCan(actor, "webhooks.manage");
  await database().transaction(async (tx) => {
    const deleted = await tx.deleteFrom("WebhookEndpoint").where("id", "=", id).returning(COLUMNS).executeTakeFirst();
    if (!deleted) throw notFound("Webhook");
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "webhook.deleted",
      object: { type: "webhook", id },
      before: audited(toWebhookResponse(deleted)),
    });
  });
}

/**
 * A new secret, answered once. The one it replaces keeps signing beside it until the rotation window
 * ends, so receivers can switch without losing a delivery; a rotation during a window ends the
 * previous window (only the secret being replaced stays valid beside the new one).
 */
export async function rotateWebhookSecret(actor: Actor, id: string, options: EndpointOptions = {}): Promise<WebhookWithSecret> {
  assertCan(actor, "webhooks.manage");
  const now = options.now ?? new Date();
  const config = options.config ?? webhooksConfigFromEnv();
  const secret = newWebhookSecret();
  return database().transaction(async (tx) => {
    const updated = await tx
      .updateTable("WebhookEndpoint")
      .set((eb) => ({
        secret,
        previousSecret: eb.ref("secret"),
        previousSecretExpiresAt: new Date(now.getTime() + config.rotationWindowMs),
        updatedAt: now,
      }))
      .where("id", "=", id)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw notFound("Webhook");
    const rotated = toWebhookResponse(await load(tx, id));
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "webhook.secret_rotated",
      object: { type: "webhook", id },
      before: { url: rotated.url, secret: "replaced" },
      after: { url: rotated.url, secret, previousSecretExpiresAt: rotated.previousSecretExpiresAt },
      at: now,
    });
    return { ...rotated, secret };
  });
}

export async function listWebhookDeliveries(
  actor: Actor,
  id: string,
  query: WebhookDeliveriesQuery,
): Promise<{ items: OutboxMessageResponse[]; nextCursor: string | null }> {
  assertCan(actor, "webhooks.manage");
  const q = database().sql;
  await load(q, id);
  let messages = q
    .selectFrom("OutboxMessage")
    .selectAll()
    .where("webhookEndpointId", "=", id)
    .orderBy("createdAt", "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1);
  if (query.cursor) {
    const { at, id: after } = decodeCursor(query.cursor);
    messages = messages.where(sql<boolean>`("createdAt", "id") < (${at}, ${after})`);
  }
  const { page, nextCursor } = pageOf(await messages.execute(), query.limit, (row) => row);
  const attempts = await recentAttempts(
    q,
    page.map((r) => r.id),
  );
  return { items: page.map((row) => toMessageResponse(row, attempts.get(row.id) ?? [])), nextCursor };
}

export async function readWebhookSettings(actor: Actor): Promise<WebhookSettings> {
  assertCan(actor, "webhooks.manage");
  return { allowPrivateAddresses: await getAllowPrivateAddresses(database().sql) };
}

/** Turning private addresses off again takes effect at the next delivery: the rules are checked at each one. */
export async function changeWebhookSettings(actor: Actor, input: WebhookSettings, now = new Date()): Promise<WebhookSettings> {
  assertCan(actor, "webhooks.manage");
  return database().transaction(async (tx) => {
    const before = { allowPrivateAddresses: await getAllowPrivateAddresses(tx) };
    await saveAllowPrivateAddresses(tx, input.allowPrivateAddresses, now);
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "webhook_settings.changed",
      object: { type: "setting", id: "webhooks" },
      before,
      after: { allowPrivateAddresses: input.allowPrivateAddresses },
      at: now,
    });
    return { allowPrivateAddresses: await getAllowPrivateAddresses(tx) };
  });
}
