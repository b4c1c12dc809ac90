import { Prisma } from "../../generated/prisma/client";
import { AppError } from "../../errors";
import { sqlOn, type Queryable } from "../db";

export async function versionConflict(tx: Queryable, id: string): Promise<AppError> {
  const [current] = await sqlOn(tx).query<{ version: number }>(Prisma.sql`SELECT "version" FROM "Opportunity" WHERE "id" = ${id}`);
  return new AppError("VERSION_CONFLICT", "Someone else changed this opportunity since you loaded it. Reload and try again.", {
    currentVersion: current?.version ?? null,
  });
}

/** Refuses a write based on a stale read before any rule is evaluated on that read. */
export async function assertVersion(tx: Queryable, row: { id: string; version: number }, expected: number): Promise<void> {
  if (row.version !== expected) throw await versionConflict(tx, row.id);
}

/** Columns a use case may set, with the cast their enum type needs. */
const COLUMNS = {
  name: null, accountName: null, amountCents: null, currency: null, closeDate: null, closeDatePushes: null,
  closeDateSlipDays: null, type: "OpportunityType", years: null, users: null, ownerId: null, stageKey: null,
  stageEnteredAt: null, status: "OpportunityStatus", nextStep: null, nextStepDue: null, discountPercent: null,
  paymentTermsDays: null, termMonths: null, nonStandardTerms: null, buyingProcess: null, decisionCriteria: null,
  whyWon: null, lostReasonCategory: null, lostExplanation: null, lostCompetitor: null, lostMissingFunctionality: null,
  disqualifiedReason: null, closedAt: null, overriddenAt: null, updatedAt: null,
} satisfies Record<string, string | null>;

export type OpportunityChanges = Partial<Record<keyof typeof COLUMNS, string | number | bigint | Date | null>>;

/**
 * Writes the change only if the deal is still at the version the caller read. The condition is in
 * the UPDATE itself, so two concurrent writers cannot both pass: the second matches no row. One
 * statement, written in SQL because it is on the path of every write (docs/performance.md).
 */
export async function updateVersioned(tx: Queryable, id: string, version: number, changes: OpportunityChanges): Promise<void> {
  const count = await sqlOn(tx).execute(versionedUpdate(id, version, changes));
  if (count === 0) throw await versionConflict(tx, id);
}

/** The statement (exported for the benchmark). */
export function versionedUpdate(id: string, version: number, changes: OpportunityChanges): Prisma.Sql {
  const sets = Object.entries(changes)
    .filter(([, value]) => value !== undefined)
    .map(([column, value]) => {
      if (!(column in COLUMNS)) throw new Error(`Not a writable opportunity column: ${column}`);
      const cast = COLUMNS[column as keyof typeof COLUMNS];
      const target = Prisma.raw(`"${column}"`);
      return cast ? Prisma.sql`${target} = CAST(${value} AS ${Prisma.raw(`"${cast}"`)})` : Prisma.sql`${target} = ${value}`;
    });
  // Timestamps are UTC wall-clock values (as Prisma writes them), never the server's local time.
  if (!("updatedAt" in changes)) sets.push(Prisma.sql`"updatedAt" = ${new Date()}`);
  sets.push(Prisma.sql`"version" = "version" + 1`);
  return Prisma.sql`UPDATE "Opportunity" SET ${Prisma.join(sets, ", ")} WHERE "id" = ${id} AND "version" = ${version}`;
}
