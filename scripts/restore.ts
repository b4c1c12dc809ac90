// `npm run restore -- <file> [--force]`: brings a backup back into the embedded database's folder,
// never while an app has it open; a database it replaces is kept aside (docs/deployment.md).
import { databaseConfig } from "../src/server/db";
import { EXIT, OpsError } from "../src/server/ops/backup/ops-error";
import { restoreBackup } from "../src/server/ops/backup/restore-backup";
import { parseArguments, readInput, runCommand, say } from "../src/server/ops/backup/run-command";
import { embeddedFolder } from "../src/server/ops/backup/take-backup";

await runCommand(async () => {
  const { positional, flags } = parseArguments(process.argv.slice(2), ["force"]);
  if (positional.length !== 1) throw new OpsError("Usage: npm run restore -- <backup file> [--force]", EXIT.USAGE);
  const config = databaseConfig();
  if (config.kind === "postgres") {
    throw new OpsError(
      "DATABASE_URL names a PostgreSQL server: restore it with pg_restore or psql. This command restores the embedded database.",
      EXIT.POSTGRES_SERVER,
    );
  }
  const dir = embeddedFolder(config);
  const restored = await restoreBackup(readInput(positional[0]!), dir, { force: flags.has("force"), now: new Date() });
  say(`Restored ${positional[0]} into ${dir} (${restored.migrations} migrations applied in it).`);
  if (restored.keptAside) say(`The database it replaced is kept in ${restored.keptAside}.`);
});
