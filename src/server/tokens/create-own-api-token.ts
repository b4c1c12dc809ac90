import type { Actor } from "../../auth/actor";
import { issueApiToken } from "../../auth/api-tokens";
import { choosePasswordFirst } from "../../errors";
import { db, type Reader } from "../db";
import { CreateApiTokenInput } from "./token-input";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A new API token for the signed-in user. The plaintext is returned here once and never stored. */
export async function createOwnApiToken(
  actor: Actor,
  input: CreateApiTokenInput,
  tx: Reader = db(),
  now = new Date(),
): Promise<{ id: string; name: string; token: string; expiresAt: Date | null }> {
  if (actor.mustChangePassword) throw choosePasswordFirst();
  const { name, expiresIn } = CreateApiTokenInput.parse(input);
  const expiresAt = expiresIn === "never" ? null : new Date(now.getTime() + Number(expiresIn) * DAY_MS);
  const { id, token } = await issueApiToken(tx, actor.id, { name, expiresAt });
  return { id, name, token, expiresAt };
}
