// The deal desk's workspace settings, kept in AppSetting by key. An admin changes them on the rules
// page; a missing or unreadable value reads as the default, so a fresh workspace needs no setup.
import { z } from "zod";
import type { Sql, Tx } from "../db";

export const TURNAROUND_KEY = "dealDesk.turnaroundHours";
export const DEFAULT_TURNAROUND_HOURS = 24;

/** A target turnaround in business hours: one hour to ten business weeks. */
export const TurnaroundHours = z.number().int().min(1).max(240);

export type DealDeskSettings = { turnaroundHours: number };

export async function getDealDeskSettings(q: Sql): Promise<DealDeskSettings> {
  const row = await q.selectFrom("AppSetting").select("value").where("key", "=", TURNAROUND_KEY).executeTakeFirst();
  const parsed = TurnaroundHours.safeParse(row?.value);
  return { turnaroundHours: parsed.success ? parsed.data : DEFAULT_TURNAROUND_HOURS };
}

/** Writes the settings; the caller has authorized the change and holds the transaction. */
export async function saveDealDeskSettings(tx: Tx, settings: DealDeskSettings, now: Date): Promise<void> {
  const value = JSON.stringify(TurnaroundHours.parse(settings.turnaroundHours));
  await tx
    .insertInto("AppSetting")
    .values({ key: TURNAROUND_KEY, value, updatedAt: now })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updatedAt: now }))
    .execute();
}
