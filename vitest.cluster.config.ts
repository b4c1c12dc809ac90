// The local production cluster's tests (tests/cluster): a built app behind nginx and PgBouncer, started
// once per file by scripts/cluster/cluster.mjs. Not in the default projects (vitest.config.ts): they
// need `next build` first, which `npm test` runs before them (scripts/test.mjs, step "cluster").
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    include: ["tests/cluster/**/*.test.ts"],
    pool: "forks",
    // One cluster at a time: each is two app instances, PostgreSQL, PgBouncer and nginx on 2 cores.
    maxWorkers: 1,
    testTimeout: 120_000,
    // Starting a cluster builds the app when the build is stale, then boots two instances.
    hookTimeout: 600_000,
    teardownTimeout: 60_000,
  },
});
