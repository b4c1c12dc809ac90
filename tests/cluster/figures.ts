// The fault tests' figures (docs/reliability.md): printed in every run, and under `npm run chaos`
// (CHAOS=full) also written as JSON to bench/results/ (git-ignored), to be copied into the document.
import fs from "node:fs";
import path from "node:path";

export function writeFigures(name: string, figures: Record<string, unknown>): void {
  const full = process.env.CHAOS === "full";
  console.log(`[chaos] ${name} (${full ? "full" : "reduced"}): ${JSON.stringify(figures)}`);
  if (!full) return;
  const dir = path.resolve(import.meta.dirname, "..", "..", "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `chaos-${name}-full-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ name, at: new Date().toISOString(), ...figures }, null, 2)}\n`);
}
