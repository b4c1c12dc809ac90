import { isServedWithPeerAddress } from "../../auth/client-address";
import { database } from "../db";
import { startOpsEndpoint } from "../ops/backup/ops-endpoint";
import { log as appLog } from "../ops/log";
import { onShutdown } from "../ops/shutdown";
import { startInProcessWorker, stopInProcessWorker } from "../outbox/in-process-worker";
import { prepareDatabase } from "./prepare-database";
import { wantsDemoData } from "./wants-demo-data";

export async function startServer(): Promise<void> {
  const log = (line: string) => appLog().info(line);
  const db = database();
  const where = db.config.kind === "postgres" ? "PostgreSQL server" : `embedded database ${db.config.dir ?? "(memory)"}`;
  log(`Preparing the ${where}…`);
  await prepareDatabase(db, { demoData: wantsDemoData(), log });
  if (wantsDemoData()) {
    const { DEMO_PASSWORD, DEMO_USERS } = await import("../demo/demo-users");
    const present = await db.prisma.user.findMany({
      where: { email: { in: DEMO_USERS.map((u) => u.email) } },
      select: { email: true },
    });
    if (present.length) {
      log(`Demo sign-ins (password "${DEMO_PASSWORD}"):`);
      for (const u of DEMO_USERS) if (present.some((p) => p.email === u.email)) log(`  ${u.email.padEnd(26)} ${u.role}`);
    }
  }
  if (!isServedWithPeerAddress() && process.env.TRUST_PROXY !== "1")
    log(
      "Client addresses unknown (not served by scripts/serve.mjs, TRUST_PROXY unset): sign-in is limited per account only, so anyone can lock an account out.",
    );
  if (db.config.kind === "pglite" && db.config.dir && db.snapshot) {
    // `npm run backup` and `npm run db:export` ask this process for its database (docs/deployment.md).
    await startOpsEndpoint(db.config.dir, db.snapshot, (error) => appLog().error({ err: error }, "A backup failed"));
  }
  // On SIGTERM the worker hands back what it had claimed, so another instance sends it at once.
  if (startInProcessWorker(db, log)) onShutdown(stopInProcessWorker);
  log("Ready.");
}
