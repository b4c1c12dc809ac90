// The API's list cursor (docs/rules/api-conventions.md#ids-and-lists): the sort key of a page's last
// item, (createdAt, id), newest first. Stable under inserts: a row made after the first page sorts
// before the cursor and never shifts the pages after it. Every paged list reads and writes it here.
import { AppError } from "../errors";

export const encodeCursor = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");

export function decodeCursor(cursor: string): { at: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = new Date(iso ?? "");
  const year = at.getUTCFullYear();
  if (!id || !/^[A-Za-z0-9_-]{1,64}$/.test(id) || Number.isNaN(at.getTime()) || year < 1900 || year > 9999)
    throw new AppError("VALIDATION_FAILED", "The cursor is not valid.", {
      fields: [{ field: "query.cursor", message: "not a cursor from this API" }],
    });
  return { at, id };
}

/**
 * A cursor read from a page's address: itself when it is one, else nothing (the first page). A page
 * opens on an edited or outdated link rather than refusing it, as the API would.
 */
export function cursorOrFirstPage(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  try {
    decodeCursor(cursor);
    return cursor;
  } catch {
    return undefined;
  }
}

/** One page of `rows`, fetched with `limit + 1` so that a next page is known without counting. */
export function pageOf<T>(rows: T[], limit: number, key: (row: T) => { createdAt: Date; id: string }): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(key(last).createdAt, key(last).id) : null };
}
