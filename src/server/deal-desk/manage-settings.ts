// The deal desk's settings as the API and the rules page read and change them: anyone who works the
// queue or manages the rules reads them; only who manages the rules changes them.
import type { Actor } from "../../auth/actor";
import { assertCan, can } from "../../auth/authorize";
import { AppError } from "../../errors";
import type { DealDeskSettingsRequest } from "../../schemas/deal-desk";
import { auditActor, recordAudit } from "../audit/record-audit";
import { database } from "../db";
import { type DealDeskSettings, getDealDeskSettings, saveDealDeskSettings } from "./settings";

export async function readDealDeskSettings(actor: Actor): Promise<DealDeskSettings> {
  if (!can(actor, "approval.queue") && !can(actor, "rules.manage"))
    throw new AppError("FORBIDDEN", `Your role (${actor.role}) may not see the deal desk's settings.`);
  return getDealDeskSettings(database().sql);
}

export async function changeDealDeskSettings(actor: Actor, input: DealDeskSettingsRequest, now = new Date()): Promise<DealDeskSettings> {
  assertCan(actor, "rules.manage");
  return database().transaction(async (tx) => {
    const before = await getDealDeskSettings(tx);
    await saveDealDeskSettings(tx, { turnaroundHours: input.turnaroundHours }, now);
    const after = await getDealDeskSettings(tx);
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "deal_desk_settings.changed",
      object: { type: "setting", id: "deal-desk" },
      before,
      after,
      at: now,
    });
    return after;
  });
}
