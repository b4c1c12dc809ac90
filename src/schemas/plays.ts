// The re-engagement plays of a lost deal and the owner's reminders (docs/rules/closing.md, "The
// re-engagement plays").
import { z } from "zod";
import { PLAY_ENDINGS, PLAY_KINDS } from "../domain/closing/plays";
import { Id, requiredText, text } from "./common";
import { CalendarDate } from "./opportunities";

export const PlayKindName = z.enum(PLAY_KINDS);

export const PlayParams = z.object({ id: Id, playId: Id });

export const StartPlayRequest = z
  .discriminatedUnion("kind", [
    z
      .object({
        kind: z.literal("raise_the_dead"),
        /** The date to revisit the deal: after today, within two years. */
        remindOn: CalendarDate,
        note: text(2000).default(""),
      })
      .strict(),
    z.object({ kind: z.literal("missed_connections"), note: text(2000).default("") }).strict(),
  ])
  .meta({ id: "StartPlayRequest" });
export type StartPlayRequest = z.input<typeof StartPlayRequest>;

export const PlayAction = z
  .discriminatedUnion("action", [
    /** Raise the Dead: revisit on a later date (after today, within two years). */
    z.object({ action: z.literal("snooze"), remindOn: CalendarDate }).strict(),
    /** Missed Connections: the owner made the next touch; the play ends after the last one. */
    z.object({ action: z.literal("touch_done") }).strict(),
    /** Missed Connections: the buyer answered; the play ends. */
    z.object({ action: z.literal("buyer_answered"), note: text(2000).default("") }).strict(),
    z.object({ action: z.literal("close"), note: text(2000).default("") }).strict(),
    /** Raise the Dead: re-open the deal into Qualify or a later open stage, with a reason. */
    z.object({ action: z.literal("reopen"), toStage: z.string().min(1).max(64), reason: requiredText(1000) }).strict(),
  ])
  .meta({ id: "PlayAction" });
export type PlayAction = z.input<typeof PlayAction>;

const Person = z.object({ id: z.string(), name: z.string() });

export const PlayTouchResponse = z
  .object({
    id: z.string(),
    /** 1 for the first touch. */
    position: z.number().int(),
    dueOn: z.string(),
    /** The suggested message (Missed Connections; empty for Raise the Dead). */
    message: z.string(),
    /** When the owner's reminder e-mail was queued. */
    remindedAt: z.string().nullable(),
    doneAt: z.string().nullable(),
    /** Due: its date has come, it is not done, and the play is active. */
    due: z.boolean(),
  })
  .meta({ id: "PlayTouch" });

export const PlayResponse = z
  .object({
    id: z.string(),
    kind: PlayKindName,
    status: z.enum(["active", "ended"]),
    endedAs: z.enum(PLAY_ENDINGS).nullable(),
    endedAt: z.string().nullable(),
    note: z.string(),
    createdAt: z.string(),
    createdBy: Person,
    touches: z.array(PlayTouchResponse),
    /** The first touch not done yet, if any (for Raise the Dead: the date to revisit). */
    nextTouch: PlayTouchResponse.nullable(),
    /** How many of its touches are due. */
    due: z.number().int(),
  })
  .meta({ id: "Play" });
export type PlayResponse = z.infer<typeof PlayResponse>;

export const PlaysResponse = z
  .object({
    opportunityId: z.string(),
    version: z.number().int(),
    /** Plays start on a lost deal only. */
    dealStatus: z.string(),
    /** Whether the caller may start and work the plays (those who may change the deal). */
    mayChange: z.boolean(),
    /** Active plays first, then ended ones, newest first. */
    plays: z.array(PlayResponse),
  })
  .meta({ id: "Plays" });
export type PlaysResponse = z.infer<typeof PlaysResponse>;

export const ReminderResponse = z
  .object({
    touch: PlayTouchResponse,
    /** How many touches the play has. */
    of: z.number().int(),
    play: z.object({ id: z.string(), kind: PlayKindName, note: z.string() }),
    deal: z.object({ id: z.string(), name: z.string(), accountName: z.string() }),
  })
  .meta({ id: "Reminder" });
export type ReminderResponse = z.infer<typeof ReminderResponse>;

export const RemindersResponse = z
  .object({
    /** Touches whose date has come, oldest first. */
    due: z.array(ReminderResponse),
    /** Touches still ahead, soonest first (at most 100). */
    upcoming: z.array(ReminderResponse),
  })
  .meta({ id: "Reminders" });
export type RemindersResponse = z.infer<typeof RemindersResponse>;
