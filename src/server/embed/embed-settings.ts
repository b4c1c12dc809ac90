// Which parent origins may frame the embed pages (docs/embedding.md): the admin's list, kept in
// AppSetting under `embed.allowedOrigins`, or, until one is saved, the environment's EMBED_ORIGINS
// (comma-separated). Read on every embed page request, so a change applies at once, without a restart.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import { type EmbedSettings, type EmbedSettingsRequest, isEmbedOrigin } from "../../schemas/embed";
import { auditActor, recordAudit } from "../audit/record-audit";
import { database, type Sql, type Tx } from "../db";

export const EMBED_ORIGINS_KEY = "embed.allowedOrigins";

type Env = Record<string, string | undefined>;

/** EMBED_ORIGINS as a list: well-formed origins only (a malformed one is left out, never widens the policy). */
export function environmentEmbedOrigins(env: Env = process.env): string[] {
  const listed = (env.EMBED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim().toLowerCase())
    .filter(isEmbedOrigin);
  return [...new Set(listed)];
}

async function savedOrigins(q: Sql): Promise<string[] | null> {
  const row = await q.selectFrom("AppSetting").select("value").where("key", "=", EMBED_ORIGINS_KEY).executeTakeFirst();
  const parsed = z.array(z.string()).safeParse(row?.value);
  return parsed.success ? parsed.data.filter(isEmbedOrigin) : null;
}

/** The origins that may frame the embed now, and where the list comes from. */
export async function embedOrigins(q: Sql, env: Env = process.env): Promise<Pick<EmbedSettings, "origins" | "source">> {
  const saved = await savedOrigins(q);
  return saved ? { origins: saved, source: "setting" } : { origins: environmentEmbedOrigins(env), source: "environment" };
}

async function saveOrigins(tx: Tx, origins: string[], now: Date): Promise<void> {
  const value = JSON.stringify(origins);
  await tx
    .insertInto("AppSetting")
    .values({ key: EMBED_ORIGINS_KEY, value, updatedAt: now })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updatedAt: now }))
    .execute();
}

export async function readEmbedSettings(actor: Actor): Promise<EmbedSettings> {
  assertCan(actor, "integrations.manage");
  return { ...(await embedOrigins(database().sql)), environmentOrigins: environmentEmbedOrigins() };
}

/** Replaces the list (an empty list lets no page frame the embed); the next embed page answers with it. */
export async function changeEmbedSettings(actor: Actor, input: EmbedSettingsRequest, now = new Date()): Promise<EmbedSettings> {
  assertCan(actor, "integrations.manage");
  return database().transaction(async (tx) => {
    const before = await embedOrigins(tx);
    await saveOrigins(tx, input.origins, now);
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "embed_settings.changed",
      object: { type: "setting", id: EMBED_ORIGINS_KEY },
      before: { origins: before.origins },
      after: { origins: input.origins },
      at: now,
    });
    return { ...(await embedOrigins(tx)), environmentOrigins: environmentEmbedOrigins() };
  });
}
