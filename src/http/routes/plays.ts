// The re-engagement plays of a lost deal and the caller's reminders (docs/rules/closing.md).
import { OpportunityParams } from "../../schemas/opportunities";
import { PlayAction, PlayParams, PlaysResponse, RemindersResponse, StartPlayRequest } from "../../schemas/plays";
import { listReminders } from "../../server/closing/reminders-view";
import { actOnPlay, getPlays, startPlay } from "../../server/closing/plays";
import { apiRoute } from "../api-route";

const tag = "Plays";

export const getPlaysRoute = apiRoute(
  {
    method: "GET",
    path: "/opportunities/{id}/plays",
    summary: "A deal's re-engagement plays (active first) with their touches, which are due, and whether the caller may work them.",
    tag,
    params: OpportunityParams,
    response: PlaysResponse,
    errors: ["NOT_FOUND"],
  },
  async ({ actor, params }) => getPlays(actor, params.id),
);

export const startPlayRoute = apiRoute(
  {
    method: "POST",
    path: "/opportunities/{id}/plays",
    summary:
      "Start a play on a lost deal: Raise the Dead with a date to revisit (after today, within two years), or Missed Connections on the workspace's cadence. One active play of each kind.",
    tag,
    params: OpportunityParams,
    body: StartPlayRequest,
    response: PlaysResponse,
    errors: ["VALIDATION_FAILED", "FORBIDDEN", "NOT_FOUND", "CONFLICT"],
  },
  async ({ actor, params, body }) => startPlay(actor, params.id, body),
);

export const actOnPlayRoute = apiRoute(
  {
    method: "POST",
    path: "/opportunities/{id}/plays/{playId}",
    summary:
      "Work an active play: snooze (Raise the Dead), touch_done and buyer_answered (Missed Connections), close, or reopen the deal from a Raise the Dead play into Qualify or a later open stage with a reason.",
    tag,
    params: PlayParams,
    body: PlayAction,
    response: PlaysResponse,
    errors: ["VALIDATION_FAILED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "TRANSITION_NOT_ALLOWED"],
  },
  async ({ actor, params, body }) => actOnPlay(actor, params.id, params.playId, body),
);

export const listRemindersRoute = apiRoute(
  {
    method: "GET",
    path: "/reminders",
    summary: "The caller's reminders: the touches of active plays on the deals they own, due ones first, then upcoming ones.",
    tag,
    response: RemindersResponse,
    errors: [],
  },
  async ({ actor }) => listReminders(actor),
);
