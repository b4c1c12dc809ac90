import type { Actor } from "../../auth/actor";
import type { OpportunityResponse, ReplaceContactsRequest } from "../../schemas/opportunities";
import type { Tx } from "../db";
import { newId } from "../ids";
import { changeOpportunity } from "./change-opportunity";

const describe = (c: { name: string; role: string }) => `${c.name} (${c.role})`;
const same = (a: readonly { name: string; email: string; title: string; role: string }[]) =>
  JSON.stringify(a.map((c) => [c.name, c.email, c.title, c.role]));

/** The buying group as the rep now knows it: the list replaces the previous one. */
export async function replaceContacts(
  actor: Actor,
  id: string,
  input: ReplaceContactsRequest,
  now = new Date(),
  tx?: Tx,
): Promise<OpportunityResponse> {
  return changeOpportunity(
    actor,
    { id, version: input.version },
    ({ row }) => {
      if (same(row.contacts) === same(input.contacts)) return null; // no change: no new version
      return {
        write: async (tx) => {
          await tx.deleteFrom("OpportunityContact").where("opportunityId", "=", id).execute();
          if (!input.contacts.length) return;
          await tx
            .insertInto("OpportunityContact")
            // Each a millisecond apart: the list keeps the order given.
            .values(input.contacts.map((c, i) => ({ id: newId(), opportunityId: id, ...c, createdAt: new Date(now.getTime() + i) })))
            .execute();
        },
        history: [
          { type: "field_changed", details: { changes: { contacts: { from: row.contacts.map(describe), to: input.contacts.map(describe) } } } },
        ],
      };
    },
    { tx, now },
  );
}
