import { z } from "zod";
import { isCalendarDate } from "../domain/dates";
import { APPROVAL_STATUSES } from "../domain/criteria/deal-facts";
import { APPROVER_GROUPS } from "../domain/deal-desk/rules";
import { TERM_KEYS } from "../domain/deal-desk/terms";
import { MAX_TEXT_ANSWER } from "../domain/process/qualification-answers";
import { CONTACT_ROLES } from "../domain/process/types";
import { Currency, EvidenceUrl, Id, nameText, PageQuery, requiredName, requiredText, text } from "./common";

export const CalendarDate = z.string().refine(isCalendarDate, "a calendar date YYYY-MM-DD").meta({ example: "2026-12-31" });

/** Money in major units with at most two decimals; stored as integer cents. */
export const Amount = z.number().nonnegative().max(1e13).multipleOf(0.01, "at most 2 decimals");

/**
 * The CRM a synced deal comes from: a short lowercase name (docs/rules/sync.md).
 * With `ExternalId`, unique together: one deal per CRM record.
 */
export const ExternalSource = z
  .string()
  .max(32)
  .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, "a short lowercase name such as salesforce or hubspot")
  .meta({ example: "salesforce" });
/** The CRM's own id of the record: 1 to 255 visible ASCII characters (no spaces). */
export const ExternalId = z
  .string()
  .min(1, "required")
  .max(255)
  .regex(/^[\x21-\x7e]*$/, "visible ASCII characters only, no spaces")
  .meta({ example: "0065g00000XyZ12AAB" });

/**
 * Answers to the qualification questions of the deal's process version, by question key: a value
 * answers (text or a `YYYY-MM-DD` date: a string; yes_no: a boolean; number: a number), null clears.
 * Merged into the deal's answers (docs/rules/sales-process.md#qualification-answers).
 */
export const QualificationAnswersPatch = z
  .record(z.string().min(1).max(64), z.union([z.string().max(MAX_TEXT_ANSWER), z.number(), z.boolean(), z.null()]))
  .meta({ id: "QualificationAnswersPatch", example: { budget_allocated: true, project_deadline: "2027-03-31" } });

/** Fields a rep may set on create and change with PATCH. */
const editable = {
  name: requiredName(200),
  accountName: requiredName(200),
  amount: Amount,
  currency: Currency,
  closeDate: CalendarDate,
  type: z.enum(["new", "expansion"]),
  years: z.number().int().min(1).max(20).nullable(),
  users: z.number().int().min(0).max(10_000_000).nullable(),
  ownerId: Id,
  nextStep: text(500),
  nextStepDue: CalendarDate.nullable(),
  discountPercent: z.number().min(0).max(100).multipleOf(0.01, "at most 2 decimals"),
  paymentTermsDays: z.number().int().min(0).max(365),
  termMonths: z.number().int().min(1).max(240),
  nonStandardTerms: text(5000),
  buyingProcess: text(5000),
  decisionCriteria: text(5000),
};

export const CreateOpportunityRequest = z
  .object({
    ...editable,
    currency: editable.currency.default("USD"),
    type: editable.type.default("new"),
    years: editable.years.optional(),
    users: editable.users.optional(),
    ownerId: editable.ownerId.optional(),
    nextStep: editable.nextStep.optional(),
    nextStepDue: editable.nextStepDue.optional(),
    discountPercent: editable.discountPercent.default(0),
    paymentTermsDays: editable.paymentTermsDays.default(30),
    termMonths: editable.termMonths.default(12),
    nonStandardTerms: editable.nonStandardTerms.default(""),
    buyingProcess: editable.buyingProcess.default(""),
    decisionCriteria: editable.decisionCriteria.default(""),
    /** Answers to questions of the process version the deal will follow. */
    qualificationAnswers: QualificationAnswersPatch.optional(),
    /** The CRM record this deal mirrors: both or neither. */
    externalSource: ExternalSource.optional(),
    externalId: ExternalId.optional(),
  })
  .strict()
  .meta({ id: "CreateOpportunityRequest" });
export type CreateOpportunityRequest = z.infer<typeof CreateOpportunityRequest>;

export const UpdateOpportunityRequest = z
  .object(editable)
  .partial()
  .extend({
    version: z.number().int().positive(),
    /** Why the close date moved: required when it moves later. */
    reason: text(1000).optional(),
    /** Answers to questions of the deal's process version, whatever stage it is in. */
    qualificationAnswers: QualificationAnswersPatch.optional(),
    /** Links the deal to a CRM record, or unlinks it with null: both together. */
    externalSource: ExternalSource.nullable().optional(),
    externalId: ExternalId.nullable().optional(),
  })
  .strict()
  .meta({ id: "UpdateOpportunityRequest" });
export type UpdateOpportunityRequest = z.infer<typeof UpdateOpportunityRequest>;

const TermValue = z.union([z.number(), z.string()]).nullable();

export const ExitCriterionState = z
  .object({ key: z.string(), label: z.string(), type: z.string(), satisfied: z.boolean() })
  .meta({ id: "ExitCriterionState" });

export const ApprovalState = z
  .object({
    required: z.boolean(),
    requiredGroups: z.array(z.enum(APPROVER_GROUPS)),
    status: z.enum(APPROVAL_STATUSES),
    reasons: z.array(z.object({ key: z.string(), label: z.string() })),
    /** The deal's latest approval request, while the deal needs approval (null before the first, or for a standard deal). */
    requestId: z.string().nullable(),
    /** For a stale approval, the terms that changed since the request's snapshot, from what to what. */
    changedTerms: z.array(z.object({ term: z.enum(TERM_KEYS), from: TermValue, to: TermValue })),
  })
  .meta({ id: "ApprovalState" });

export const OpportunityResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    accountName: z.string(),
    amount: z.number(),
    currency: z.string(),
    closeDate: z.string(),
    originalCloseDate: z.string(),
    type: z.enum(["new", "expansion"]),
    years: z.number().nullable(),
    users: z.number().nullable(),
    ownerId: z.string(),
    ownerName: z.string(),
    stage: z.string(),
    stageName: z.string(),
    stageEnteredAt: z.string(),
    status: z.enum(["open", "won", "lost", "disqualified"]),
    probability: z.number(),
    version: z.number().int(),
    nextStep: z.string(),
    nextStepDue: z.string().nullable(),
    discountPercent: z.number(),
    paymentTermsDays: z.number().int(),
    termMonths: z.number().int(),
    nonStandardTerms: z.string(),
    buyingProcess: z.string(),
    decisionCriteria: z.string(),
    whyWon: z.string(),
    lost: z.object({ reasonCategory: z.string(), explanation: z.string(), competitor: z.string(), missingFunctionality: z.string() }).nullable(),
    disqualifiedReason: z.string().nullable(),
    closeDatePushes: z.number().int(),
    closeDateSlipDays: z.number().int(),
    stalled: z.boolean(),
    stallReasons: z.array(z.enum(["next_step_overdue", "too_long_in_stage"])),
    overridden: z.boolean(),
    contacts: z.array(z.object({ id: z.string(), name: z.string(), email: z.string(), title: z.string(), role: z.enum(CONTACT_ROLES) })),
    exitCriteria: z.array(ExitCriterionState),
    approval: ApprovalState,
    /** The answers to the qualification questions of its process version, by question key; an unanswered question has none. */
    qualificationAnswers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    processVersionId: z.string(),
    externalSource: z.string().nullable(),
    externalId: z.string().nullable(),
    closedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Opportunity" });
export type OpportunityResponse = z.infer<typeof OpportunityResponse>;

export const OpportunityList = z.object({ items: z.array(OpportunityResponse), nextCursor: z.string().nullable() }).meta({ id: "OpportunityList" });

export const ListOpportunitiesQuery = z.object({
  stage: z.string().max(64).optional(),
  ownerId: Id.optional(),
  status: z.enum(["open", "won", "lost", "disqualified"]).optional(),
  ...PageQuery,
});
export type ListOpportunitiesQuery = z.infer<typeof ListOpportunitiesQuery>;

export const OpportunityParams = z.object({ id: Id });
export const CriterionParams = z.object({ id: Id, key: z.string().min(1).max(64) });

export const AttestRequest = z
  .object({
    satisfied: z.boolean(),
    note: text(1000).optional(),
    evidenceUrl: EvidenceUrl.optional(),
    version: z.number().int().positive(),
  })
  .strict()
  .meta({ id: "AttestRequest" });
export type AttestRequest = z.infer<typeof AttestRequest>;

export const MoveRequest = z
  .object({
    toStage: z.string().min(1).max(64),
    version: z.number().int().positive(),
    reason: text(1000).optional(),
    lost: z
      .object({
        reasonCategory: text(100),
        explanation: text(2000),
        competitor: nameText(200),
        missingFunctionality: text(2000),
      })
      .partial()
      .optional(),
    won: z
      .object({ whyWon: text(5000) })
      .partial()
      .optional(),
    override: z
      .object({ justification: text(2000) })
      .partial()
      .optional(),
  })
  .strict()
  .meta({ id: "MoveRequest" });
export type MoveRequest = z.infer<typeof MoveRequest>;

/**
 * PUT /opportunities/by-external/{source}/{externalId}: without `version` a create (the create body's
 * required fields apply), with it an update of the fields given; `stage` moves the deal, with the
 * same exit criteria and approvals as a move (docs/rules/sync.md).
 */
export const SyncOpportunityRequest = z
  .object(editable)
  .partial()
  .extend({
    version: z.number().int().positive().optional(),
    stage: z.string().min(1).max(64).optional(),
    /** Why the close date moves later, or why the deal moves back. */
    reason: text(1000).optional(),
    lost: MoveRequest.shape.lost,
    won: MoveRequest.shape.won,
  })
  .strict()
  .meta({ id: "SyncOpportunityRequest" });
export type SyncOpportunityRequest = z.infer<typeof SyncOpportunityRequest>;

export const ExternalParams = z.object({ source: ExternalSource, externalId: ExternalId });
export type ExternalRef = z.infer<typeof ExternalParams>;

export const DisqualifyRequest = z
  .object({ reason: requiredText(1000), version: z.number().int().positive() })
  .strict()
  .meta({ id: "DisqualifyRequest" });

export const HistoryEntryResponse = z
  .object({
    id: z.string(),
    type: z.string(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    fromStage: z.string().nullable(),
    toStage: z.string().nullable(),
    secondsInStage: z.number().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "HistoryEntry" });
export const HistoryResponse = z.object({ items: z.array(HistoryEntryResponse) }).meta({ id: "History" });

export const ContactInput = z
  .object({
    name: requiredName(120),
    email: z.union([z.email("not a valid email address").max(254), z.literal("")]).default(""),
    title: text(120).default(""),
    role: z.enum(CONTACT_ROLES),
  })
  .strict();

export const ReplaceContactsRequest = z
  .object({ version: z.number().int().positive(), contacts: z.array(ContactInput).max(100) })
  .strict()
  .meta({ id: "ReplaceContactsRequest" });
export type ReplaceContactsRequest = z.infer<typeof ReplaceContactsRequest>;

export const PlanStepInput = z
  .object({
    title: requiredText(300),
    ownerUserId: Id.nullish(),
    ownerName: nameText(120).default(""),
    dueDate: CalendarDate.nullable(),
    done: z.boolean().default(false),
  })
  .strict();

export const ReplaceClosePlanRequest = z
  .object({ version: z.number().int().positive(), steps: z.array(PlanStepInput).max(50) })
  .strict()
  .meta({ id: "ReplaceClosePlanRequest" });
export type ReplaceClosePlanRequest = z.infer<typeof ReplaceClosePlanRequest>;

export const ClosePlanResponse = z
  .object({
    opportunityVersion: z.number().int(),
    closeDate: z.string(),
    steps: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        ownerUserId: z.string().nullable(),
        ownerName: z.string(),
        dueDate: z.string().nullable(),
        done: z.boolean(),
        daysBeforeDecision: z.number().nullable(),
        isAfterDecision: z.boolean(),
        isOverdue: z.boolean(),
      }),
    ),
    suggested: z.array(z.object({ title: z.string(), dueDate: z.string() })),
  })
  .meta({ id: "ClosePlan" });
export type ClosePlanResponse = z.infer<typeof ClosePlanResponse>;
