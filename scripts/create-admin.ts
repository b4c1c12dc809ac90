// `npm run create-admin -- --email you@example.com [--name "Your Name"]`: makes an admin on the
// database the app uses (DATABASE_URL, or the embedded one), migrating it first, and prints a
// generated password once. For a server without demo data, where nothing else can make the first admin.
import { parseArgs } from "node:util";
import { prepareDatabase } from "../src/server/boot/prepare-database";
import { openDatabase } from "../src/server/db";
import { createFirstAdmin } from "../src/server/users/create-first-admin";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
if (!values.email) {
  console.error('usage: npm run create-admin -- --email you@example.com [--name "Your Name"]');
  process.exit(2);
}

const database = openDatabase();
try {
  await prepareDatabase(database, { demoData: false });
  const { password } = await createFirstAdmin(database, { email: values.email, name: values.name ?? "Administrator" });
  console.log(`Admin ${values.email.trim().toLowerCase()} created. Password (shown once; sign in and keep it safe):\n\n  ${password}\n`);
} catch (error) {
  console.error(`Could not create the admin: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await database.close(); // an open PGlite keeps the process alive
}
