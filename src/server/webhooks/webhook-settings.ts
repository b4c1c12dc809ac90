// The webhooks' settings: the environment's (WEBHOOKS_*, docs/webhooks.md#configuration) and the
// workspace's admin setting `webhooks.allowPrivateAddresses`, kept in AppSetting like the other
// admin settings; a missing or unreadable value reads as false.
import { z } from "zod";
import type { Sql, Tx } from "../db";
import type { UrlPolicy } from "./url-rules";

export const ALLOW_PRIVATE_KEY = "webhooks.allowPrivateAddresses";

const HOUR_MS = 3_600_000;

export type WebhooksConfig = {
  allowHttp: boolean;
  /** How long the secret before a rotation keeps signing beside the new one. */
  rotationWindowMs: number;
  /** How long an endpoint may fail without a single success before it is disabled. */
  disableAfterMs: number;
};

export function webhooksConfigFromEnv(env: Record<string, string | undefined> = process.env): WebhooksConfig {
  const hours = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback * HOUR_MS;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a number of hours > 0, not "${raw}".`);
    return value * HOUR_MS;
  };
  return {
    allowHttp: env.WEBHOOKS_ALLOW_HTTP === "1",
    rotationWindowMs: hours("WEBHOOKS_ROTATION_WINDOW_HOURS", 24),
    disableAfterMs: hours("WEBHOOKS_DISABLE_AFTER_HOURS", 72),
  };
}

export async function getAllowPrivateAddresses(q: Sql): Promise<boolean> {
  const row = await q.selectFrom("AppSetting").select("value").where("key", "=", ALLOW_PRIVATE_KEY).executeTakeFirst();
  return z.boolean().safeParse(row?.value).data ?? false;
}

/** Writes the setting; the caller has authorized the change and holds the transaction. */
export async function saveAllowPrivateAddresses(tx: Tx, allow: boolean, now: Date): Promise<void> {
  const value = JSON.stringify(allow);
  await tx
    .insertInto("AppSetting")
    .values({ key: ALLOW_PRIVATE_KEY, value, updatedAt: now })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updatedAt: now }))
    .execute();
}

export async function urlPolicy(q: Sql, config: WebhooksConfig = webhooksConfigFromEnv()): Promise<UrlPolicy> {
  return { allowHttp: config.allowHttp, allowPrivate: await getAllowPrivateAddresses(q) };
}
