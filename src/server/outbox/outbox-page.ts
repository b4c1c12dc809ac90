// What the admin's outbox page shows (docs/outbox.md, "The admin page"): one page of messages through
// the API's own list, the count in each status for the tabs, the names of the deals they were sent
// for, and the deals that have messages, to filter by. Admins only, as the list itself.
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import type { ListOutboxQuery, OutboxMessageResponse } from "../../schemas/outbox";
import { database } from "../db";
import { countOutboxByStatus, listOutboxMessages } from "./list-outbox-messages";

type Deal = { id: string; name: string };

export type OutboxPage = {
  items: OutboxMessageResponse[];
  nextCursor: string | null;
  counts: Record<OutboxMessageResponse["status"], number>;
  /** The deal of each message that names one, by id. */
  deals: Record<string, Deal>;
  /** Every deal with messages, most recent message first: the deal filter's choices. */
  dealChoices: Deal[];
};

const DEAL_CHOICES = 200;

export async function getOutboxPage(actor: Actor, query: ListOutboxQuery): Promise<OutboxPage> {
  assertCan(actor, "outbox.manage");
  const q = database().sql;
  const [list, counts, dealChoices] = await Promise.all([
    listOutboxMessages(actor, query),
    countOutboxByStatus(actor, { channel: query.channel, opportunityId: query.opportunityId }),
    q
      .selectFrom("OutboxMessage as m")
      .innerJoin("Opportunity as o", "o.id", "m.opportunityId")
      .select(["o.id", "o.name", (eb) => eb.fn.max("m.createdAt").as("latest")])
      .groupBy(["o.id", "o.name"])
      .orderBy("latest", "desc")
      .orderBy("o.id")
      .limit(DEAL_CHOICES)
      .execute(),
  ]);
  const ids = [...new Set(list.items.flatMap((m) => (m.opportunityId ? [m.opportunityId] : [])))];
  const named = ids.length ? await q.selectFrom("Opportunity").select(["id", "name"]).where("id", "in", ids).execute() : [];
  return {
    ...list,
    counts,
    deals: Object.fromEntries(named.map((d) => [d.id, d])),
    dealChoices: dealChoices.map(({ id, name }) => ({ id, name })),
  };
}

/** What a message is, in a line: an e-mail's subject, a Slack post's text, a webhook's event. */
export function messageSummary(message: Pick<OutboxMessageResponse, "channel" | "payload">): string {
  const p = message.payload;
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  if (message.channel === "email") {
    const invite = p.calendar ? " (calendar invitation)" : "";
    return `${str(p.subject) || "(no subject)"}${invite}`;
  }
  if (message.channel === "slack") return str(p.text).replace(/\s+/g, " ").trim() || "(no text)";
  return str(p.type) || "(no event type)";
}
