// An audit entry's before and after as the fields that changed, for people to read (the admin page)
// and for the CSV. Nested values are compared whole and shown as compact JSON.

export type FieldChange = { field: string; before: string | null; after: string | null };

const asObject = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : v === null || v === undefined ? {} : { value: v };

/** JSON with object keys sorted, so that two values read back from the database compare by content. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v !== null && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v ?? null);
}

/** A value as one line of text: strings as they are, the rest as JSON; null when absent. */
export function showValue(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}

/** The fields whose values differ between `before` and `after`, in the order they first appear. */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const a = asObject(before);
  const b = asObject(after);
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return fields
    .filter((f) => canonical(a[f]) !== canonical(b[f]))
    .map((field) => ({ field, before: showValue(a[field]), after: showValue(b[field]) }));
}
