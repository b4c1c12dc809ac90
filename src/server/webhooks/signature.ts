// Standard Webhooks signatures (https://www.standardwebhooks.com/, docs/webhooks.md#verifying): the
// secret is `whsec_` + base64 of random bytes; a signature is `v1,` + base64 of the HMAC-SHA256 of
// `${webhook-id}.${webhook-timestamp}.${body}`, keyed with the secret's decoded bytes.
import crypto from "node:crypto";

const PREFIX = "whsec_";
const SECRET_BYTES = 32;

export const newWebhookSecret = (): string => `${PREFIX}${crypto.randomBytes(SECRET_BYTES).toString("base64")}`;

export const isWebhookSecret = (secret: string) => secret.startsWith(PREFIX) && Buffer.from(secret.slice(PREFIX.length), "base64").length >= 24;

export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
  return `v1,${crypto.createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/** The `webhook-signature` header: one signature per secret, space-separated (two during a rotation window). */
export const signatureHeader = (secrets: readonly string[], id: string, timestamp: number, body: string): string =>
  secrets.map((secret) => sign(secret, id, timestamp, body)).join(" ");
