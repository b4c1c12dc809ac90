"use server";

// The targets page's forms: a team's target for a period (set, changed or removed) and its rock and
// stone thresholds, through the API's schemas and the same server functions as
// PUT /api/v1/teams/{id}/targets and …/deal-sizes (docs/rules/dashboard.md).
import { refresh } from "next/cache";
import { type ActionResult, runAction } from "@/src/http/action-result";
import { TeamDealSizesForm, TeamTargetForm, TeamTargetKeyForm } from "@/src/schemas/metrics";
import { setDealSizes, setTeamTarget, type TeamDashboardSettings } from "@/src/server/metrics/team-settings";

function refreshed(result: ActionResult<TeamDashboardSettings>): ActionResult<TeamDashboardSettings> {
  if (result.ok) refresh();
  return result;
}

export async function setTargetAction(input: unknown) {
  return refreshed(await runAction(TeamTargetForm, input, (actor, { teamId, ...target }) => setTeamTarget(actor, teamId, target)));
}

export async function removeTargetAction(input: unknown) {
  return refreshed(await runAction(TeamTargetKeyForm, input, (actor, { teamId, ...key }) => setTeamTarget(actor, teamId, { ...key, amount: null })));
}

export async function setDealSizesAction(input: unknown) {
  return refreshed(await runAction(TeamDealSizesForm, input, (actor, { teamId, ...sizes }) => setDealSizes(actor, teamId, sizes)));
}
