// `npm run backup [-- file]`: a consistent backup of the embedded database, from the running app when
// one holds the folder, else from the folder itself (docs/deployment.md, "Backups of the embedded database").
import { databaseConfig } from "../src/server/db";
import { parseArguments, filesReminder, runCommand, say, sizeOf, timestamp, writeOutput } from "../src/server/ops/backup/run-command";
import { embeddedFolder, takeBackup } from "../src/server/ops/backup/take-backup";

await runCommand(async () => {
  const { positional } = parseArguments(process.argv.slice(2), []);
  const dir = embeddedFolder(databaseConfig());
  const backup = await takeBackup(dir);
  const file = writeOutput(positional[0] ?? `stageline-backup-${timestamp(new Date())}.tar.gz`, backup.bytes);
  say(`Backup of ${dir} (taken by the ${backup.from}) written to ${file} (${sizeOf(backup.bytes)}).`);
  say(filesReminder());
});
