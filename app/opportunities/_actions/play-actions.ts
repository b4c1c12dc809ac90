"use server";

// The re-engagement plays' forms: the deal page's Re-engagement card and the "My reminders" page.
// Each runs the use case the REST API runs (src/server/closing/plays.ts: same rules, permissions and
// refusals) and, after a write, re-renders the calling page and revalidates the reminders list and
// the navigation's count.
import { refresh, revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/src/http/action-result";
import { Id } from "@/src/schemas/common";
import { PlayAction, type PlaysResponse, StartPlayRequest } from "@/src/schemas/plays";
import { actOnPlay, startPlay } from "@/src/server/closing/plays";

const StartInput = z.object({ id: Id, play: StartPlayRequest }).strict();
const ActInput = z.object({ id: Id, playId: Id, action: PlayAction }).strict();

function afterWrite<T>(result: ActionResult<T>): ActionResult<T> {
  // A refusal re-renders too: the card then shows the plays as they now are (a play ended elsewhere).
  if (result.ok || result.error.code === "CONFLICT") {
    revalidatePath("/reminders");
    refresh();
  }
  return result;
}

export async function startPlayFromPage(input: unknown): Promise<ActionResult<PlaysResponse>> {
  return afterWrite(await runAction(StartInput, input, (actor, { id, play }) => startPlay(actor, id, play)));
}

export async function actOnPlayFromPage(input: unknown): Promise<ActionResult<PlaysResponse>> {
  return afterWrite(await runAction(ActInput, input, (actor, { id, playId, action }) => actOnPlay(actor, id, playId, action)));
}
