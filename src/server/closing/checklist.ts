// The Closed Won checklist as stored and as shown (docs/rules/closing.md): created by the move, its
// items' states read from their outbox messages, each sendable item with a preview of its message.
import { sql } from "kysely";
import type { Actor } from "../../auth/actor";
import { CHANNEL_OF, checklistKindsFor, ITEM_LABELS, isSentKind, itemState } from "../../domain/closing/checklist";
import { slackMessage, slackValues, welcomeMessage } from "../../domain/closing/templates";
import { toCalendarDate } from "../../domain/dates";
import { fromCents } from "../../domain/money";
import { AppError, notFound } from "../../errors";
import type { ChecklistItemResponse, ChecklistResponse } from "../../schemas/closing";
import { database, type Sql, type Tx } from "../db";
import { newId } from "../ids";
import { loadVisibleOpportunity } from "../opportunities/load-opportunity";
import { configuredChannels } from "../outbox/senders/senders-from-env";
import { getClosingSettings } from "./closing-settings";

/** The move's part: every item of the deal's checklist, the contract and why we won done by the move. */
export async function createChecklist(tx: Tx, deal: { id: string; type: "new" | "expansion" }, actorId: string, now: Date): Promise<void> {
  await tx
    .insertInto("PostCloseItem")
    .values(
      checklistKindsFor(deal).map((kind) => {
        const byMove = !isSentKind(kind);
        return {
          id: newId(),
          opportunityId: deal.id,
          kind,
          details: "{}",
          doneAt: byMove ? now : null,
          doneById: byMove ? actorId : null,
          createdAt: now,
          updatedAt: now,
        };
      }),
    )
    .onConflict((oc) => oc.columns(["opportunityId", "kind"]).doNothing())
    .execute();
}

/** The deal's items with what their messages say: the latest one's status and error, how many, when delivered. */
export async function checklistRows(q: Sql, opportunityId: string) {
  const rows = await q
    .selectFrom("PostCloseItem as i")
    .leftJoin("User as d", "d.id", "i.doneById")
    // The latest message of each item, and how many were sent and when one was last delivered.
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("OutboxMessage as m")
          .select(["m.status as latestStatus", "m.lastError as latestError"])
          .whereRef("m.checklistItemId", "=", "i.id")
          .orderBy("m.createdAt", "desc")
          .orderBy("m.id", "desc")
          .limit(1)
          .as("latest"),
      (join) => join.onTrue(),
    )
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("OutboxMessage as m")
          .select((m) => [m.fn.countAll<string>().as("sent"), m.fn.max("m.deliveredAt").as("deliveredAt")])
          .whereRef("m.checklistItemId", "=", "i.id")
          .as("all"),
      (join) => join.onTrue(),
    )
    .select([
      "i.id",
      "i.kind",
      "i.details",
      "i.doneAt",
      "i.doneNote",
      "i.doneById",
      "d.name as doneByName",
      "latest.latestStatus",
      "latest.latestError",
      "all.sent",
      "all.deliveredAt",
    ])
    .where("i.opportunityId", "=", opportunityId)
    .execute();
  const order = checklistKindsFor({ type: "new" });
  return rows.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}
export type ChecklistRow = Awaited<ReturnType<typeof checklistRows>>[number];

/** The customer contacts the welcome e-mail goes to: the deal's contacts with that role and an address. */
export async function customerContacts(q: Sql, opportunityId: string) {
  return q
    .selectFrom("OpportunityContact")
    .select(["name", "email"])
    .where("opportunityId", "=", opportunityId)
    .where("role", "=", "customer_contact")
    .where("email", "<>", "")
    .orderBy("createdAt")
    .execute();
}

/** What the templates read from the deal. */
export async function wonDeal(q: Sql, opportunityId: string) {
  const deal = await q
    .selectFrom("Opportunity as o")
    .innerJoin("User as u", "u.id", "o.ownerId")
    .select([
      "o.id",
      "o.version",
      "o.name",
      "o.accountName",
      "o.amountCents",
      "o.currency",
      "o.whyWon",
      "o.createdAt",
      "o.closedAt",
      "o.status",
      "o.type",
      "o.ownerId",
      "u.name as ownerName",
      "u.email as ownerEmail",
    ])
    .where("o.id", "=", opportunityId)
    .executeTakeFirstOrThrow();
  return deal;
}
export type WonDeal = Awaited<ReturnType<typeof wonDeal>>;

export const wonFacts = (deal: WonDeal) => ({
  name: deal.name,
  accountName: deal.accountName,
  amount: fromCents(deal.amountCents),
  currency: deal.currency,
  ownerName: deal.ownerName,
  whyWon: deal.whyWon,
  createdOn: toCalendarDate(deal.createdAt),
  closedOn: toCalendarDate(deal.closedAt ?? deal.createdAt),
});

/** The #wins post and the welcome e-mail as they would leave now (null when the e-mail has nobody to go to). */
export async function composeMessages(q: Sql, deal: WonDeal) {
  const settings = await getClosingSettings(q);
  const contacts = await customerContacts(q, deal.id);
  const slack = slackMessage(settings.slackTemplate, slackValues(wonFacts(deal)));
  const first = contacts[0];
  const welcome = first
    ? {
        to: contacts.map((c) => c.email),
        ...welcomeMessage(settings.welcomeTemplate, {
          contact: first.name,
          account: deal.accountName,
          deal: deal.name,
          owner: deal.ownerName,
          ownerEmail: deal.ownerEmail,
        }),
      }
    : null;
  return { slack, welcome };
}

export const NO_CUSTOMER_CONTACT = "Add a contact with the role Customer contact and an e-mail address: the welcome e-mail goes to them.";

/** The checklist of a deal, read in `q` (the caller's transaction after a change). */
export async function readChecklist(
  q: Sql,
  opportunityId: string,
  env: Record<string, string | undefined> = process.env,
): Promise<ChecklistResponse> {
  const deal = await wonDeal(q, opportunityId);
  const rows = await checklistRows(q, opportunityId);
  const configured = configuredChannels(env);
  const { slack, welcome } = await composeMessages(q, deal);
  const items = rows.map((row): ChecklistItemResponse => {
    const channel = isSentKind(row.kind) ? CHANNEL_OF[row.kind] : null;
    const isConfigured = channel ? configured[channel] : true;
    const preview =
      row.kind === "slack_post"
        ? { channel: "slack" as const, text: slack.text, blocks: slack.blocks }
        : row.kind === "welcome_email" && welcome
          ? { channel: "email" as const, ...welcome }
          : null;
    return {
      kind: row.kind,
      label: ITEM_LABELS[row.kind],
      state: itemState({ done: row.doneAt !== null, latestMessage: row.latestStatus ?? null, configured: isConfigured }),
      channel,
      configured: isConfigured,
      doneAt: row.doneAt?.toISOString() ?? null,
      doneBy: row.doneById ? { id: row.doneById, name: row.doneByName ?? "" } : null,
      note: row.doneNote,
      sent: Number(row.sent ?? 0),
      deliveredAt: row.deliveredAt ? new Date(row.deliveredAt).toISOString() : null,
      lastError: row.latestStatus === "failed" || row.latestStatus === "not_configured" ? (row.latestError ?? null) : null,
      details: (row.details ?? {}) as Record<string, unknown>,
      blocker: row.kind === "welcome_email" && !welcome ? NO_CUSTOMER_CONTACT : null,
      preview,
    };
  });
  return {
    opportunityId,
    version: deal.version,
    whyWon: deal.whyWon,
    items,
    open: items.filter((i) => i.state !== "done").length,
  };
}

/** The checklist of a won deal the actor may see. */
export async function getChecklist(
  actor: Actor,
  opportunityId: string,
  env: Record<string, string | undefined> = process.env,
): Promise<ChecklistResponse> {
  const q = database().sql;
  const loaded = await loadVisibleOpportunity(q, actor, opportunityId);
  if (!loaded) throw notFound("Opportunity");
  if (loaded.row.status !== "won") throw new AppError("NOT_FOUND", "This deal is not won: it has no checklist.");
  return readChecklist(q, opportunityId, env);
}

/** Won deals with checklist items not done, for the "Closing" badge (by id). */
export async function openChecklistCounts(q: Sql, opportunityIds: readonly string[]): Promise<Map<string, number>> {
  if (opportunityIds.length === 0) return new Map();
  const rows = await q
    .selectFrom("PostCloseItem as i")
    .select(["i.opportunityId", (eb) => eb.fn.countAll<string>().as("n")])
    .where("i.opportunityId", "in", opportunityIds)
    .where("i.doneAt", "is", null)
    // Done as itemState reads it: delivered is judged by the latest message alone.
    .where(
      sql<boolean>`(SELECT m."status" FROM "OutboxMessage" m WHERE m."checklistItemId" = i."id" ORDER BY m."createdAt" DESC, m."id" DESC LIMIT 1) IS DISTINCT FROM 'delivered'`,
    )
    .groupBy("i.opportunityId")
    .execute();
  return new Map(rows.map((r) => [r.opportunityId, Number(r.n)]));
}
