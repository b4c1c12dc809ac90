import type { Actor } from "../../auth/actor";
import { db, type Reader } from "../db";

export type ApiTokenRow = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
};

/** The actor's API tokens, newest first. Only the prefix of each is known after creation. */
export function listOwnApiTokens(actor: Actor, tx: Reader = db()): Promise<ApiTokenRow[]> {
  return tx.apiToken.findMany({
    where: { userId: actor.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
  });
}
