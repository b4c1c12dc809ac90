import { issueApiToken } from "../../auth/api-tokens";
import { db } from "../db";
import { verifyCredentials, type Credentials } from "./verify-credentials";

/** POST /api/v1/tokens: a new bearer token for a correct email and password. */
export async function createApiToken(input: Credentials & { name?: string }, now = new Date()): Promise<{ token: string }> {
  // Failures are counted outside any transaction: a refused attempt must still be recorded.
  const actor = await verifyCredentials(db(), input, now);
  const { token } = await issueApiToken(db(), actor.id, { name: input.name ?? "API token" });
  return { token };
}
