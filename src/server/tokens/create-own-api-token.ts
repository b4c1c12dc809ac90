import type { Actor } from "../../auth/actor";
import { issueApiToken } from "../../auth/api-tokens";
import { db, type Reader } from "../db";
import { ApiTokenName } from "./token-input";

/** A new API token for the signed-in user. The plaintext is returned here once and never stored. */
export async function createOwnApiToken(actor: Actor, name: string, tx: Reader = db()): Promise<{ id: string; name: string; token: string }> {
  const valid = ApiTokenName.parse(name);
  const { id, token } = await issueApiToken(tx, actor.id, { name: valid });
  return { id, name: valid, token };
}
