"use server";

// The Closed Won checklist's writes from the deal page (docs/rules/closing.md): each runs the use
// case the API runs (actOnChecklistItem, with its refusals), answers with the checklist as it now is,
// and revalidates the deal page so the card, the header's "Closing" badge and the history follow.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionResult } from "@/src/http/action-result";
import { runAction } from "@/src/http/action-result";
import { ChecklistAction, type ChecklistResponse, ChecklistKindName } from "@/src/schemas/closing";
import { actOnChecklistItem } from "@/src/server/closing/checklist-actions";
import { addCustomerContact, CustomerContactInput } from "@/src/server/closing/customer-contact";

const Id = z.string().min(1).max(64);

const ItemInput = z.object({ id: Id, item: ChecklistKindName, action: ChecklistAction });
const ContactInput = z.object({ id: Id, contact: CustomerContactInput }).strict();

const dealPage = (id: string) => `/opportunities/${id}`;

/** Sends, retries or marks done an item, or edits why we won. A refusal (409) leaves the page to refresh too: the state it acted on has moved. */
export async function actOnChecklist(input: unknown): Promise<ActionResult<ChecklistResponse>> {
  const result = await runAction(ItemInput, input, (actor, { id, item, action }) => actOnChecklistItem(actor, id, item, action));
  const id = (input as { id?: unknown } | null)?.id;
  if (typeof id === "string" && (result.ok || result.error.code === "CONFLICT")) revalidatePath(dealPage(id));
  return result;
}

/** Adds the customer contact the welcome e-mail goes to, to a won deal that has none. */
export async function addChecklistContact(input: unknown): Promise<ActionResult<ChecklistResponse>> {
  const result = await runAction(ContactInput, input, (actor, { id, contact }) => addCustomerContact(actor, id, contact));
  if (result.ok) revalidatePath(dealPage(result.data.opportunityId));
  return result;
}
