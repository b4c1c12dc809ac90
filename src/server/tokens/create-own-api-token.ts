import type { Actor } from "../../auth/actor";
import { insertApiToken } from "../../auth/api-tokens";
import { choosePasswordFirst } from "../../errors";
import { auditActor, recordAudit } from "../audit/record-audit";
import { inTransaction, type Tx } from "../db";
import { CreateApiTokenInput } from "./token-input";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A new API token for the signed-in user. The plaintext is returned here once and never stored; the
 * audit log records the token (its name, prefix and expiry), in the same transaction.
 */
export async function createOwnApiToken(
  actor: Actor,
  input: CreateApiTokenInput,
  tx?: Tx,
  now = new Date(),
): Promise<{ id: string; name: string; token: string; expiresAt: Date | null }> {
  if (actor.mustChangePassword) throw choosePasswordFirst();
  const { name, expiresIn } = CreateApiTokenInput.parse(input);
  const expiresAt = expiresIn === "never" ? null : new Date(now.getTime() + Number(expiresIn) * DAY_MS);
  return inTransaction(tx, async (tx) => {
    const { id, token, prefix } = await insertApiToken(tx, actor.id, { name, expiresAt, now });
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "token.created",
      object: { type: "token", id },
      after: { name, prefix, expiresAt: expiresAt?.toISOString() ?? null, via: "settings", token },
      at: now,
    });
    return { id, name, token, expiresAt };
  });
}
