// The production build that `npm start` and `npm run screenshots` serve: made again when any source
// is newer than it, so neither ever serves stale pages.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const SOURCES = ["app", "src", "prisma", "instrumentation.ts", "next.config.mjs", "package-lock.json"];

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".") || entry.name === "generated") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** True when there is no build in `root`/.next or a source changed after it was made. */
function isBuildStale(root) {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const sources = SOURCES.map((p) => path.join(root, p))
    .filter((p) => fs.existsSync(p))
    .map((p) => (fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs));
  return fs.statSync(buildId).mtimeMs < Math.max(...sources);
}

function run(args, root, env) {
  const result = spawnSync("npx", args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) throw new Error(`npx ${args.join(" ")} failed (exit ${result.signal ?? result.status})`);
}

/** Generates the Prisma client when missing and builds when stale; throws when either fails. */
export function ensureBuild(root, env = process.env) {
  if (!fs.existsSync(path.join(root, "src/generated/prisma/client.ts"))) run(["prisma", "generate"], root, env);
  if (isBuildStale(root)) {
    console.log("[stageline] Building…");
    run(["next", "build"], root, env);
  }
}
