import type { CalendarDate } from "../dates";
import type { PlanStepOwner } from "../opportunities/close-plan";
import type { ContactRole, FileKind } from "../process/types";

export const APPROVAL_STATUSES = ["not_required", "needed", "pending", "approved", "rejected", "changes_requested", "stale"] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** Everything exit criteria can look at, gathered from the database in one place. */
export type DealFacts = {
  accountName: string;
  type: "new" | "expansion";
  amountCents: number;
  closeDate: CalendarDate;
  nextStep: string;
  nextStepDue: CalendarDate | null;
  buyingProcess: string;
  decisionCriteria: string;
  whyWon: string;
  years: number | null;
  users: number | null;
  termMonths: number;
  contactRoles: readonly ContactRole[];
  /** `stageKey:criterionKey` of each attested check criterion. */
  attested: ReadonlySet<string>;
  files: readonly { kind: FileKind; storedName: string }[];
  planSteps: readonly (PlanStepOwner & { dueDate: CalendarDate | null })[];
  approvalStatus: ApprovalStatus;
};

export const attestationKey = (stageKey: string, criterionKey: string) => `${stageKey}:${criterionKey}`;
