// Deals written straight to the database, for board and page tests: any stage, status, amount, close
// date or time in stage, without walking each one through the moves.
import type { Actor } from "@/src/auth/actor";
import { findActor } from "@/src/auth/load-actor";
import { fromCalendarDate } from "@/src/domain/dates";
import { toCents } from "@/src/domain/money";
import { database, db } from "@/src/server/db";
import { getActiveProcessVersion } from "@/src/server/process/get-process-version";

/** The actor a signed-in user is, loaded the way every request loads it. */
export async function actorOf(user: { id: string }): Promise<Actor> {
  const actor = await findActor(db(), user.id);
  if (!actor) throw new Error(`actorOf: no active user ${user.id}`);
  return actor;
}

export type DealSpec = {
  name: string;
  accountName?: string;
  /** Major units, like the API. */
  amount: number;
  currency?: string;
  closeDate: string;
  stage: string;
  status?: "open" | "won" | "lost" | "disqualified";
  stageEnteredAt?: Date;
  closedAt?: Date | null;
  nextStep?: string;
  nextStepDue?: string | null;
  closeDatePushes?: number;
  closeDateSlipDays?: number;
  paymentTermsDays?: number;
  buyingProcess?: string;
  type?: "new" | "expansion";
  years?: number | null;
  users?: number | null;
};

export async function insertDeal(ownerId: string, spec: DealSpec): Promise<string> {
  const process = await getActiveProcessVersion(database().sql);
  const closeDate = fromCalendarDate(spec.closeDate);
  const row = await db().opportunity.create({
    data: {
      name: spec.name,
      accountName: spec.accountName ?? `${spec.name} Inc`,
      amountCents: toCents(spec.amount),
      currency: spec.currency ?? "USD",
      closeDate,
      originalCloseDate: closeDate,
      closeDatePushes: spec.closeDatePushes ?? 0,
      closeDateSlipDays: spec.closeDateSlipDays ?? 0,
      ownerId,
      processVersionId: process.id,
      stageKey: spec.stage,
      stageEnteredAt: spec.stageEnteredAt ?? new Date(),
      status: spec.status ?? "open",
      closedAt: spec.closedAt ?? null,
      nextStep: spec.nextStep ?? "",
      nextStepDue: spec.nextStepDue ? fromCalendarDate(spec.nextStepDue) : null,
      paymentTermsDays: spec.paymentTermsDays ?? 30,
      buyingProcess: spec.buyingProcess ?? "",
      type: spec.type ?? "new",
      years: spec.years ?? null,
      users: spec.users ?? null,
    },
  });
  return row.id;
}
