// The Closed Won checklist's API (docs/rules/closing.md).
import { z } from "zod";
import { CHECKLIST_KINDS, ITEM_STATES } from "../domain/closing/checklist";
import { DURATIONS_MINUTES } from "../domain/closing/handoff-invitation";
import { Email, Id, requiredName, requiredText, text } from "./common";

export const ChecklistKindName = z.enum(CHECKLIST_KINDS);

export const ChecklistItemParams = z.object({ id: Id, item: ChecklistKindName });

/** The customer success manager of the hand-off: a user of the workspace, or anyone with an address. */
const Csm = z.union([z.object({ userId: Id }).strict(), z.object({ name: requiredName(200), email: Email }).strict()]);

export const HandoffInput = z
  .object({
    csm: Csm,
    startsAt: z.iso.datetime({ offset: true, error: "a date and time, such as 2026-12-10T15:00:00Z" }),
    durationMinutes: z
      .number()
      .int()
      .refine((d) => (DURATIONS_MINUTES as readonly number[]).includes(d), `one of ${DURATIONS_MINUTES.join(", ")} minutes`)
      .default(30),
    agenda: text(2000).default(""),
  })
  .strict();

export type HandoffInput = z.infer<typeof HandoffInput>;

export const ChecklistAction = z
  .discriminatedUnion("action", [
    z
      .object({
        action: z.literal("send"),
        /** Required to send again an item already done: a message goes out at most once unless confirmed. */
        confirm: z.boolean().default(false),
        /** The hand-off meeting's details; required to send the invitation. */
        handoff: HandoffInput.optional(),
      })
      .strict(),
    z.object({ action: z.literal("retry") }).strict(),
    z.object({ action: z.literal("mark_done"), note: requiredText(1000) }).strict(),
    z.object({ action: z.literal("edit_why_won"), whyWon: requiredText(4000) }).strict(),
  ])
  .meta({ id: "ChecklistAction" });
export type ChecklistAction = z.input<typeof ChecklistAction>;

const Person = z.object({ id: z.string(), name: z.string() });

export const ChecklistItemResponse = z
  .object({
    kind: ChecklistKindName,
    label: z.string(),
    state: z.enum(ITEM_STATES),
    /** The channel the item is sent through (`slack`, `email`), null for items done by the move. */
    channel: z.enum(["slack", "email"]).nullable(),
    configured: z.boolean(),
    doneAt: z.string().nullable(),
    doneBy: Person.nullable(),
    /** The note left when the item was marked done by hand. */
    note: z.string(),
    /** How many messages were sent for this item, and when the latest was delivered. */
    sent: z.number().int(),
    deliveredAt: z.string().nullable(),
    lastError: z.string().nullable(),
    /** What the item was last sent with: the recipient, the meeting's time… */
    details: z.record(z.string(), z.unknown()),
    /** What stops the item from being sent now, in words (e.g. no customer contact). */
    blocker: z.string().nullable(),
    /** The message as it would be sent now, to look at before sending (the #wins post, the welcome e-mail). */
    preview: z
      .union([
        z.object({ channel: z.literal("slack"), text: z.string(), blocks: z.array(z.unknown()) }),
        z.object({ channel: z.literal("email"), to: z.array(z.string()), subject: z.string(), text: z.string(), html: z.string() }),
      ])
      .nullable(),
  })
  .meta({ id: "ChecklistItem" });

export const ChecklistResponse = z
  .object({
    opportunityId: z.string(),
    version: z.number().int(),
    whyWon: z.string(),
    items: z.array(ChecklistItemResponse),
    /** Items not done yet: a won deal with open items carries a "Closing" badge. */
    open: z.number().int(),
  })
  .meta({ id: "Checklist" });
export type ChecklistResponse = z.infer<typeof ChecklistResponse>;
export type ChecklistItemResponse = z.infer<typeof ChecklistItemResponse>;

const CategoryEdit = z
  .object({
    /** The category's key, to rename it; none for a new category (its key comes from its label). */
    key: z.string().min(1).max(60).optional(),
    label: z.string().trim().min(1, "required").max(100),
    retired: z.boolean().default(false),
  })
  .strict();

export const ClosingSettingsRequest = z
  .object({
    slackTemplate: z.object({ text: z.string().max(3000) }).strict(),
    welcomeTemplate: z.object({ subject: z.string().max(200), text: z.string().max(10_000), html: z.string().max(20_000) }).strict(),
    /** The whole list, in order: a stored category left out is kept, retired. */
    lossCategories: z.array(CategoryEdit).min(1).max(60),
    missedConnectionsCadence: z.array(z.number().int()).max(20),
  })
  .partial()
  .strict()
  .meta({ id: "ClosingSettingsRequest" });
export type ClosingSettingsRequest = z.input<typeof ClosingSettingsRequest>;

export const ClosingSettingsResponse = z
  .object({
    slackTemplate: z.object({ text: z.string() }),
    welcomeTemplate: z.object({ subject: z.string(), text: z.string(), html: z.string() }),
    lossCategories: z.array(z.object({ key: z.string(), label: z.string(), retired: z.boolean() })),
    missedConnectionsCadence: z.array(z.number().int()),
    /** The placeholders each template may use, with what each is replaced by. */
    placeholders: z.record(z.string(), z.record(z.string(), z.string())),
  })
  .meta({ id: "ClosingSettings" });
export type ClosingSettingsResponse = z.infer<typeof ClosingSettingsResponse>;

/**
 * The admin page's live preview: the templates as typed (any of them) filled from a won deal, the
 * latest by default; with no won deal at all, from a sample deal.
 */
export const ClosingPreviewRequest = z
  .object({
    dealId: Id.nullish(),
    slackTemplate: z
      .object({ text: z.string().max(3000) })
      .strict()
      .optional(),
    welcomeTemplate: z
      .object({ subject: z.string().max(200), text: z.string().max(10_000), html: z.string().max(20_000) })
      .strict()
      .optional(),
  })
  .strict();
export type ClosingPreviewRequest = z.input<typeof ClosingPreviewRequest>;
