"use server";

// The access page's one write: revoking any user's API token, through the API's use case.
import { refresh } from "next/cache";
import { type ActionResult, runAction } from "@/src/http/action-result";
import { TokenParams } from "@/src/schemas/tokens";
import { revokeApiToken } from "@/src/server/tokens/admin-tokens";

export async function revokeTokenAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const result = await runAction(TokenParams.strict(), input, async (actor, { id }) => ({ id: (await revokeApiToken(actor, id)).id }));
  if (result.ok) refresh();
  return result;
}
