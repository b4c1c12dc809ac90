import type { ErrorCode } from "../../errors";

/** What any change to a deal may be refused with, besides its own rules. */
export const WRITE_ERRORS: ErrorCode[] = ["FORBIDDEN", "NOT_FOUND", "VERSION_CONFLICT", "TRANSITION_NOT_ALLOWED"];
