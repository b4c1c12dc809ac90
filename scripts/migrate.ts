// `npm run db:migrate`: prepares the database without serving: applies missing migrations and
// writes the default process and deal desk rules, exactly as the app does at start. For deploying
// to a PostgreSQL server (DATABASE_URL) before the app instances start; `npm start` needs no step.
import { prepareDatabase } from "../src/server/boot/prepare-database";
import { openDatabase } from "../src/server/db";

const database = openDatabase();
try {
  await prepareDatabase(database, { demoData: false, log: (line) => console.log(`[stageline] ${line}`) });
  console.log("[stageline] The database is up to date.");
} finally {
  await database.close(); // an open PGlite keeps the process alive
}
