// An HTTP webhook, shaped as a Standard Webhooks event: the body is `{ type, timestamp, data }`, and
// `webhook-id` (also sent as `Idempotency-Key`) is the message's idempotency key, the same on every
// try, so a receiver can drop what it has already handled.
//
// A message for a registered endpoint (docs/webhooks.md) goes to the endpoint's current URL, signed
// with its secret (and, during a rotation window, with the previous one too) in `webhook-signature`;
// the URL rules are checked again on the addresses actually connected to, and the endpoint's health
// is recorded after the try: an endpoint that has failed without a single success for longer than
// the limit is disabled, and whoever registered it is told by e-mail (the active admins, if they can
// no longer manage it).
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { z } from "zod";
import { roleCan, rolesWith } from "../../../auth/permissions";
import { type Database, database as appDatabase } from "../../db";
import { enqueueMessage } from "../enqueue-message";
import { WebhookPayload } from "../payloads";
import { signatureHeader } from "../../webhooks/signature";
import { guardedLookup, refusedAddress, refusedScheme, type UrlPolicy } from "../../webhooks/url-rules";
import { urlPolicy, type WebhooksConfig, webhooksConfigFromEnv } from "../../webhooks/webhook-settings";
import { isTransient, postJson } from "./post-json";
import { errorText, safeText, type Delivery, type Sender, type SendResult } from "./sender";

export type WebhookSenderOptions = {
  database?: () => Database;
  config?: WebhooksConfig;
  /** The time signatures carry and failures are measured with (tests set it). */
  clock?: () => Date;
};

export const webhookSender = (options: WebhookSenderOptions = {}): Sender => ({
  send: async (delivery, signal) => {
    const parsed = WebhookPayload.safeParse(delivery.payload);
    if (!parsed.success) return { status: "failed", error: `Not a webhook message: ${z.prettifyError(parsed.error)}`, permanent: true };
    const { url, type, data, endpointId } = parsed.data;
    const body = { type, timestamp: delivery.createdAt.toISOString(), data };
    if (!endpointId) {
      const headers = {
        "idempotency-key": delivery.idempotencyKey,
        "webhook-id": delivery.idempotencyKey,
        "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
      };
      return postJson(url, body, headers, signal);
    }
    return sendToEndpoint(endpointId, delivery, JSON.stringify(body), signal, {
      database: options.database ?? appDatabase,
      config: options.config ?? webhooksConfigFromEnv(),
      clock: options.clock ?? (() => new Date()),
    });
  },
});

async function sendToEndpoint(endpointId: string, delivery: Delivery, body: string, signal: AbortSignal, options: Required<WebhookSenderOptions>) {
  const db = options.database().sql;
  const endpoint = await db.selectFrom("WebhookEndpoint").selectAll().where("id", "=", endpointId).executeTakeFirst();
  if (!endpoint) return { status: "failed", error: "The webhook endpoint was deleted.", permanent: true } as const;
  if (!endpoint.active)
    return {
      status: "failed",
      error: `The webhook endpoint is disabled${endpoint.disabledReason ? `: ${endpoint.disabledReason}` : "."}`,
      permanent: true,
    } as const;

  const now = options.clock();
  const timestamp = Math.floor(now.getTime() / 1000);
  const secrets = [endpoint.secret];
  if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) secrets.push(endpoint.previousSecret);
  const headers = {
    "content-type": "application/json",
    "user-agent": "Stageline-Webhooks",
    "idempotency-key": delivery.idempotencyKey,
    "webhook-id": delivery.idempotencyKey,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signatureHeader(secrets, delivery.idempotencyKey, timestamp, body),
  };
  const result = await post(endpoint.url, body, headers, signal, await urlPolicy(db, options.config));
  // Health is the endpoint's, not the message's: a failure to record it must not undo the outcome.
  await recordHealth(options.database(), endpoint, result.status === "delivered", options).catch(() => undefined);
  return result;
}

/** A POST through node:http(s), connecting only to addresses the URL rules allow. */
async function post(raw: string, body: string, headers: Record<string, string>, signal: AbortSignal, policy: UrlPolicy): Promise<SendResult> {
  const url = new URL(raw);
  const scheme = refusedScheme(url, policy);
  if (scheme) return { status: "failed", error: scheme, permanent: true };
  // An IP address in the URL is connected to without a lookup: judged here.
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const refusedIp = net.isIP(host) ? refusedAddress(host, policy) : null;
  if (refusedIp) return { status: "failed", error: refusedIp, permanent: true };
  try {
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = (url.protocol === "https:" ? https : http).request(
        url,
        {
          method: "POST",
          headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
          lookup: guardedLookup(policy) as never,
          signal,
          // A fresh connection each time: no socket kept alive across a receiver's restart.
          agent: false,
        },
        (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => {
            if (text.length < 2000) text += chunk;
          });
          response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
          response.on("error", reject);
        },
      );
      request.on("error", reject);
      request.end(body);
    });
    if (answer.status >= 200 && answer.status < 300) return { status: "delivered", responseCode: answer.status };
    return {
      status: "failed",
      responseCode: answer.status,
      error: `HTTP ${answer.status}${answer.text ? `: ${safeText(answer.text, 500)}` : ""}`,
      permanent: !isTransient(answer.status),
    };
  } catch (error) {
    if (signal.aborted) return { status: "failed", error: "No answer before the send timeout." };
    const refused = (error as { code?: string }).code === "EWEBHOOKADDRESS";
    return { status: "failed", error: errorText(error), permanent: refused };
  }
}

type EndpointRow = { id: string; url: string; createdById: string; failingSince: Date | null };

/**
 * A success clears the endpoint's failure record; a failure starts it, and a failure past the limit
 * since the first one disables the endpoint and tells whoever registered it (or the active admins), in
 * one transaction.
 */
async function recordHealth(db: Database, endpoint: EndpointRow, delivered: boolean, options: Required<WebhookSenderOptions>) {
  const now = options.clock();
  if (delivered) {
    if (endpoint.failingSince)
      await db.sql
        .updateTable("WebhookEndpoint")
        .set({ failingSince: null })
        .where("id", "=", endpoint.id)
        .where("failingSince", "is not", null)
        .execute();
    return;
  }
  await db.transaction(async (tx) => {
    const row = await tx
      .updateTable("WebhookEndpoint")
      .set((eb) => ({ failingSince: eb.fn.coalesce("failingSince", eb.val(now)) }))
      .where("id", "=", endpoint.id)
      .where("active", "=", true)
      .returning(["failingSince", "createdById", "url"])
      .executeTakeFirst();
    if (!row?.failingSince || now.getTime() - row.failingSince.getTime() < options.config.disableAfterMs) return;
    const hours = Math.round(options.config.disableAfterMs / 3_600_000);
    const reason = `Every delivery failed for ${hours} hours (since ${row.failingSince.toISOString()}).`;
    await tx
      .updateTable("WebhookEndpoint")
      .set({ active: false, disabledAt: now, disabledReason: reason, updatedAt: now })
      .where("id", "=", endpoint.id)
      .execute();
    // Told to whoever registered it, so that they turn it back on once the receiver answers. Only an
    // admin may (webhooks.manage): a creator deactivated since, or no longer an admin, could not, so
    // the active admins are told instead, or the notice would reach no one able to act on it.
    const creator = await tx.selectFrom("User").select(["email", "active", "role"]).where("id", "=", row.createdById).executeTakeFirst();
    const creatorCanAct = creator?.active === true && roleCan(creator.role, "webhooks.manage");
    const admins = () =>
      tx.selectFrom("User").select("email").where("role", "in", rolesWith("webhooks.manage")).where("active", "=", true).orderBy("email").execute();
    const to = creatorCanAct ? [creator.email] : (await admins()).map((u) => u.email);
    if (to.length === 0) return;
    const whyAdmins =
      creator && !creatorCanAct ? `${creator.email}, who registered it, ${creator.active ? "is no longer an admin" : "is deactivated"}.` : null;
    await enqueueMessage(
      tx,
      {
        channel: "email",
        payload: {
          to,
          subject: "A webhook endpoint was disabled",
          text: [
            `Stageline disabled the webhook endpoint ${row.url}:`,
            reason,
            ...(whyAdmins ? ["", `You are told as an admin: ${whyAdmins}`] : []),
            "",
            "No event is sent to it while it is disabled. Once the receiver answers again, turn it back on",
            `with PATCH /api/v1/webhooks/${endpoint.id} and { "active": true } (docs/webhooks.md#disabling).`,
          ].join("\n"),
        },
        idempotencyKey: `webhook:${endpoint.id}:disabled:${now.toISOString()}`,
      },
      now,
    );
  });
}
