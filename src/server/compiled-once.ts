// A statement whose SQL text depends only on its shape, never on its values, is built and compiled
// by Kysely once per process, then sent with each call's values. The hottest reads (the caller's
// token, the deal row) run on every request: building their syntax tree each time costs more CPU
// than the rest of the request (docs/performance.md).
import type { CompiledQuery, Compilable } from "kysely";

const SLOT = "\u0000slot:";

/**
 * `build` receives a placeholder per value name and must use each as one parameter (an array goes
 * as one parameter too: write `= ANY(${ids})`, not `IN (…)`, so the text never depends on its length).
 */
export function compiledOnce<K extends string, R>(names: readonly K[], build: (values: Record<K, never>) => Compilable<R>) {
  let compiled: CompiledQuery<R> | undefined;
  return (values: Record<K, unknown>): CompiledQuery<R> => {
    compiled ??= build(Object.fromEntries(names.map((n) => [n, `${SLOT}${n}`])) as Record<K, never>).compile();
    const parameters = compiled.parameters.map((p) => {
      if (typeof p !== "string" || !p.startsWith(SLOT)) return p;
      const name = p.slice(SLOT.length) as K;
      if (!(name in values)) throw new Error(`No value for ${name}`);
      return values[name];
    });
    // The compiled statement with this call's values (its syntax tree and id are reused as they are).
    return { ...compiled, parameters };
  };
}

/**
 * compiledOnce for a family of statements whose text depends on a small shape (which columns are
 * set, how many rows are inserted): one compiled statement per shape, up to `limit` shapes, past
 * which a statement is built each time.
 */
export function compiledPerShape<S, R>(
  limit: number,
  compile: (shape: S) => (values: Record<string, unknown>) => CompiledQuery<R>,
  keyOf: (shape: S) => string,
) {
  const byShape = new Map<string, (values: Record<string, unknown>) => CompiledQuery<R>>();
  return (shape: S, values: Record<string, unknown>): CompiledQuery<R> => {
    const key = keyOf(shape);
    let statement = byShape.get(key);
    if (!statement) {
      statement = compile(shape);
      if (byShape.size < limit) byShape.set(key, statement);
    }
    return statement(values);
  };
}
