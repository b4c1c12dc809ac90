// Text PostgreSQL cannot store faithfully is refused at every boundary with a 400 naming the field:
// a NUL character is refused by the database, and a lone UTF-16 surrogate (JSON allows "\ud800") is
// silently turned into U+FFFD in a text column by either driver, and refused in a JSON column (the
// history's details), which gave a 500.

import { unstorableReason } from "../domain/text";

export type TextProblem = { path: string[]; message: string };

const MAX_PROBLEMS = 20;
const problemOf = unstorableReason;

/** Where a value sits: its key and its parent's place, so a path is only built for a problem. */
type Place = { key: string; parent: Place | null } | null;

function pathOf(place: Place): string[] {
  const path: string[] = [];
  for (let p = place; p; p = p.parent) path.push(p.key);
  return path.reverse();
}

/**
 * The strings in `value` (keys included) that cannot be stored, with their paths, in the input's
 * order. A loop over an explicit stack, not recursion: the input's depth is the client's choice,
 * and server action arguments may even be cyclic.
 */
export function unstorableText(value: unknown): TextProblem[] {
  const problems: TextProblem[] = [];
  const seen = new Set<object>();
  const stack: { value: unknown; place: Place }[] = [{ value, place: null }];
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const { value: v, place } = stack.pop()!;
    if (typeof v === "string") {
      const message = problemOf(v);
      if (message) problems.push({ path: pathOf(place), message });
    } else if (v && typeof v === "object" && !seen.has(v)) {
      seen.add(v);
      const keyProblem = Object.keys(v).map(problemOf).find(Boolean);
      if (keyProblem) problems.push({ path: pathOf(place), message: `has a key that ${keyProblem}` });
      // Pushed in reverse so that they are visited in order.
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1], place: { key: entries[i]![0], parent: place } });
    }
  }
  return problems;
}
