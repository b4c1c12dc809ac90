// What the deal desk rules page shows an admin: every rule with its versions, the target
// turnaround, and each team's manager and approval deputy with the managers who may be named.
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import type { DealDeskRuleResponse, DealDeskRuleVersionResponse } from "../../schemas/deal-desk";
import { database } from "../db";
import { deputyCandidates } from "../teams/approval-deputy";
import { listDealDeskRules, listRuleVersions } from "./manage-rules";
import { getDealDeskSettings } from "./settings";

type Person = { id: string; name: string };

export type RulesPageTeam = {
  id: string;
  name: string;
  manager: Person | null;
  deputy: (Person & { eligible: boolean }) | null;
  /** The managers who may be named this team's deputy: every active manager but its own. */
  candidates: Person[];
};

export type RulesPage = {
  rules: (DealDeskRuleResponse & { versions: DealDeskRuleVersionResponse[] })[];
  turnaroundHours: number;
  teams: RulesPageTeam[];
};

export async function getDealDeskRulesPage(actor: Actor): Promise<RulesPage> {
  assertCan(actor, "rules.manage");
  const q = database().sql;
  const [{ items }, settings, teams, candidates] = await Promise.all([
    listDealDeskRules(actor),
    getDealDeskSettings(q),
    q
      .selectFrom("Team as t")
      .leftJoin("User as m", "m.id", "t.managerId")
      .leftJoin("User as d", "d.id", "t.approvalDeputyId")
      .select(["t.id", "t.name", "m.id as managerId", "m.name as managerName", "d.id as deputyId", "d.name as deputyName"])
      .orderBy("t.name")
      .execute(),
    deputyCandidates(q),
  ]);
  const rules = await Promise.all(items.map(async (rule) => ({ ...rule, versions: (await listRuleVersions(actor, rule.id)).items })));
  return {
    rules,
    turnaroundHours: settings.turnaroundHours,
    teams: teams.map((t) => {
      const own = candidates.filter((c) => c.id !== t.managerId);
      return {
        id: t.id,
        name: t.name,
        manager: t.managerId && t.managerName !== null ? { id: t.managerId, name: t.managerName } : null,
        deputy: t.deputyId && t.deputyName !== null ? { id: t.deputyId, name: t.deputyName, eligible: own.some((c) => c.id === t.deputyId) } : null,
        candidates: own,
      };
    }),
  };
}
