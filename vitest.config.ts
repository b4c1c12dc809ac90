// Three projects over one suite: pure domain tests, and the server/API tests twice, on PGlite and on a
// PostgreSQL 15 server, because production may run either (src/server/db.ts).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const databaseTests = ["tests/server/**/*.test.ts", "tests/api/**/*.test.ts"];

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    // Separate processes, a fresh module graph per file: every file opens its own database through
    // the process-wide `database()` and closes it in afterAll (tests/setup/database.ts).
    pool: "forks",
    isolate: true,
    // The machines have 2 cores, and a PGlite start alone costs ~4 s of CPU: more workers only queue.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/domain/**/*.test.ts", "tests/auth/**/*.test.ts", "tests/http/**/*.test.ts", "tests/bench/**/*.test.ts"],
          env: { LOG_LEVEL: "silent" },
        },
      },
      {
        extends: true,
        test: {
          name: "pglite",
          include: databaseTests,
          globalSetup: ["tests/setup/pglite-global.ts"],
          setupFiles: ["tests/setup/database.ts"],
          // An empty DATABASE_URL selects PGlite even when the shell exports one. The app's log is
          // silent (tests that read it capture it: src/server/ops/log.ts).
          env: { PGLITE_DIR: "memory://", DATABASE_URL: "", PASSWORD_HASH_COST: "10", LOG_LEVEL: "silent" },
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: databaseTests,
          globalSetup: ["tests/setup/postgres-global.ts"],
          setupFiles: ["tests/setup/database.ts"],
          // DATABASE_URL is set per file by the setup; PGLITE_DIR only guards against a file that
          // opens the database before it: it then gets a throwaway memory database, never ./data.
          env: { PGLITE_DIR: "memory://", DATABASE_URL: "", PASSWORD_HASH_COST: "10", LOG_LEVEL: "silent" },
        },
      },
    ],
  },
});
