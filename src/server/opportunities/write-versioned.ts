import type { Updateable } from "kysely";
import { AppError } from "../../errors";
import type { Opportunity } from "../../generated/kysely/types";
import { compiledOnce, compiledPerShape } from "../compiled-once";
import { database, type Sql } from "../db";

const versionConflict = (currentVersion: number | null) =>
  new AppError("VERSION_CONFLICT", "Someone else changed this opportunity since you loaded it. Reload and try again.", { currentVersion });

/** Refuses a write based on a stale read before any rule is evaluated on that read. */
export function assertVersion(row: { version: number }, expected: number): void {
  if (row.version !== expected) throw versionConflict(row.version);
}

/** Columns a change may set: the id, the process version and the version itself are the pipeline's. */
/** A deal's columns a change may set; `processVersionId` only when an admin moves open deals onto their process's latest version. */
export type OpportunityChanges = Omit<Updateable<Opportunity>, "id" | "version" | "createdAt">;

/** The statement (exported for the benchmark). */
export const versionedUpdate = (q: Sql, id: string, version: number, changes: OpportunityChanges, now: Date) =>
  q
    .updateTable("Opportunity")
    // Timestamps are UTC wall-clock values (as Prisma writes them), never the server's local time.
    .set({ updatedAt: now, ...changes })
    .set((eb) => ({ version: eb("version", "+", 1) }))
    .where("id", "=", id)
    .where("version", "=", version);

// One compiled statement per set of columns changed (a move always sets the same few).
const updateStatement = compiledPerShape(
  64,
  (columns: (keyof OpportunityChanges)[]) =>
    compiledOnce(["id", "version", "now", ...columns], (v) =>
      versionedUpdate(database().sql, v.id, v.version, Object.fromEntries(columns.map((c) => [c, v[c]])), v.now),
    ),
  (columns) => columns.join(","),
);

/**
 * Writes the change only if the deal is still at the version the caller read. The condition is in
 * the UPDATE itself, so two concurrent writers cannot both pass: the second matches no row.
 */
export async function updateVersioned(q: Sql, id: string, version: number, changes: OpportunityChanges, now = new Date()): Promise<void> {
  const columns = (Object.keys(changes) as (keyof OpportunityChanges)[]).filter((c) => changes[c] !== undefined).sort();
  const { numAffectedRows } = await q.executeQuery(updateStatement(columns, { ...changes, id, version, now }));
  if (numAffectedRows === 0n) {
    const current = await q.selectFrom("Opportunity").select("version").where("id", "=", id).executeTakeFirst();
    throw versionConflict(current?.version ?? null);
  }
}
