// Turns the API's error details into the words shown next to a field. The rules stay in zod and
// the use cases; this only rephrases zod's generic messages for people.
import type { ActionError } from "@/src/http/action-result";

type Problem = { field: string; message: string };

export function problemsOf(error: ActionError | null | undefined): Problem[] {
  const fields = (error?.details as { fields?: unknown } | undefined)?.fields;
  return Array.isArray(fields) ? (fields as Problem[]) : [];
}

const PATTERNS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^Too big: expected number to be <=?(\S+)/, (m) => `Must be ${Number(m[1]).toLocaleString("en-US")} or less`],
  [/^Too small: expected number to be >=?(\S+)/, (m) => `Must be ${Number(m[1]).toLocaleString("en-US")} or more`],
  [/^Too big: expected string to have <=?(\d+)/, (m) => `At most ${Number(m[1]).toLocaleString("en-US")} characters`],
  [/^Too small: expected string to have >=?1 /, () => "Required"],
  [/expected int,/, () => "Enter a whole number"],
  [/expected number, received/, () => "Enter a number"],
  [/^Invalid option/, () => "Choose one of the options"],
];

export function humanize(message: string): string {
  for (const [pattern, say] of PATTERNS) {
    const m = pattern.exec(message);
    if (m) return say(m);
  }
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** The message for the first of `fields` that has a problem, in people's words. */
export function problemFor(error: ActionError | null | undefined, ...fields: string[]): string | undefined {
  const found = problemsOf(error).find((p) => fields.includes(p.field));
  return found ? humanize(found.message) : undefined;
}

/** An error that no field claims: shown once, above the form or beside the button. */
export function generalMessage(error: ActionError | null | undefined, claimed: string[]): string | undefined {
  if (!error) return undefined;
  const others = problemsOf(error).filter((p) => !claimed.includes(p.field));
  if (error.code === "VALIDATION_FAILED" && problemsOf(error).length > 0 && others.length === 0) return undefined;
  return others.length ? others.map((p) => `${p.field}: ${humanize(p.message)}`).join("; ") : error.message;
}

/** Reads a number input: blank is null (for optional numbers), anything else a number or the raw text for zod to refuse. */
export function numberOrNull(raw: string): number | string | null {
  const t = raw.trim();
  if (t === "") return null;
  const n = Number(t.replace(/,/g, ""));
  return Number.isFinite(n) ? n : t;
}

/** An error in one sentence, for a control that shows it whole: the message, and each field refused. */
export function describeError(error: ActionError): string {
  const problems = problemsOf(error);
  if (!problems.length) return error.message;
  return `${error.message} ${problems.map((p) => `${p.field.replace(/^.*\./, "")}: ${humanize(p.message).toLowerCase()}`).join("; ")}.`;
}
