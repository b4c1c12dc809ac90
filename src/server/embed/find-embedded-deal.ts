// Which deal an embed page shows (docs/embedding.md): by its id, or by the CRM record it mirrors
// (`externalSource`, `externalId`, docs/rules/sync.md). Either way only a deal the actor may see, as
// on the deal page: anything else, malformed addresses included, is not found.
import type { Actor } from "../../auth/actor";
import { ExternalParams } from "../../schemas/opportunities";
import { database } from "../db";
import { findVisibleOpportunity } from "../opportunity-page/find-visible-opportunity";
import { findByExternal } from "../opportunities/external-ref";

export type EmbedAddress = { id: string } | { source: string; externalId: string };

/** The id and name of the deal at `address` when the actor may see it, else null. */
export async function findEmbeddedDeal(actor: Actor, address: EmbedAddress): Promise<{ id: string; name: string } | null> {
  if ("id" in address) return address.id.length <= 64 ? findVisibleOpportunity(actor, address.id) : null;
  const ref = ExternalParams.safeParse(address);
  if (!ref.success) return null;
  const found = await findByExternal(database().sql, ref.data);
  return found ? findVisibleOpportunity(actor, found.id) : null;
}
