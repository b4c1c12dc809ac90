// Records how a try ended, in a short transaction of its own after the send: the attempt row, and the
// message's next state (docs/outbox.md, "States").
import { afterFailure, type RetrySchedule } from "../../domain/outbox/retry-schedule";
import type { Database } from "../db";
import { newId } from "../ids";
import type { ClaimedMessage } from "./claim-due-messages";
import type { SendResult } from "./senders/sender";

export type Outcome = { workerId: string; at: Date; durationMs: number; result: SendResult };
type Context = { now: Date; schedule: RetrySchedule; random?: () => number };

export function recordOutcome(database: Database, message: ClaimedMessage, outcome: Outcome, context: Context): Promise<void> {
  const { result } = outcome;
  const error = result.status === "delivered" ? null : result.error;
  return database.transaction(async (tx) => {
    await tx
      .insertInto("OutboxAttempt")
      .values({
        id: newId(),
        messageId: message.id,
        at: outcome.at,
        status: result.status,
        responseCode: result.status === "not_configured" ? null : (result.responseCode ?? null),
        error,
        durationMs: outcome.durationMs,
        worker: outcome.workerId,
      })
      .execute();
    // Only while this worker's claim holds: a claim that outlived its lease belongs to another worker.
    await tx
      .updateTable("OutboxMessage")
      .set({ ...nextState(message, result, context), lockedUntil: null, lastError: error })
      .where("id", "=", message.id)
      .where("status", "=", "sending")
      .where("claimedBy", "=", outcome.workerId)
      .where("attempts", "=", message.attempts)
      .execute();
  });
}

function nextState(message: ClaimedMessage, result: SendResult, { now, schedule, random }: Context) {
  switch (result.status) {
    case "delivered":
      return { status: "delivered" as const, deliveredAt: now };
    case "not_configured":
      return { status: "not_configured" as const };
    case "failed": {
      const next = afterFailure(
        { attempts: message.attempts, firstAttemptAt: message.firstAttemptAt, now, permanent: result.permanent },
        schedule,
        random,
      );
      return next.retry ? { status: "pending" as const, nextAttemptAt: next.at } : { status: "failed" as const };
    }
    default: {
      const never: never = result;
      throw new Error(`Unknown send result ${JSON.stringify(never)}`);
    }
  }
}
