// The deal desk's rules, its settings and a team's approval deputy, as the API and the rules page
// read and answer them (docs/rules/deal-desk.md#changing-the-rules).
import { z } from "zod";
import { thresholdProblems } from "../domain/deal-desk/rule-thresholds";
import { APPROVER_GROUPS, RuleCondition } from "../domain/deal-desk/rules";
import { Id, requiredName } from "./common";

/** A rule's key: a slug, fixed once the rule exists, since requests name the rules that fired by it. */
export const RuleKey = z
  .string()
  .trim()
  .min(2, "at least 2 characters")
  .max(60, "at most 60 characters")
  .regex(/^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$/, "lower-case letters and digits, joined by _ or -, starting with a letter")
  .meta({ example: "discount_over_40" });

/** A condition whose thresholds a deal's terms can reach (src/domain/deal-desk/rule-thresholds.ts). */
export const RuleConditionInput = RuleCondition.superRefine((condition, ctx) => {
  for (const problem of thresholdProblems(condition)) ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
}).meta({ id: "DealDeskRuleCondition", example: { term: "discount_percent", op: "gt", value: 15 } });

export const RuleGroups = z
  .array(z.enum(APPROVER_GROUPS))
  .min(1, "at least one group")
  .refine((groups) => new Set(groups).size === groups.length, "each group at most once")
  // Stored in the one order groups are listed in everywhere.
  .overwrite((groups) => APPROVER_GROUPS.filter((g) => groups.includes(g)));

const RuleLabel = requiredName(120);
const Position = z.number().int().min(0).max(10_000);

export const CreateDealDeskRuleRequest = z
  .object({
    key: RuleKey,
    label: RuleLabel,
    condition: RuleConditionInput,
    groups: RuleGroups,
    active: z.boolean().default(true),
    position: Position.optional().meta({ description: "Where the rule is listed (ascending); after every other rule when left out." }),
  })
  .strict()
  .meta({ id: "CreateDealDeskRuleRequest" });
export type CreateDealDeskRuleRequest = z.infer<typeof CreateDealDeskRuleRequest>;

export const UpdateDealDeskRuleRequest = z
  .object({
    version: z.number().int().positive().meta({ description: "The rule's version as read: a stale one is refused with 409 VERSION_CONFLICT." }),
    label: RuleLabel.optional(),
    condition: RuleConditionInput.optional(),
    groups: RuleGroups.optional(),
    active: z.boolean().optional().meta({ description: "false switches the rule off: it fires for no deal until switched on again." }),
    position: Position.optional(),
  })
  .strict()
  .meta({ id: "UpdateDealDeskRuleRequest" });
export type UpdateDealDeskRuleRequest = z.infer<typeof UpdateDealDeskRuleRequest>;

export const DealDeskRuleParams = z.object({ id: Id });

const Author = z.object({ id: z.string(), name: z.string() }).nullable();

export const DealDeskRuleResponse = z
  .object({
    id: z.string(),
    key: z.string(),
    label: z.string(),
    condition: RuleCondition,
    groups: z.array(z.enum(APPROVER_GROUPS)),
    active: z.boolean(),
    position: z.number().int(),
    version: z.number().int(),
    updatedAt: z.string(),
    updatedBy: Author.meta({ description: "Who saved the current version; null for the defaults written at start." }),
  })
  .meta({ id: "DealDeskRule" });
export type DealDeskRuleResponse = z.infer<typeof DealDeskRuleResponse>;

export const DealDeskRuleList = z.object({ items: z.array(DealDeskRuleResponse) }).meta({ id: "DealDeskRuleList" });

export const DealDeskRuleVersionResponse = z
  .object({
    version: z.number().int(),
    label: z.string(),
    condition: RuleCondition,
    groups: z.array(z.enum(APPROVER_GROUPS)),
    active: z.boolean(),
    position: z.number().int(),
    createdAt: z.string(),
    createdBy: Author,
  })
  .meta({ id: "DealDeskRuleVersion" });
export type DealDeskRuleVersionResponse = z.infer<typeof DealDeskRuleVersionResponse>;

export const DealDeskRuleVersionList = z.object({ items: z.array(DealDeskRuleVersionResponse) }).meta({ id: "DealDeskRuleVersionList" });

export const TurnaroundHoursInput = z
  .number({ error: "a whole number of business hours" })
  .int("a whole number of business hours")
  .min(1, "at least 1 business hour")
  .max(240, "at most 240 business hours");

export const DealDeskSettingsRequest = z
  .object({
    turnaroundHours: TurnaroundHoursInput.meta({ description: "Target turnaround of a request, in business hours (Monday to Friday, UTC)." }),
  })
  .strict()
  .meta({ id: "DealDeskSettingsRequest" });
export type DealDeskSettingsRequest = z.infer<typeof DealDeskSettingsRequest>;

export const DealDeskSettingsResponse = z.object({ turnaroundHours: z.number().int() }).meta({ id: "DealDeskSettings" });

export const TeamParams = z.object({ id: Id });

export const ApprovalDeputyRequest = z
  .object({
    userId: Id.nullable().meta({ description: "An active manager who does not manage this team; null clears the deputy." }),
  })
  .strict()
  .meta({ id: "ApprovalDeputyRequest" });
export type ApprovalDeputyRequest = z.infer<typeof ApprovalDeputyRequest>;
