// Runs clients side by side for a fixed time, each doing one move after another (closed loop: a
// client sends its next move when the previous one answered), and measures what they achieved.
import { takeDeal, type Client, type DealState } from "./workload";
import type { MoveOutcome } from "./api-move";

export type Move = (client: Client, deal: DealState) => Promise<MoveOutcome>;

/** cpuMs: this process's CPU time (for PGlite that includes the database itself; a server's is not). */
export type RunResult = { moves: number; conflicts: number; seconds: number; cpuMs: number; latenciesMs: number[] };

export async function runClients(clients: Client[], move: Move, seconds: number): Promise<RunResult> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const latenciesMs: number[] = [];
  let conflicts = 0;
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const outcome = await move(client, takeDeal(client));
        latenciesMs.push(performance.now() - t0);
        if (outcome === "conflict") conflicts++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  return { moves: latenciesMs.length - conflicts, conflicts, seconds: elapsed, cpuMs: (user + system) / 1000, latenciesMs };
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))]!;
}

/** Several runs of one cell (rounds) summed into one figure. */
export function summarize(runs: RunResult[]) {
  const moves = runs.reduce((n, r) => n + r.moves, 0);
  const seconds = runs.reduce((n, r) => n + r.seconds, 0);
  const sorted = runs.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  return {
    moves,
    conflicts: runs.reduce((n, r) => n + r.conflicts, 0),
    seconds: round(seconds, 2),
    movesPerSecond: round(moves / seconds, 1),
    p50Ms: round(percentile(sorted, 50), 2),
    p95Ms: round(percentile(sorted, 95), 2),
    cpuMsPerMove: round(runs.reduce((n, r) => n + r.cpuMs, 0) / sorted.length, 2),
    perRound: runs.map((r) => round(r.moves / r.seconds, 1)),
  };
}

function round(x: number, digits: number): number {
  return Math.round(x * 10 ** digits) / 10 ** digits;
}
