// A stand-in for `npm start` on the embedded database (PGLITE_DIR): boots as the app does (startServer:
// migrations, defaults, the backup endpoint, the outbox worker), then commits writes one after the other,
// two rows per transaction, and prints each transaction's number once it has committed.
import { sql } from "kysely";
import { startServer } from "../../src/server/boot/start-server";
import { database } from "../../src/server/db";

process.once("SIGTERM", () => process.exit(0)); // so the folder's lock and endpoint files are removed

await startServer();
const db = database();
await db.raw.exec("CREATE TABLE IF NOT EXISTS backup_probe (n int NOT NULL, part text NOT NULL, PRIMARY KEY (n, part))");
console.log("ready");
for (let n = 1; ; n++) {
  await db.transaction(async (tx) => {
    await sql`INSERT INTO backup_probe VALUES (${n}, 'a')`.execute(tx);
    await sql`INSERT INTO backup_probe VALUES (${n}, 'b')`.execute(tx);
  });
  console.log(`committed ${n}`);
  // As requests would: PGlite answers without I/O, and a loop of awaits alone would starve the event
  // loop, the backup endpoint's requests included.
  await new Promise((resolve) => setImmediate(resolve));
}
