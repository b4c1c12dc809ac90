// What the demo loader creates, computed without a database (plan-demo-data.ts) so it can be
// checked and compared; seed-demo.ts writes it. People are named by email, deals by their name.
import type { ApproverGroup } from "../../domain/deal-desk/rules";
import type { ChangedTerm, DealTerms } from "../../domain/deal-desk/terms";
import type { FileKind } from "../../domain/process/types";
import type { ContactRole, HistoryType, OpportunityStatus, OpportunityType, Prisma } from "../../generated/prisma/client";

export type PlannedContact = { name: string; email: string; title: string; role: ContactRole; addedAt: Date };

/** Attested by the deal's owner. */
export type PlannedAttestation = { stageKey: string; criterionKey: string; attestedAt: Date; note: string };

/**
 * A document that meets a `document` exit criterion, uploaded by the deal's owner. Its bytes are made
 * at load (demo-pdf.ts): a one-page PDF whose text is `lines`.
 */
export type PlannedFile = {
  /** Unique in the plan: the loader keys the file's id by it. */
  ref: string;
  kind: FileKind;
  originalName: string;
  /** The name it is listed and downloaded under: a signed contract's follows the naming convention. */
  storedName: string;
  uploadedAt: Date;
  lines: string[];
};

/** Changed by the deal's owner. */
export type PlannedCloseDateChange = { oldDate: Date; newDate: Date; slipDays: number; reason: string; changedAt: Date };

/** Owned by the deal's owner, or by a named person on the buyer's side. */
export type PlannedPlanStep = {
  title: string;
  ownerName: string | null;
  dueDate: Date;
  doneAt: Date | null;
  createdAt: Date;
};

export type PlannedHistory = {
  type: HistoryType;
  at: Date;
  actorEmail: string;
  fromStage?: string;
  toStage?: string;
  secondsInStage?: number;
  details: Prisma.InputJsonObject;
  /** Detail fields that name an approval request, by the request's `ref`: the loader writes its id there. */
  requestRefs?: Record<string, string>;
  /** Detail fields that name a re-engagement play, by the play's `ref`. */
  playRefs?: Record<string, string>;
  /** Detail fields that name a file, by the file's `ref`. */
  fileRefs?: Record<string, string>;
};

/** A decision on a request, by a demo user; a carried one names the request it was first given on. */
export type PlannedDecision = {
  group: ApproverGroup;
  deciderEmail: string;
  decision: "approve" | "reject" | "request_changes";
  comment: string;
  decidedAt: Date;
  carriedFromRef: string | null;
};

/** An approval request as submitting it would have stored it, and what became of it since. */
export type PlannedApprovalRequest = {
  /** Unique in the plan: the loader keys the request's id by it. */
  ref: string;
  requestedByEmail: string;
  justification: string;
  status: "pending" | "approved" | "rejected" | "changes_requested" | "withdrawn" | "stale";
  requiredGroups: ApproverGroup[];
  /** The rules that fired, as a submission records them. */
  reasons: { key: string; label: string; version: number | null; value: number | string; groups: ApproverGroup[] }[];
  termsSnapshot: DealTerms;
  targetHours: number;
  createdAt: Date;
  decidedAt: Date | null;
  staleAt: Date | null;
  changedTerms: ChangedTerm[] | null;
  withdrawnAt: Date | null;
  previousRef: string | null;
  /** In the order they were made. */
  decisions: PlannedDecision[];
};

/** An outgoing message of the demo's past, stored as the outbox left it. */
export type PlannedMessage = {
  channel: "slack" | "email";
  /** Stored as JSON, as enqueueMessage stores it. */
  payload: Record<string, unknown>;
  status: "delivered" | "failed";
  createdAt: Date;
  deliveredAt: Date | null;
  attempts: number;
  lastError: string | null;
};

/** A Closed Won checklist item; done by the owner when `doneAt` is set. */
export type PlannedChecklistItem = {
  kind: "signed_contract" | "why_won" | "slack_post" | "welcome_email" | "handoff_meeting";
  doneAt: Date | null;
  doneByEmail: string | null;
  details: Prisma.InputJsonObject;
  messages: PlannedMessage[];
};

/** A re-engagement play on a lost deal, started by its owner; touches by position. */
export type PlannedPlay = {
  ref: string;
  kind: "raise_the_dead" | "missed_connections";
  status: "active" | "ended";
  endedAs: "buyer_answered" | "closed" | "last_touch" | "reopened" | null;
  endedAt: Date | null;
  note: string;
  createdAt: Date;
  touches: { position: number; dueOn: string; message: string; remindedAt: Date | null; doneAt: Date | null }[];
};

export type PlannedDeal = {
  name: string;
  accountName: string;
  amountCents: bigint;
  type: OpportunityType;
  years: number;
  users: number;
  ownerEmail: string;
  stageKey: string;
  stageEnteredAt: Date;
  status: OpportunityStatus;
  createdAt: Date;
  closedAt: Date | null;
  closeDate: Date;
  originalCloseDate: Date;
  closeDatePushes: number;
  closeDateSlipDays: number;
  nextStep: string;
  nextStepDue: Date | null;
  discountPercent: number;
  paymentTermsDays: number;
  termMonths: number;
  nonStandardTerms: string;
  buyingProcess: string;
  decisionCriteria: string;
  /** Answers to the qualification questions of the stages it has been in, by question key. */
  qualificationAnswers: Record<string, string | number | boolean>;
  whyWon: string;
  lost: { reasonCategory: string; explanation: string; competitor: string; missingFunctionality: string } | null;
  disqualifiedReason: string | null;
  overriddenAt: Date | null;
  version: number;
  contacts: PlannedContact[];
  attestations: PlannedAttestation[];
  /** Oldest first. */
  files: PlannedFile[];
  closeDateChanges: PlannedCloseDateChange[];
  planSteps: PlannedPlanStep[];
  /** Oldest first; the last is the deal's latest. */
  approvalRequests: PlannedApprovalRequest[];
  /** Won deals only: the Closed Won checklist, in order. */
  checklist: PlannedChecklistItem[];
  /** Lost deals only: re-engagement plays. */
  plays: PlannedPlay[];
  /** Oldest first. */
  history: PlannedHistory[];
};

export type DemoPlan = { deals: PlannedDeal[] };
