// What a team's manager (or an admin) sets for the dashboard (docs/rules/dashboard.md): the team's
// bookings target for a period, and the deal sizes that make a rock or a stone.
import type { Actor } from "../../auth/actor";
import { assertCan, can, permissionScope } from "../../auth/authorize";
import { fromCalendarDate, toCalendarDate } from "../../domain/dates";
import { periodProblem } from "../../domain/metrics/period";
import { fromCents, toCents } from "../../domain/money";
import { AppError, notFound } from "../../errors";
import { auditActor, recordAudit } from "../audit/record-audit";
import { database, type Sql } from "../db";
import { newId } from "../ids";

const invalid = (field: string, message: string) => new AppError("VALIDATION_FAILED", `${field}: ${message}`, { fields: [{ field, message }] });

/** May the actor set this team's targets and deal sizes: the teams they manage, or every team for an admin. */
export function maySetTargets(actor: Actor, teamId: string): boolean {
  return can(actor, "targets.set") && (permissionScope(actor, "targets.set") === "all" || actor.teamIds.includes(teamId));
}

async function assertMaySet(q: Sql, actor: Actor, teamId: string) {
  assertCan(actor, "targets.set");
  const team = await q.selectFrom("Team").select(["id", "rockFromCents", "stoneFromCents"]).where("id", "=", teamId).executeTakeFirst();
  // A manager learns nothing of teams they do not manage.
  if (!team || !maySetTargets(actor, teamId)) throw notFound("Team");
  return team;
}

export type TeamTargetView = { from: string; to: string; amount: number; currency: string; updatedAt: string };
export type TeamDashboardSettings = { teamId: string; rockFrom: number | null; stoneFrom: number | null; targets: TeamTargetView[] };

async function read(q: Sql, teamId: string): Promise<TeamDashboardSettings> {
  const team = await q.selectFrom("Team").select(["rockFromCents", "stoneFromCents"]).where("id", "=", teamId).executeTakeFirstOrThrow();
  const targets = await q
    .selectFrom("TeamTarget")
    .select(["periodFrom", "periodTo", "amountCents", "currency", "updatedAt"])
    .where("teamId", "=", teamId)
    .orderBy("periodFrom", "desc")
    .orderBy("currency")
    .execute();
  return {
    teamId,
    rockFrom: team.rockFromCents === null ? null : fromCents(team.rockFromCents),
    stoneFrom: team.stoneFromCents === null ? null : fromCents(team.stoneFromCents),
    targets: targets.map((t) => ({
      from: toCalendarDate(t.periodFrom),
      to: toCalendarDate(t.periodTo),
      amount: fromCents(t.amountCents),
      currency: t.currency,
      updatedAt: t.updatedAt.toISOString(),
    })),
  };
}

export async function getTeamDashboardSettings(actor: Actor, teamId: string): Promise<TeamDashboardSettings> {
  const q = database().sql;
  await assertMaySet(q, actor, teamId);
  return read(q, teamId);
}

/** Sets (or, with a null amount, removes) the team's target for one period and currency. */
export async function setTeamTarget(
  actor: Actor,
  teamId: string,
  input: { from: string; to: string; amount: number | null; currency: string },
  now = new Date(),
): Promise<TeamDashboardSettings> {
  const problem = periodProblem(input);
  if (problem) throw invalid(problem.field, problem.message);
  return database().transaction(async (tx) => {
    await assertMaySet(tx, actor, teamId);
    const period = { from: input.from, to: input.to, currency: input.currency };
    const was = (await read(tx, teamId)).targets.find((t) => t.from === input.from && t.to === input.to && t.currency === input.currency);
    const key = (q: ReturnType<typeof tx.deleteFrom<"TeamTarget">>) =>
      q
        .where("teamId", "=", teamId)
        .where("periodFrom", "=", fromCalendarDate(input.from))
        .where("periodTo", "=", fromCalendarDate(input.to))
        .where("currency", "=", input.currency);
    if (input.amount === null) await key(tx.deleteFrom("TeamTarget")).execute();
    else
      await tx
        .insertInto("TeamTarget")
        .values({
          id: newId(),
          teamId,
          periodFrom: fromCalendarDate(input.from),
          periodTo: fromCalendarDate(input.to),
          amountCents: toCents(input.amount),
          currency: input.currency,
          setById: actor.id,
          updatedAt: now,
        })
        .onConflict((oc) =>
          oc
            .columns(["teamId", "periodFrom", "periodTo", "currency"])
            .doUpdateSet({ amountCents: toCents(input.amount!), setById: actor.id, updatedAt: now }),
        )
        .execute();
    if (input.amount !== (was?.amount ?? null))
      await recordAudit(tx, {
        actor: auditActor(actor),
        action: input.amount === null ? "team.target_removed" : "team.target_set",
        object: { type: "team", id: teamId },
        before: was ? { ...period, amount: was.amount } : null,
        after: input.amount === null ? null : { ...period, amount: input.amount },
        at: now,
      });
    return read(tx, teamId);
  });
}

/** Sets the team's rock and stone thresholds (both, or neither for its percentiles); a rock is larger than a stone. */
export async function setDealSizes(
  actor: Actor,
  teamId: string,
  input: { rockFrom: number | null; stoneFrom: number | null },
): Promise<TeamDashboardSettings> {
  if ((input.rockFrom === null) !== (input.stoneFrom === null))
    throw invalid(input.rockFrom === null ? "rockFrom" : "stoneFrom", "give both thresholds, or neither");
  if (input.rockFrom !== null && input.stoneFrom !== null && input.rockFrom <= input.stoneFrom)
    throw invalid("rockFrom", "must be larger than stoneFrom");
  return database().transaction(async (tx) => {
    const before = await read(tx, (await assertMaySet(tx, actor, teamId)).id);
    await tx
      .updateTable("Team")
      .set({
        rockFromCents: input.rockFrom === null ? null : toCents(input.rockFrom),
        stoneFromCents: input.stoneFrom === null ? null : toCents(input.stoneFrom),
      })
      .where("id", "=", teamId)
      .execute();
    const after = await read(tx, teamId);
    if (before.rockFrom !== after.rockFrom || before.stoneFrom !== after.stoneFrom)
      await recordAudit(tx, {
        actor: auditActor(actor),
        action: "team.deal_sizes_set",
        object: { type: "team", id: teamId },
        before: { rockFrom: before.rockFrom, stoneFrom: before.stoneFrom },
        after: { rockFrom: after.rockFrom, stoneFrom: after.stoneFrom },
      });
    return after;
  });
}
