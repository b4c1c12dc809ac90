// What the demo loader creates, computed without a database (plan-demo-data.ts) so it can be
// checked and compared; seed-demo.ts writes it. People are named by email, deals by their name.
import type { ContactRole, HistoryType, OpportunityStatus, OpportunityType, Prisma } from "../../generated/prisma/client";

export type PlannedContact = { name: string; email: string; title: string; role: ContactRole; addedAt: Date };

/** Attested by the deal's owner. */
export type PlannedAttestation = { stageKey: string; criterionKey: string; attestedAt: Date; note: string };

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
  whyWon: string;
  lost: { reasonCategory: string; explanation: string; competitor: string; missingFunctionality: string } | null;
  disqualifiedReason: string | null;
  overriddenAt: Date | null;
  version: number;
  contacts: PlannedContact[];
  attestations: PlannedAttestation[];
  closeDateChanges: PlannedCloseDateChange[];
  planSteps: PlannedPlanStep[];
  /** Oldest first. */
  history: PlannedHistory[];
};

export type DemoPlan = { deals: PlannedDeal[] };
