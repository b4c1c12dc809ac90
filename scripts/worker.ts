// `npm run worker`: the outbox's delivery worker as a process of its own, for app instances that share
// one PostgreSQL server and run with OUTBOX_WORKER=off (docs/outbox.md). Several may run at once:
// each claims different messages. It stops cleanly on SIGINT and SIGTERM.
import { closeDatabase, database } from "../src/server/db";
import { playReminderTask } from "../src/server/closing/play-reminders";
import { approvalReminderTask } from "../src/server/deal-desk/reminders";
import { migrate } from "../src/server/migrate";
import { log as appLog } from "../src/server/ops/log";
import { outboxConfigFromEnv } from "../src/server/outbox/outbox-config";
import { startOutboxWorker } from "../src/server/outbox/outbox-worker";
import { sendersFromEnv } from "../src/server/outbox/senders/senders-from-env";

const log = (line: string) => appLog().info({ component: "outbox" }, line);

const config = outboxConfigFromEnv();
const db = database();
// The app migrates at start too; whichever comes first does it, under the same advisory lock.
const applied = await migrate(db);
if (applied.length) log(`Applied ${applied.length} migration(s): ${applied.join(", ")}`);
const worker = startOutboxWorker({
  database: db,
  config,
  senders: sendersFromEnv(process.env, config.sendTimeoutMs),
  log,
  keepAlive: true,
  periodic: [approvalReminderTask(db), playReminderTask(db)],
});
log(`Worker ${worker.id} delivering from the ${db.config.kind === "postgres" ? "PostgreSQL server" : "embedded database"}.`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    log(`${signal}: stopping; sends in flight have ${config.stopGraceMs} ms, then what is unanswered is handed back…`);
    await worker.stop();
    await closeDatabase();
    process.exit(0);
  });
}
