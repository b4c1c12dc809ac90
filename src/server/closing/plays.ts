// The re-engagement plays of a lost deal (docs/rules/closing.md, "The re-engagement plays"): start
// Raise the Dead or Missed Connections, snooze, record a touch, the buyer's answer, close the play,
// or re-open the deal from it. Each is a change of the deal (changeOpportunity: a new version and a
// history entry), taken under the deal's lock so two clicks never start two plays of a kind. Any
// re-open of the deal ends its active plays, in the move's transaction (endPlaysOnReopen).
import { sql } from "kysely";
import type { Actor } from "../../auth/actor";
import { assertCanChangeOpportunity, canChangeOpportunity } from "../../auth/authorize";
import { toCalendarDate } from "../../domain/dates";
import { PLAY_NAMES, type PlayEnding, type PlayKind, isDue, missedConnectionsTouches, revisitDateProblem } from "../../domain/closing/plays";
import { AppError, notFound } from "../../errors";
import { fieldProblems } from "../../http/error-response";
import { PlayAction, type PlayResponse, type PlaysResponse, StartPlayRequest } from "../../schemas/plays";
import { database, type Sql, type Tx } from "../db";
import { newId } from "../ids";
import { changeOpportunity, type ChangeEntry, type DealChange } from "../opportunities/change-opportunity";
import { loadVisibleOpportunity, type OpportunityRow } from "../opportunities/load-opportunity";
import { lockDeal } from "../opportunities/lock-deal";
import { moveOpportunity } from "../opportunities/move-opportunity";
import { getClosingSettings } from "./closing-settings";

type Options = { now?: Date };

const invalid = (field: string, message: string) => new AppError("VALIDATION_FAILED", `${field}: ${message}`, { fields: [{ field, message }] });

type PlayRow = {
  id: string;
  kind: PlayKind;
  status: "active" | "ended";
  endedAs: PlayEnding | null;
  endedAt: Date | null;
  note: string;
  createdAt: Date;
  createdById: string;
  createdByName: string;
};
type TouchRow = { id: string; playId: string; position: number; dueOn: string; message: string; remindedAt: Date | null; doneAt: Date | null };

async function playRows(q: Sql, opportunityId: string): Promise<{ plays: PlayRow[]; touches: TouchRow[] }> {
  const plays = (await q
    .selectFrom("ReengagementPlay as p")
    .innerJoin("User as u", "u.id", "p.createdById")
    .select(["p.id", "p.kind", "p.status", "p.endedAs", "p.endedAt", "p.note", "p.createdAt", "p.createdById", "u.name as createdByName"])
    .where("p.opportunityId", "=", opportunityId)
    .orderBy(sql`CASE WHEN p."status" = 'active' THEN 0 ELSE 1 END`)
    .orderBy("p.createdAt", "desc")
    .orderBy("p.id", "desc")
    .execute()) as PlayRow[];
  const touches =
    plays.length === 0
      ? []
      : await q
          .selectFrom("PlayTouch")
          .select(["id", "playId", "position", sql<string>`"dueOn"::text`.as("dueOn"), "message", "remindedAt", "doneAt"])
          .where(
            "playId",
            "in",
            plays.map((p) => p.id),
          )
          .orderBy("position")
          .execute();
  return { plays, touches };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function touchView(t: Omit<TouchRow, "playId">, active: boolean, today: string) {
  return {
    id: t.id,
    position: t.position,
    dueOn: t.dueOn,
    message: t.message,
    remindedAt: iso(t.remindedAt),
    doneAt: iso(t.doneAt),
    due: active && isDue({ dueOn: t.dueOn, doneAt: t.doneAt }, today),
  };
}

function playView(p: PlayRow, touches: TouchRow[], today: string): PlayResponse {
  const active = p.status === "active";
  const views = touches.filter((t) => t.playId === p.id).map((t) => touchView(t, active, today));
  return {
    id: p.id,
    kind: p.kind,
    status: p.status,
    endedAs: p.endedAs,
    endedAt: iso(p.endedAt),
    note: p.note,
    createdAt: p.createdAt.toISOString(),
    createdBy: { id: p.createdById, name: p.createdByName },
    touches: views,
    nextTouch: active ? (views.find((t) => t.doneAt === null) ?? null) : null,
    due: views.filter((t) => t.due).length,
  };
}

async function readPlays(q: Sql, actor: Actor, row: Pick<OpportunityRow, "id" | "ownerId" | "owner" | "status">, version: number, now: Date) {
  const today = toCalendarDate(now);
  const { plays, touches } = await playRows(q, row.id);
  return {
    opportunityId: row.id,
    version,
    dealStatus: row.status,
    mayChange: row.status === "lost" && canChangeOpportunity(actor, { ownerId: row.ownerId, ownerTeamId: row.owner.teamId }),
    plays: plays.map((p) => playView(p, touches, today)),
  } satisfies PlaysResponse;
}

/** A deal's plays, for whoever may see the deal. */
export async function getPlays(actor: Actor, opportunityId: string, { now = new Date() }: Options = {}): Promise<PlaysResponse> {
  const q = database().sql;
  const loaded = await loadVisibleOpportunity(q, actor, opportunityId);
  if (!loaded) throw notFound("Opportunity");
  return readPlays(q, actor, loaded.row, loaded.row.version, now);
}

const notLost = (row: OpportunityRow) => new AppError("CONFLICT", "Re-engagement plays are for lost deals.", { status: row.status });

/** Starts a play on a lost deal: one active play of each kind. */
export async function startPlay(actor: Actor, opportunityId: string, input: StartPlayRequest, { now = new Date() }: Options = {}) {
  const parsed = StartPlayRequest.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION_FAILED", "The play is not valid.", { fields: fieldProblems(parsed.error) });
  const start = parsed.data;
  const today = toCalendarDate(now);
  return underLock(opportunityId, (tx, version) =>
    changeOpportunity(
      actor,
      { id: opportunityId, version },
      async ({ row }) => {
        if (row.status !== "lost") throw notLost(row);
        const active = await tx
          .selectFrom("ReengagementPlay")
          .select("id")
          .where("opportunityId", "=", opportunityId)
          .where("kind", "=", start.kind)
          .where("status", "=", "active")
          .executeTakeFirst();
        if (active) throw alreadyActive(start.kind, active.id);
        let touches: { dueOn: string; message: string }[];
        if (start.kind === "raise_the_dead") {
          const problem = revisitDateProblem(start.remindOn, today);
          if (problem) throw invalid("remindOn", problem);
          touches = [{ dueOn: start.remindOn, message: "" }];
        } else {
          const { missedConnectionsCadence } = await getClosingSettings(tx);
          const contact = row.contacts[0]?.name ?? "";
          touches = missedConnectionsTouches(today, missedConnectionsCadence, { contact, account: row.accountName });
        }
        const playId = newId();
        return {
          write: async () => {
            try {
              await tx
                .insertInto("ReengagementPlay")
                .values({
                  id: playId,
                  opportunityId,
                  kind: start.kind,
                  status: "active",
                  note: start.note,
                  createdById: actor.id,
                  createdAt: now,
                  updatedAt: now,
                })
                .execute();
            } catch (error) {
              // The partial unique index holds one active play per kind whatever the callers race.
              if ((error as { code?: unknown })?.code === "23505" || (error as { cause?: { code?: unknown } })?.cause?.code === "23505")
                throw alreadyActive(start.kind, null);
              throw error;
            }
            await tx
              .insertInto("PlayTouch")
              .values(
                touches.map((t, i) => ({
                  id: newId(),
                  playId,
                  position: i + 1,
                  dueOn: sql<Date>`${t.dueOn}::date`,
                  message: t.message,
                })),
              )
              .execute();
          },
          history: [
            {
              type: "play_scheduled",
              details: { play: playId, kind: start.kind, note: start.note, touches: touches.map((t) => t.dueOn) },
            },
          ],
        } satisfies DealChange;
      },
      { tx, now, allowClosed: true, respond: async ({ row }) => readPlays(tx, actor, row, row.version + 1, now) },
    ),
  );
}

const alreadyActive = (kind: PlayKind, playId: string | null) =>
  new AppError("CONFLICT", `This deal already has an active ${PLAY_NAMES[kind]} play.`, { kind, play: playId });

/** Works a play: snooze, record a touch, the buyer answered, close it, or re-open the deal from it. */
export async function actOnPlay(actor: Actor, opportunityId: string, playId: string, input: PlayAction, { now = new Date() }: Options = {}) {
  const parsed = PlayAction.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION_FAILED", "The action is not valid.", { fields: fieldProblems(parsed.error) });
  const action = parsed.data;
  const today = toCalendarDate(now);
  return underLock(opportunityId, async (tx, version) => {
    if (action.action === "reopen") {
      // Checked before the move so that a refusal names the play; the move checks the rest (the
      // stage, the reason) and its re-open ends this play and any other (endPlaysOnReopen).
      const loaded = await loadVisibleOpportunity(tx, actor, opportunityId);
      if (!loaded) throw notFound("Opportunity");
      assertCanChangeOpportunity(actor, { ownerId: loaded.row.ownerId, ownerTeamId: loaded.row.owner.teamId });
      const play = await activePlay(tx, opportunityId, playId);
      if (play.kind !== "raise_the_dead") throw invalid("action", "a deal is re-opened from a Raise the Dead play");
      if (loaded.row.status !== "lost") throw notLost(loaded.row);
      const moved = await moveOpportunity(actor, opportunityId, { version, toStage: action.toStage, reason: action.reason }, now, tx);
      return readPlays(tx, actor, { ...loaded.row, status: moved.status }, moved.version, now);
    }
    return changeOpportunity(
      actor,
      { id: opportunityId, version },
      async ({ row }) => {
        if (row.status !== "lost") throw notLost(row);
        const play = await activePlay(tx, opportunityId, playId);
        const touches = await tx
          .selectFrom("PlayTouch")
          .select(["id", "position", sql<string>`"dueOn"::text`.as("dueOn"), "doneAt"])
          .where("playId", "=", playId)
          .orderBy("position")
          .execute();
        const entry = (details: Record<string, string | number | null>): ChangeEntry => ({
          type: "play_updated",
          details: { play: playId, kind: play.kind, action: action.action, ...details },
        });
        const end = (as: PlayEnding) =>
          tx.updateTable("ReengagementPlay").set({ status: "ended", endedAs: as, endedAt: now, updatedAt: now }).where("id", "=", playId).execute();
        switch (action.action) {
          case "snooze": {
            if (play.kind !== "raise_the_dead") throw invalid("action", "only a Raise the Dead play is snoozed");
            const problem = revisitDateProblem(action.remindOn, today);
            if (problem) throw invalid("remindOn", problem);
            const touch = touches[0]!;
            if (action.remindOn <= touch.dueOn) throw invalid("remindOn", `Pick a date after ${touch.dueOn}, the date already set.`);
            return {
              write: async () => {
                await tx
                  .updateTable("PlayTouch")
                  .set({ dueOn: sql<Date>`${action.remindOn}::date`, remindedAt: null })
                  .where("id", "=", touch.id)
                  .execute();
                await tx.updateTable("ReengagementPlay").set({ updatedAt: now }).where("id", "=", playId).execute();
              },
              history: [entry({ from: touch.dueOn, to: action.remindOn })],
            };
          }
          case "touch_done": {
            if (play.kind !== "missed_connections") throw invalid("action", "touches are recorded on a Missed Connections play");
            const next = touches.find((t) => t.doneAt === null);
            if (!next) throw new AppError("CONFLICT", "Every touch of this play is already recorded.", { play: playId });
            const last = touches.every((t) => t.id === next.id || t.doneAt !== null);
            return {
              write: async () => {
                await tx.updateTable("PlayTouch").set({ doneAt: now }).where("id", "=", next.id).execute();
                if (last) await end("last_touch");
                else await tx.updateTable("ReengagementPlay").set({ updatedAt: now }).where("id", "=", playId).execute();
              },
              history: [entry({ touch: next.position, of: touches.length, dueOn: next.dueOn, ...(last ? { endedAs: "last_touch" } : {}) })],
            };
          }
          case "buyer_answered":
            if (play.kind !== "missed_connections") throw invalid("action", "the buyer's answer ends a Missed Connections play");
            return { write: async () => void (await end("buyer_answered")), history: [entry({ endedAs: "buyer_answered", note: action.note })] };
          case "close":
            return { write: async () => void (await end("closed")), history: [entry({ endedAs: "closed", note: action.note })] };
        }
      },
      { tx, now, allowClosed: true, respond: async ({ row }, changed) => readPlays(tx, actor, row, row.version + (changed ? 1 : 0), now) },
    );
  });
}

async function activePlay(tx: Tx, opportunityId: string, playId: string) {
  const play = await tx
    .selectFrom("ReengagementPlay")
    .select(["id", "kind", "status", "endedAs"])
    .where("id", "=", playId)
    .where("opportunityId", "=", opportunityId)
    .executeTakeFirst();
  if (!play) throw notFound("Play");
  if (play.status !== "active") throw new AppError("CONFLICT", "This play has ended.", { status: play.status, endedAs: play.endedAs });
  return play;
}

/** The deal's lock first: the version changed at is the one held, and concurrent starts queue behind it. */
function underLock<R>(opportunityId: string, fn: (tx: Tx, version: number) => Promise<R>): Promise<R> {
  return database().transaction(async (tx) => {
    const version = await lockDeal(tx, opportunityId);
    if (version === null) throw notFound("Opportunity");
    return fn(tx, version);
  });
}
