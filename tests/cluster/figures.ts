// The fault tests' figures (docs/reliability.md): printed, and written as JSON to bench/results/
// (git-ignored) so that `npm run chaos` leaves them to be copied into the document.
import fs from "node:fs";
import path from "node:path";

export function writeFigures(name: string, figures: Record<string, unknown>): void {
  const mode = process.env.CHAOS === "full" ? "full" : "reduced";
  const dir = path.resolve(import.meta.dirname, "..", "..", "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `chaos-${name}-${mode}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ name, mode, at: new Date().toISOString(), ...figures }, null, 2)}\n`);
  console.log(`[chaos] ${name} (${mode}): ${JSON.stringify(figures)}`);
}
