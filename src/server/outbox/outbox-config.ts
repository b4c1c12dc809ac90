// The outbox worker's settings, from the environment (README, "Configuration"; docs/outbox.md).
import { DEFAULT_RETRY_SCHEDULE, type RetrySchedule } from "../../domain/outbox/retry-schedule";

export type OutboxConfig = {
  /** How long the worker sleeps when nothing is due. */
  pollMs: number;
  /** Messages claimed at once: on PGlite the worker shares the one connection with requests. */
  batchSize: number;
  /** The longest a receiver may take to answer one message. */
  sendTimeoutMs: number;
  /**
   * How long a claim holds. Longer than a whole batch can take (its sends run side by side), so a
   * message is only taken again when the worker holding it has stopped.
   */
  leaseMs: number;
  schedule: RetrySchedule;
  /** How long a stopping worker lets its sends in flight run before it hands them back. */
  stopGraceMs: number;
};

export function outboxConfigFromEnv(env: NodeJS.ProcessEnv = process.env): OutboxConfig {
  const ms = (name: string, fallback: number, min = 1) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}, not "${raw}".`);
    return value;
  };
  const sendTimeoutMs = ms("OUTBOX_SEND_TIMEOUT_MS", 10_000);
  return {
    pollMs: ms("OUTBOX_POLL_MS", 1_000),
    batchSize: ms("OUTBOX_BATCH_SIZE", 10),
    sendTimeoutMs,
    leaseMs: 2 * sendTimeoutMs + 5_000,
    stopGraceMs: ms("OUTBOX_STOP_GRACE_MS", 5_000, 0),
    schedule: {
      baseDelayMs: ms("OUTBOX_RETRY_BASE_MS", DEFAULT_RETRY_SCHEDULE.baseDelayMs),
      maxDelayMs: ms("OUTBOX_RETRY_MAX_DELAY_MS", DEFAULT_RETRY_SCHEDULE.maxDelayMs),
      retryForMs: ms("OUTBOX_RETRY_FOR_MS", DEFAULT_RETRY_SCHEDULE.retryForMs),
    },
  };
}

/** Off on app instances when `npm run worker` delivers for them. */
export const isInProcessWorkerOn = (env: NodeJS.ProcessEnv = process.env) => env.OUTBOX_WORKER !== "off";
