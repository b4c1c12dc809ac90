"use server";

// The outbox page's one write: retrying a failed or not configured message, through the API's use
// case (admins only; 409 with the current status for any other message).
import { refresh } from "next/cache";
import { z } from "zod";
import { type ActionResult, runAction } from "@/src/http/action-result";
import { Id } from "@/src/schemas/common";
import { retryOutboxMessage } from "@/src/server/outbox/retry-outbox-message";

const RetryInput = z.object({ id: Id }).strict();

export async function retryOutboxAction(input: unknown): Promise<ActionResult<{ id: string; status: string }>> {
  const result = await runAction(RetryInput, input, async (actor, { id }) => {
    const message = await retryOutboxMessage(actor, id);
    return { id: message.id, status: message.status };
  });
  if (result.ok) refresh();
  return result;
}
