"use server";

import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/src/http/action-result";
import { CreateOpportunityRequest } from "@/src/schemas/opportunities";
import { createOpportunity } from "@/src/server/opportunities/create-opportunity";

/** Creates the deal through the API's use case; on success the browser goes to its page. */
export async function createDealAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const result = await runAction(CreateOpportunityRequest, input, async (actor, body) => ({ id: (await createOpportunity(actor, body)).id }));
  // redirect() throws to navigate, so it is called outside runAction, which would report it as an error.
  if (result.ok) redirect(`/opportunities/${result.data.id}`);
  return result;
}
