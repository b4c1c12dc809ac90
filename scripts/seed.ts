// `npm run db:seed`: prepares the database as the app does at start, then loads the demo data if
// the database has no user yet. Never touches a database that already has users.
import { prepareDatabase } from "../src/server/boot/prepare-database";
import { openDatabase } from "../src/server/db";

const database = openDatabase();
try {
  const log = (line: string) => console.log(`[stageline] ${line}`);
  const { seeded } = await prepareDatabase(database, { demoData: true, log });
  if (!seeded) log("The database already has users: demo data not loaded.");
} finally {
  await database.close(); // an open PGlite keeps the process alive
}
