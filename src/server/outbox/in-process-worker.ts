// The outbox worker inside the app's process, started at boot (instrumentation.ts) unless
// OUTBOX_WORKER=off, where `npm run worker` delivers instead (docs/outbox.md).
import { playReminderTask } from "../closing/play-reminders";
import { approvalReminderTask } from "../deal-desk/reminders";
import type { Database } from "../db";
import { embeddedUpkeepTasks } from "../ops/embedded-upkeep";
import { isInProcessWorkerOn, outboxConfigFromEnv } from "./outbox-config";
import { startOutboxWorker, type OutboxWorker } from "./outbox-worker";
import { sendersFromEnv } from "./senders/senders-from-env";

const holder = globalThis as unknown as { __stagelineOutboxWorker?: OutboxWorker };

export function startInProcessWorker(db: Database, log: (line: string) => void): OutboxWorker | null {
  if (!isInProcessWorkerOn()) {
    log("Outbox worker off here (OUTBOX_WORKER=off): run `npm run worker` to deliver messages.");
    return null;
  }
  const config = outboxConfigFromEnv();
  holder.__stagelineOutboxWorker ??= startOutboxWorker({
    database: db,
    config,
    senders: sendersFromEnv(process.env, config.sendTimeoutMs),
    log: (line) => log(`outbox: ${line}`),
    // On the embedded database, also the upkeep autovacuum does on a server (src/server/ops/embedded-upkeep.ts).
    periodic: [approvalReminderTask(db), playReminderTask(db), ...embeddedUpkeepTasks(db, log)],
  });
  return holder.__stagelineOutboxWorker;
}

/** Stops the in-process worker, handing back what it cannot finish in its grace period (tests, and a clean shutdown). */
export async function stopInProcessWorker(): Promise<void> {
  const worker = holder.__stagelineOutboxWorker;
  holder.__stagelineOutboxWorker = undefined;
  await worker?.stop();
}
