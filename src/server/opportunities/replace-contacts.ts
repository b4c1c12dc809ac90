import type { Actor } from "../../auth/actor";
import { assertCanChangeOpportunity } from "../../auth/authorize";
import type { OpportunityResponse, ReplaceContactsRequest } from "../../schemas/opportunities";
import { db } from "../db";
import { recordHistory } from "../history/record-history";
import { assertOpen } from "./assert-open";
import { getVisibleOpportunity, reloadOpportunity } from "./get-opportunity";
import { assertVersion, updateVersioned } from "./write-versioned";

const describe = (c: { name: string; role: string }) => `${c.name} (${c.role})`;

/** The buying group as the rep now knows it: the list replaces the previous one. */
export async function replaceContacts(actor: Actor, id: string, input: ReplaceContactsRequest, now = new Date()): Promise<OpportunityResponse> {
  return db().$transaction(async (tx) => {
    const row = await getVisibleOpportunity(tx, actor, id);
    assertCanChangeOpportunity(actor, { ownerId: row.ownerId, ownerTeamId: row.owner.teamId });
    await assertVersion(tx, row, input.version);
    assertOpen(row);
    const before = row.contacts.map(describe);
    const after = input.contacts.map(describe);
    const same = (a: { name: string; email: string; title: string; role: string }[]) => JSON.stringify(a.map((c) => [c.name, c.email, c.title, c.role]));
    if (same(row.contacts) === same(input.contacts)) return reloadOpportunity(tx, id, now); // no change: no new version
    await updateVersioned(tx, id, input.version, {}); // first: concurrent writers get VERSION_CONFLICT
    await tx.opportunityContact.deleteMany({ where: { opportunityId: id } });
    await tx.opportunityContact.createMany({
      data: input.contacts.map((c, i) => ({ opportunityId: id, ...c, createdAt: new Date(now.getTime() + i) })), // keeps the given order
    });
    await recordHistory(tx, { opportunityId: id, type: "field_changed", actorId: actor.id, at: now, details: { changes: { contacts: { from: before, to: after } } } });
    return reloadOpportunity(tx, id, now);
  });
}
