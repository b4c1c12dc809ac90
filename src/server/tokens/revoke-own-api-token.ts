import type { Actor } from "../../auth/actor";
import { notFound } from "../../errors";
import { db, type Reader } from "../db";

/**
 * Revokes one of the actor's own tokens. Someone else's token is NOT_FOUND, exactly like a token
 * that does not exist, so ids cannot be probed. Revoking twice keeps the first revocation time.
 */
export async function revokeOwnApiToken(actor: Actor, tokenId: string, tx: Reader = db(), now = new Date()): Promise<void> {
  const token = await tx.apiToken.findFirst({ where: { id: tokenId, userId: actor.id }, select: { id: true } });
  if (!token) throw notFound("API token");
  await tx.apiToken.updateMany({ where: { id: token.id, userId: actor.id, revokedAt: null }, data: { revokedAt: now } });
}
