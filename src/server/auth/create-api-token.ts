import { insertApiToken } from "../../auth/api-tokens";
import { AppError, choosePasswordFirst } from "../../errors";
import { auditActor, recordAudit } from "../audit/record-audit";
import { database, db } from "../db";
import { verifyCredentials, type Credentials } from "./verify-credentials";

/** POST /api/v1/tokens: a new bearer token for a correct email and password, until `expiresAt` if given. */
export async function createApiToken(
  input: Credentials & { name?: string; expiresAt?: string },
  now = new Date(),
): Promise<{ token: string; expiresAt: string | null }> {
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= now)
    throw new AppError("VALIDATION_FAILED", "The request body is not valid.", { fields: [{ field: "expiresAt", message: "must be in the future" }] });
  // Failures are counted outside any transaction: a refused attempt must still be recorded.
  const actor = await verifyCredentials(db(), input, now);
  if (actor.mustChangePassword) throw choosePasswordFirst();
  const name = input.name ?? "API token";
  const { token } = await database().transaction(async (tx) => {
    const made = await insertApiToken(tx, actor.id, { name, expiresAt, now });
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "token.created",
      object: { type: "token", id: made.id },
      after: { name, prefix: made.prefix, expiresAt: expiresAt?.toISOString() ?? null, via: "token API", token: made.token },
      clientAddress: input.clientAddress,
      at: now,
    });
    return made;
  });
  return { token, expiresAt: expiresAt?.toISOString() ?? null };
}
