// The delivery worker (docs/outbox.md): claims due messages in a short statement, sends them with no
// transaction open, and records each outcome in a short transaction of its own. On PGlite it shares
// the one connection with requests, so it never holds it for longer than one of those statements.
import crypto from "node:crypto";
import os from "node:os";
import type { Database } from "../db";
import { claimDueMessages, type ClaimedMessage } from "./claim-due-messages";
import type { OutboxConfig } from "./outbox-config";
import { recordOutcome } from "./record-outcome";
import { releaseClaim } from "./release-claims";
import { errorText, type SendResult, type Senders } from "./senders/sender";

export type OutboxWorkerOptions = {
  database: Database;
  senders: Senders;
  config: OutboxConfig;
  /** Names the worker in claims and attempts; unique per running worker. */
  workerId?: string;
  log?: (line: string) => void;
  /** The worker process waits on its timer; inside the app the timer must not keep the process up. */
  keepAlive?: boolean;
  random?: () => number;
  /** The time the periodic tasks see (tests set it). */
  clock?: () => Date;
  /** Work that queues messages on a schedule (the deal desk's reminders), run between rounds, each at most every `everyMs`. */
  periodic?: PeriodicTask[];
};

export type PeriodicTask = {
  name: string;
  everyMs: number;
  /** The first run this long after the worker starts (default: at once). */
  firstAfterMs?: number;
  run: (now: Date) => Promise<void>;
};

export type OutboxWorker = {
  id: string;
  /**
   * Claims nothing more; lets the sends in flight finish for up to `graceMs` (default 5 s) and records
   * their outcomes; hands every message still unanswered back for another worker to take at once.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
  /** Starts the next round now instead of after the poll interval. */
  wake(): void;
};

export const newWorkerId = () => `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;

type Round = OutboxWorkerOptions & {
  workerId: string;
  /** Aborted when a stopping worker's grace period is over: unanswered sends are cut short and handed back. */
  halt?: AbortSignal;
};

/** One round: claim up to a batch of due messages, send them side by side, record every outcome. */
export async function deliverDueMessages(options: Round): Promise<number> {
  const { database, config, workerId, halt } = options;
  const claimed = await claimDueMessages(database, { workerId, now: new Date(), ...config, random: options.random });
  const handBack = (message: ClaimedMessage, sendBegun: boolean) =>
    releaseClaim(database, message, { workerId, now: new Date(), sendBegun }).catch((error) =>
      options.log?.(`Could not hand message ${message.id} back: ${errorText(error)}; it is taken again when its lease runs out.`),
    );
  await Promise.all(
    claimed.map(async (message) => {
      if (halt?.aborted) return handBack(message, false);
      const at = new Date();
      const result = await sendOne(options.senders, message, config.sendTimeoutMs, halt);
      // Cut short by the stop, not answered by the receiver: another worker tries it now.
      if (result.status === "failed" && halt?.aborted) return handBack(message, true);
      // The try's end is when it failed: the retry period is measured to it.
      const end = new Date();
      const outcome = { workerId, at, durationMs: end.getTime() - at.getTime(), result };
      await recordOutcome(database, message, outcome, { now: end, schedule: config.schedule, random: options.random }).catch(
        // The claim's lease runs out and the message is tried again: nothing is lost.
        (error) => options.log?.(`Could not record the outcome of message ${message.id}: ${errorText(error)}`),
      );
    }),
  );
  return claimed.length;
}

async function sendOne(senders: Senders, message: ClaimedMessage, timeoutMs: number, halt?: AbortSignal): Promise<SendResult> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = halt ? AbortSignal.any([timeout, halt]) : timeout;
  try {
    return await senders[message.channel].send(message, signal);
  } catch (error) {
    return { status: "failed", error: errorText(error) };
  }
}

export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const workerId = options.workerId ?? newWorkerId();
  let stopping = false;
  const halt = new AbortController();
  // A wake-up during a round is kept, so that the pause after it is skipped.
  let isWoken = false;
  let wakeUp = () => {
    isWoken = true;
  };
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (isWoken) return resolve();
      const timer = setTimeout(resolve, ms);
      if (!options.keepAlive) timer.unref();
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      isWoken = false;
      wakeUp = () => {
        isWoken = true;
      };
    });

  const clock = options.clock ?? (() => new Date());
  const startedAt = clock().getTime();
  const lastRun = new Map<PeriodicTask, number>();
  const runPeriodic = async () => {
    for (const task of options.periodic ?? []) {
      const now = clock();
      const last = lastRun.get(task);
      const due = last !== undefined ? last + task.everyMs : task.firstAfterMs !== undefined ? startedAt + task.firstAfterMs : null;
      if (due !== null && now.getTime() < due) continue;
      lastRun.set(task, now.getTime());
      // A failing task is tried again next time; it never stops delivery.
      await task.run(now).catch((error) => options.log?.(`${task.name} failed: ${errorText(error)}`));
    }
  };

  const loop = (async () => {
    while (!stopping) {
      await runPeriodic();
      if (stopping) break;
      let claimed = 0;
      try {
        claimed = await deliverDueMessages({ ...options, workerId, halt: halt.signal });
      } catch (error) {
        options.log?.(`Delivery round failed: ${errorText(error)}`);
      }
      // A full batch suggests more is due: go on at once, after letting waiting requests run.
      if (stopping) break;
      await (claimed === options.config.batchSize ? new Promise((r) => setImmediate(r)) : pause(options.config.pollMs));
    }
  })();

  return {
    id: workerId,
    stop: async ({ graceMs = options.config.stopGraceMs } = {}) => {
      stopping = true;
      wakeUp();
      const timer = setTimeout(() => halt.abort(), graceMs);
      try {
        await loop;
      } finally {
        clearTimeout(timer);
      }
    },
    wake: () => wakeUp(),
  };
}
