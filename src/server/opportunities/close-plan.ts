import type { Actor } from "../../auth/actor";
import { fromCalendarDate, toCalendarDate } from "../../domain/dates";
import { arrangeClosePlan, suggestClosePlan } from "../../domain/opportunities/close-plan";
import { AppError } from "../../errors";
import type { ClosePlanResponse, ReplaceClosePlanRequest } from "../../schemas/opportunities";
import { database, type Sql, type Tx } from "../db";
import { newId } from "../ids";
import { changeOpportunity } from "./change-opportunity";
import { getVisibleOpportunity } from "./get-opportunity";

async function readClosePlan(q: Sql, id: string, now: Date): Promise<ClosePlanResponse> {
  const deal = await q.selectFrom("Opportunity").select(["version", "closeDate", "status"]).where("id", "=", id).executeTakeFirstOrThrow();
  const rows = await q.selectFrom("ClosePlanStep").selectAll().where("opportunityId", "=", id).orderBy("position").execute();
  const closeDate = toCalendarDate(deal.closeDate);
  const today = toCalendarDate(now);
  const steps = rows.map((s) => ({
    id: s.id,
    title: s.title,
    ownerUserId: s.ownerUserId,
    ownerName: s.ownerName,
    dueDate: s.dueDate ? toCalendarDate(s.dueDate) : null,
    done: s.doneAt !== null,
  }));
  return {
    opportunityVersion: deal.version,
    closeDate,
    steps: arrangeClosePlan(steps, closeDate, deal.status === "open" ? today : null),
    suggested: rows.length ? [] : suggestClosePlan(closeDate, today),
  };
}

export async function getClosePlan(actor: Actor, id: string, now = new Date(), q: Sql = database().sql): Promise<ClosePlanResponse> {
  await getVisibleOpportunity(q, actor, id);
  return readClosePlan(q, id, now);
}

/** Replaces the close plan: the steps worked back from the target decision date. */
export async function replaceClosePlan(
  actor: Actor,
  id: string,
  input: ReplaceClosePlanRequest,
  now = new Date(),
  tx?: Tx,
): Promise<ClosePlanResponse> {
  return changeOpportunity(
    actor,
    { id, version: input.version },
    async ({ tx }) => {
      const ownerIds = [...new Set(input.steps.map((s) => s.ownerUserId).filter((x): x is string => !!x))];
      const known = ownerIds.length
        ? await tx
            .selectFrom("User")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("id", "in", ownerIds)
            .where("active", "=", true)
            .executeTakeFirstOrThrow()
        : { n: 0 };
      if (Number(known.n) !== ownerIds.length)
        throw new AppError("VALIDATION_FAILED", "A step's owner is not a user.", {
          fields: [{ field: "steps.ownerUserId", message: "no such user" }],
        });
      return {
        write: async (tx) => {
          await tx.deleteFrom("ClosePlanStep").where("opportunityId", "=", id).execute();
          if (!input.steps.length) return;
          await tx
            .insertInto("ClosePlanStep")
            .values(
              input.steps.map((s, position) => ({
                id: newId(),
                opportunityId: id,
                title: s.title,
                ownerUserId: s.ownerUserId ?? null,
                ownerName: s.ownerName,
                dueDate: s.dueDate ? fromCalendarDate(s.dueDate) : null,
                doneAt: s.done ? now : null,
                position,
                // Set here, in UTC: the column's default is the server's local time.
                createdAt: now,
              })),
            )
            .execute();
        },
        history: [{ type: "plan_changed", details: { steps: input.steps.map((s) => ({ title: s.title, dueDate: s.dueDate, done: s.done })) } }],
      };
    },
    { tx, now, respond: ({ tx }) => readClosePlan(tx, id, now) },
  );
}
