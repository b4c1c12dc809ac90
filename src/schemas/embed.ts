// The embed's settings as the API takes and answers them (docs/embedding.md).
import { z } from "zod";

/** At most this many parent origins: each one is written into every embed page's policy. */
export const MAX_EMBED_ORIGINS = 50;

// scheme://host[:port] as a browser serializes an origin: lowercase host labels, no path, query,
// wildcard, user, space or semicolon (any of which could widen or break the policy it is written into).
const HTTPS_ORIGIN = /^https:\/\/(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?::(\d{1,5}))?$/;
// Plain http only for this machine, where a CRM sandbox or a demo page is developed.
const LOOPBACK_ORIGIN = /^http:\/\/(?:localhost|127\.0\.0\.1)(?::(\d{1,5}))?$/;

/** Whether `value` is an origin a parent page may be served from: https://host[:port], or http on loopback. */
export function isEmbedOrigin(value: string): boolean {
  const match = HTTPS_ORIGIN.exec(value) ?? LOOPBACK_ORIGIN.exec(value);
  if (!match) return false;
  const port = match[1];
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65535 && !port.startsWith("0"));
}

export const EmbedOrigin = z
  .string()
  .trim()
  .max(300)
  .transform((s) => s.toLowerCase())
  .refine(isEmbedOrigin, "an origin such as https://example.my.salesforce.com or https://app.hubspot.com:443, without a path");

export const EmbedSettingsRequest = z
  .object({
    /** The origins whose pages may frame the embed, replacing the environment's default list. */
    origins: z
      .array(EmbedOrigin)
      .max(MAX_EMBED_ORIGINS)
      .transform((origins) => [...new Set(origins)]),
  })
  .strict()
  .meta({ id: "EmbedSettingsRequest" });
export type EmbedSettingsRequest = z.infer<typeof EmbedSettingsRequest>;

export const EmbedSettings = z
  .object({
    /** The origins that may frame the embed pages now. */
    origins: z.array(z.string()),
    /** `setting` once an admin saved a list; `environment` while the default list (EMBED_ORIGINS) applies. */
    source: z.enum(["setting", "environment"]),
    /** The environment's default list, well-formed origins only. */
    environmentOrigins: z.array(z.string()),
  })
  .meta({ id: "EmbedSettings" });
export type EmbedSettings = z.infer<typeof EmbedSettings>;
