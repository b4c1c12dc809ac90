// Text with a NUL character cannot be stored by PostgreSQL: every boundary refuses it with a 400.

/** The path of the first string holding a NUL character: PostgreSQL cannot store one in text. */
export function nulPath(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const found = nulPath(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}
