// The draft editor's client code loads no schema: every module a "use client" file of the editor
// imports (and what those import, through the repository) is read, and none of them may import zod
// or a module that does (src/domain/process/types.ts, draft.ts, src/schemas). Type-only imports are
// erased by the compiler and do not count, nor do the server actions' modules ("use server"), of
// which the client gets only references.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

const root = path.resolve(__dirname, "../../..");
const editor = path.join(root, "app/admin/processes/[key]/draft");

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith(".") && !spec.startsWith("@/")) return null;
  const base = spec.startsWith("@/") ? path.join(root, spec.slice(2)) : path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")])
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  throw new Error(`${from}: cannot resolve ${spec}`);
}

/** The modules a file loads at run time: its imports and re-exports that are not `import type`. */
function runtimeImports(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const specs = [...text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1]!);
  return specs;
}

function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    // A server action module: the client gets a reference to each action, never the module.
    const specs = /^["']use server["']/.test(fs.readFileSync(file, "utf8")) ? [] : runtimeImports(file);
    seen.set(file, specs);
    for (const spec of specs) {
      const next = resolve(file, spec);
      if (next) queue.push(next);
    }
  }
  return seen;
}

const clientFiles = fs
  .readdirSync(editor)
  .map((f) => path.join(editor, f))
  .filter((f) => /^["']use client["']/.test(fs.readFileSync(f, "utf8")));

test("the editor has client files", () => {
  expect(clientFiles.map((f) => path.basename(f))).toEqual(expect.arrayContaining(["draft-editor.tsx", "stage-list.tsx", "criteria-editor.tsx"]));
});

test.each(clientFiles.map((f) => [path.basename(f), f] as const))("%s loads no zod", (_, file) => {
  const offenders = [...reachable(file)]
    .filter(([, specs]) => specs.some((s) => s === "zod" || s.startsWith("zod/")))
    .map(([f]) => path.relative(root, f));
  expect(offenders).toEqual([]);
});
