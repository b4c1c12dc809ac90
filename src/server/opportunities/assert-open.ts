import { AppError } from "../../errors";

/** Closed and disqualified deals are history: they change only by re-opening. */
export function assertOpen(row: { status: string }): void {
  if (row.status !== "open")
    throw new AppError(
      "TRANSITION_NOT_ALLOWED",
      `This deal is ${row.status === "disqualified" ? "disqualified" : `closed ${row.status}`}: re-open it to change it.`,
    );
}
