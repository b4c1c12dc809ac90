// `npm run db:export [-- file] [--from=backup]`: the embedded database as a plain SQL script for
// `psql -f` on an empty PostgreSQL database (docs/deployment.md, "Moving to a PostgreSQL server").
import { databaseConfig } from "../src/server/db";
import { exportSql } from "../src/server/ops/backup/export-sql";
import { EXIT, OpsError } from "../src/server/ops/backup/ops-error";
import { parseArguments, filesReminder, readInput, runCommand, say, sizeOf, timestamp, writeOutput } from "../src/server/ops/backup/run-command";
import { embeddedFolder, takeBackup } from "../src/server/ops/backup/take-backup";

await runCommand(async () => {
  const { positional, flags } = parseArguments(process.argv.slice(2), ["from"]);
  const from = flags.get("from");
  if (from === true) throw new OpsError("--from names a backup file: --from=stageline-backup-….tar.gz", EXIT.USAGE);
  const backup = from ? readInput(from) : (await takeBackup(embeddedFolder(databaseConfig()))).bytes;
  const sql = await exportSql(backup);
  const file = writeOutput(positional[0] ?? `stageline-export-${timestamp(new Date())}.sql`, sql);
  say(`Exported ${from ?? "the embedded database"} to ${file} (${sizeOf(sql)}). Load it into an empty database:`);
  say(`  psql -v ON_ERROR_STOP=1 -f ${file} "$DATABASE_URL"`);
  say(filesReminder());
});
