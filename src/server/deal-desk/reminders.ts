// Reminders (docs/rules/deal-desk.md#notifications): a request still pending past its target
// turnaround queues one reminder to the approvers of each group that has not decided. The outbox
// worker runs this between its rounds; the idempotency key `approval:{id}:reminder:{group}` makes
// every later run, on any worker, queue nothing more.
import { sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { ApproverGroup } from "../../domain/deal-desk/rules";
import { turnaroundDueAt } from "../../domain/deal-desk/turnaround";
import type { Database } from "../db";
import { enqueueMessage } from "../outbox/enqueue-message";
import { reminderMessages } from "./notifications";

/** Queues the reminders due at `now`; answers how many messages were newly queued. */
export async function queueApprovalReminders(db: Database, now: Date): Promise<number> {
  // A due time in business hours is never earlier than the same number of calendar hours: only
  // requests older than their target can be late, the rest are not read.
  const candidates = await db.sql
    .selectFrom("ApprovalRequest as r")
    .innerJoin("Opportunity as o", "o.id", "r.opportunityId")
    .select(["r.id", "r.opportunityId", "r.createdAt", "r.targetHours", "o.ownerId", "o.name", "o.accountName"])
    .select(sql<ApproverGroup[]>`r."requiredGroups"::text[]`.as("requiredGroups"))
    .select((eb) => [jsonArrayFrom(eb.selectFrom("ApprovalDecision as d").select("d.group").whereRef("d.requestId", "=", "r.id")).as("decided")])
    .where("r.status", "=", "pending")
    .where(sql<boolean>`r."createdAt" + make_interval(hours => r."targetHours") < ${now}`)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom("OutboxMessage as m").select("m.id").where(sql<boolean>`m."idempotencyKey" LIKE 'approval:' || r."id" || ':reminder:%'`),
        ),
      ),
    )
    .orderBy("r.createdAt")
    .limit(100)
    .execute();
  let queued = 0;
  for (const request of candidates) {
    const dueAt = turnaroundDueAt(request.createdAt, request.targetHours);
    if (now.getTime() <= dueAt.getTime()) continue;
    const decided = new Set(request.decided.map((d) => d.group));
    const waiting = request.requiredGroups.filter((g) => !decided.has(g));
    await db.transaction(async (tx) => {
      // Still pending when the reminder is queued: a decision since the read above sends none.
      const still = await tx.selectFrom("ApprovalRequest").select("status").where("id", "=", request.id).forUpdate().executeTakeFirst();
      if (still?.status !== "pending") return;
      // Sent as soon as the worker gets to it: `now` decides lateness, not the outbox's schedule.
      for (const group of waiting)
        for (const message of await reminderMessages(
          tx,
          { id: request.id, ownerId: request.ownerId, dueAt },
          { name: request.name, accountName: request.accountName },
          group,
        ))
          if (await enqueueMessage(tx, { ...message, opportunityId: request.opportunityId })) queued++;
    });
  }
  return queued;
}

/** The worker's task: looks for late requests once a minute. */
export const approvalReminderTask = (db: Database) => ({
  name: "approval reminders",
  everyMs: 60_000,
  run: (now: Date) => queueApprovalReminders(db, now).then(() => undefined),
});
