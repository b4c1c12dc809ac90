// Where a move's time goes: CPU-profiles N moves (after a warm-up) and prints the time by package.
//   npx tsx bench/profile-move.ts                      PGlite in memory, API moves
//   KIND=raw N=200 DATABASE_URL=postgres://… npx tsx bench/profile-move.ts
// The profile is written to $TMPDIR/stageline-move-<kind>.cpuprofile (open it in Chrome DevTools).
import fs from "node:fs";
import inspector from "node:inspector/promises";
import os from "node:os";
import path from "node:path";
import { closeDatabase, database } from "@/src/server/db";
import { migrate } from "@/src/server/migrate";
import { moveThroughApi } from "./api-move";
import { moveWithRawSql } from "./raw-move";
import { prepareClients, refreshClients, takeDeal } from "./workload";

type Node = { id: number; callFrame: { url: string }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const packageOf = (url: string) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1];

/** Self time by package (node_modules name; WebAssembly counts for the package that called it). */
function timeByPackage(profile: Profile): [string, number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map(profile.nodes.flatMap((n) => (n.children ?? []).map((c) => [c, n.id] as const)));
  const label = (id: number): string => {
    const url = byId.get(id)!.callFrame.url;
    if (url.startsWith("wasm")) {
      for (let p = parent.get(id); p !== undefined; p = parent.get(p)) {
        const pkg = packageOf(byId.get(p)!.callFrame.url);
        if (pkg) return `${pkg} (WebAssembly)`;
      }
    }
    return packageOf(url) ?? (url ? (url.split("/work/main/")[1] ?? url) : "(native, idle, gc)");
  };
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    totals.set(label(id), (totals.get(label(id)) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

process.env.PGLITE_DIR ??= "memory://"; // never the app's own ./data folder
const kind = process.env.KIND === "raw" ? "raw" : "api";
const move = kind === "raw" ? moveWithRawSql : moveThroughApi;
const count = Number(process.env.N ?? 100);

const databaseKind = database().config.kind;
await migrate(database());
const clients = await prepareClients(1, 5);
await refreshClients(clients);
const client = clients[0]!;
for (let i = 0; i < 30; i++) await move(client, takeDeal(client));

const session = new inspector.Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.start");
const started = performance.now();
for (let i = 0; i < count; i++) await move(client, takeDeal(client));
const perMove = (performance.now() - started) / count;
const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: Profile };
await closeDatabase();

const file = path.join(os.tmpdir(), `stageline-move-${kind}.cpuprofile`);
fs.writeFileSync(file, JSON.stringify(profile));
console.log(`${kind} on ${databaseKind}: ${perMove.toFixed(1)} ms per move (${count} moves)`);
for (const [key, ms] of timeByPackage(profile).slice(0, 12)) console.log(`${(ms / count).toFixed(2).padStart(8)} ms/move  ${key}`);
console.log(`profile: ${file}`);
