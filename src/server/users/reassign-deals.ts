// A user's open deals given to someone else (docs/rules/people.md#reassigning-deals), typically
// when they leave: one transaction, each deal changed through changeOpportunity, so that every deal
// gets a new version, a history entry and its webhooks, as any change of owner does.
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import { roleCan } from "../../auth/permissions";
import { fromCents } from "../../domain/money";
import { AppError, notFound } from "../../errors";
import type { OpenDeal, ReassignDealsRequest, ReassignDealsResponse } from "../../schemas/users";
import { auditActor, recordAudit } from "../audit/record-audit";
import { database, type Sql } from "../db";
import { changeOpportunity } from "../opportunities/change-opportunity";

/** The user's open deals, by name, with the version a reassignment changes. */
export async function openDealsOf(q: Sql, userId: string): Promise<OpenDeal[]> {
  const rows = await q
    .selectFrom("Opportunity as o")
    .innerJoin("Stage as s", (j) => j.onRef("s.processVersionId", "=", "o.processVersionId").onRef("s.key", "=", "o.stageKey"))
    .select(["o.id", "o.name", "o.accountName", "s.name as stageName", "o.amountCents", "o.currency", "o.version"])
    .where("o.ownerId", "=", userId)
    .where("o.status", "=", "open")
    .orderBy("o.name")
    .orderBy("o.id")
    .execute();
  return rows.map(({ amountCents, ...r }) => ({ ...r, amount: fromCents(amountCents) }));
}

export async function listOpenDealsOf(actor: Actor, userId: string): Promise<{ items: OpenDeal[] }> {
  assertCan(actor, "users.manage");
  const q = database().sql;
  if (!(await q.selectFrom("User").select("id").where("id", "=", userId).executeTakeFirst())) throw notFound("User");
  return { items: await openDealsOf(q, userId) };
}

export async function reassignDeals(actor: Actor, fromUserId: string, input: ReassignDealsRequest, now = new Date()): Promise<ReassignDealsResponse> {
  assertCan(actor, "users.manage");
  return database().transaction(async (tx) => {
    const from = await tx.selectFrom("User").select(["id", "email"]).where("id", "=", fromUserId).executeTakeFirst();
    if (!from) throw notFound("User");
    // Locked in share mode: a deactivation or a change of role cannot slip in before the deals are given.
    const to = await tx.selectFrom("User").select(["id", "email", "role", "active"]).where("id", "=", input.toUserId).forShare().executeTakeFirst();
    const problem = !to?.active
      ? "no such active user"
      : to.id === fromUserId
        ? "already owns these deals"
        : !roleCan(to.role, "opportunity.create")
          ? "this user's role may not own deals"
          : null;
    if (problem) throw new AppError("VALIDATION_FAILED", "The deals cannot go to this user.", { fields: [{ field: "toUserId", message: problem }] });
    const open = await openDealsOf(tx, fromUserId);
    const wanted = input.opportunityIds ? new Set(input.opportunityIds) : null;
    if (wanted) {
      const missing = [...wanted].filter((id) => !open.some((d) => d.id === id));
      if (missing.length)
        throw new AppError("VALIDATION_FAILED", "Some deals are not this user's open deals.", {
          fields: [{ field: "opportunityIds", message: `not an open deal of this user: ${missing.join(", ")}` }],
        });
    }
    const deals = wanted ? open.filter((d) => wanted.has(d.id)) : open;
    for (const deal of deals)
      await changeOpportunity(
        actor,
        { id: deal.id, version: deal.version },
        ({ row }) => ({
          columns: { ownerId: to!.id },
          history: [
            { type: "field_changed", details: { changes: { ownerId: { from: row.ownerId, to: to!.id } }, reason: "reassigned by an admin" } },
          ],
        }),
        { tx, now, authorize: () => assertCan(actor, "users.manage"), respond: async () => undefined },
      );
    if (deals.length)
      await recordAudit(tx, {
        actor: auditActor(actor),
        action: "user.deals_reassigned",
        object: { type: "user", id: fromUserId },
        before: { email: from.email, ownerId: fromUserId, opportunityIds: deals.map((d) => d.id) },
        after: { ownerId: to!.id, ownerEmail: to!.email, opportunityIds: deals.map((d) => d.id) },
        at: now,
      });
    return { reassigned: deals.map((d) => d.id) };
  });
}
