// What the targets page shows (app/dashboard/targets, docs/rules/dashboard.md "Targets and deal
// sizes"): the teams the actor may set targets for, the chosen team's targets, and its rock and stone
// thresholds as the size mix reads them (the team's own, or its 80th and 40th percentile deal size).
// The changes go through team-settings.ts, as the API's do.
import type { Actor } from "../../auth/actor";
import { assertCan, permissionScope } from "../../auth/authorize";
import { toCalendarDate } from "../../domain/dates";
import { presetPeriod } from "../../domain/metrics/period";
import { AppError, notFound } from "../../errors";
import { database, db } from "../db";
import { resolveMetricsScope } from "./metrics-scope";
import { sizeMix } from "./pipeline-factor";
import { getTeamDashboardSettings, maySetTargets, type TeamDashboardSettings } from "./team-settings";

export type DealSizesInForce = {
  /** The currency and process the percentiles are taken in: the team's deals of the default process, in the currency most of them use. */
  currency: string;
  processName: string | null;
  /** The thresholds the size mix uses now; null when the team has none set and no deal to take percentiles of. */
  rockFrom: number | null;
  stoneFrom: number | null;
  /** Set by the team's manager or an admin (else the percentiles). */
  set: boolean;
};

export type TargetsPage = {
  teams: { id: string; name: string }[];
  /** The chosen team (the first one when none is named); null when the actor has no team to set targets for. */
  team: { id: string; name: string } | null;
  settings: TeamDashboardSettings | null;
  sizes: DealSizesInForce | null;
};

export async function getTargetsPage(actor: Actor, teamId: string | undefined, now = new Date()): Promise<TargetsPage> {
  assertCan(actor, "targets.set");
  if (teamId && !maySetTargets(actor, teamId)) throw new AppError("FORBIDDEN", "You may only set the targets of the teams you manage.");
  const everyone = permissionScope(actor, "targets.set") === "all";
  const teams = await db().team.findMany({
    where: everyone ? {} : { id: { in: actor.teamIds } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const team = teamId ? teams.find((t) => t.id === teamId) : teams[0];
  if (teamId && !team) throw notFound("Team");
  if (!team) return { teams, team: null, settings: null, sizes: null };
  const settings = await getTeamDashboardSettings(actor, team.id);
  return { teams, team, settings, sizes: await dealSizesInForce(actor, team.id, settings, now) };
}

/** The team's thresholds as the dashboard's size mix computes them (its sizeMix), for the default process. */
async function dealSizesInForce(actor: Actor, teamId: string, settings: TeamDashboardSettings, now: Date): Promise<DealSizesInForce> {
  const set = settings.rockFrom !== null && settings.stoneFrom !== null;
  const q = database().sql;
  const scope = await resolveMetricsScope(q, actor, presetPeriod("this_quarter", toCalendarDate(now)), { teamId }, { withMainCurrency: true }).catch(
    (error: unknown) => {
      // No process published yet: nothing to take percentiles of.
      if (error instanceof AppError && error.code === "NOT_FOUND") return null;
      throw error;
    },
  );
  if (!scope) return { currency: "USD", processName: null, rockFrom: settings.rockFrom, stoneFrom: settings.stoneFrom, set };
  const currency = scope.mainCurrency ?? "USD";
  const row = (await sizeMix(q, scope, currency)).thresholds.find((t) => t.teamId === teamId);
  return {
    currency,
    processName: scope.process.name,
    rockFrom: set ? settings.rockFrom : (row?.rockFrom ?? null),
    stoneFrom: set ? settings.stoneFrom : (row?.stoneFrom ?? null),
    set,
  };
}
