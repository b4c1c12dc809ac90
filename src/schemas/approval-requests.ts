import { z } from "zod";
import { APPROVER_GROUPS } from "../domain/deal-desk/rules";
import { TERM_KEYS } from "../domain/deal-desk/terms";
import { Id, PageQuery, text } from "./common";

export const APPROVAL_REQUEST_STATUSES = ["pending", "approved", "rejected", "changes_requested", "withdrawn", "stale"] as const;
export type ApprovalRequestStatus = (typeof APPROVAL_REQUEST_STATUSES)[number];
export const DECISIONS = ["approve", "reject", "request_changes"] as const;

export const ApproverGroupName = z.enum(APPROVER_GROUPS);

export const SubmitApprovalRequest = z
  .object({ justification: z.string().trim().min(1, "required").max(2000) })
  .strict()
  .meta({ id: "SubmitApprovalRequest" });
export type SubmitApprovalRequest = z.infer<typeof SubmitApprovalRequest>;

export const DecideApprovalRequest = z
  .object({
    decision: z.enum(DECISIONS),
    /** Required to reject or to request changes: the rep must know what to change. */
    comment: text(2000).default(""),
    /** Which of the caller's groups decides, when the caller may decide for several. */
    group: ApproverGroupName.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.decision !== "approve" && value.comment === "")
      ctx.addIssue({ code: "custom", path: ["comment"], message: "required to reject or request changes" });
  })
  .meta({ id: "DecideApprovalRequest" });
export type DecideApprovalRequest = z.input<typeof DecideApprovalRequest>;

export const ListApprovalRequestsQuery = z.object({
  status: z.enum(APPROVAL_REQUEST_STATUSES).optional(),
  group: ApproverGroupName.optional(),
  ...PageQuery,
});
export type ListApprovalRequestsQuery = z.infer<typeof ListApprovalRequestsQuery>;

export const ApprovalRequestParams = z.object({ id: Id });

const Person = z.object({ id: z.string(), name: z.string() });
const TermValue = z.union([z.number(), z.string()]).nullable();

export const ApprovalRequestResponse = z
  .object({
    id: z.string(),
    opportunity: z.object({
      id: z.string(),
      name: z.string(),
      accountName: z.string(),
      ownerId: z.string(),
      ownerName: z.string(),
      amount: z.number(),
      currency: z.string(),
    }),
    status: z.enum(APPROVAL_REQUEST_STATUSES),
    requiredGroups: z.array(ApproverGroupName),
    /** The rules that fired when it was submitted, with their versions and the values that fired them. */
    reasons: z.array(
      z.object({ key: z.string(), label: z.string(), version: z.number().int().nullable(), value: TermValue, groups: z.array(ApproverGroupName) }),
    ),
    /** The terms it covers, as submitted; null when the stored snapshot cannot be read. */
    terms: z
      .object({
        amount: z.number(),
        currency: z.string().nullable(),
        discountPercent: z.number(),
        paymentTermsDays: z.number(),
        termMonths: z.number(),
        nonStandardTerms: z.string(),
      })
      .nullable(),
    justification: z.string(),
    requestedBy: Person,
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    targetHours: z.number().int(),
    /** When the target turnaround (business hours) runs out. */
    dueAt: z.string(),
    /** Still pending past dueAt, or decided after it. */
    late: z.boolean(),
    staleAt: z.string().nullable(),
    /** For a stale request, the terms that changed from what to what. */
    changedTerms: z.array(z.object({ term: z.enum(TERM_KEYS), from: TermValue, to: TermValue })),
    withdrawnAt: z.string().nullable(),
    previousRequestId: z.string().nullable(),
    nextRequestId: z.string().nullable(),
    decisions: z.array(
      z.object({
        group: ApproverGroupName,
        decision: z.enum(DECISIONS),
        comment: z.string(),
        decider: Person,
        decidedAt: z.string(),
        /** Set when the approval was carried over from an earlier request whose group's terms did not change. */
        carriedFromRequestId: z.string().nullable(),
      }),
    ),
    /** Required groups with no decision yet (none once the request is no longer pending). */
    pendingGroups: z.array(ApproverGroupName),
    /** The pending groups the caller may decide for. */
    youMayDecide: z.array(ApproverGroupName),
    youMayWithdraw: z.boolean(),
  })
  .meta({ id: "ApprovalRequest" });
export type ApprovalRequestResponse = z.infer<typeof ApprovalRequestResponse>;

export const ApprovalRequestList = z
  .object({ items: z.array(ApprovalRequestResponse), nextCursor: z.string().nullable() })
  .meta({ id: "ApprovalRequestList" });
export type ApprovalRequestList = z.infer<typeof ApprovalRequestList>;
