import {
  ApprovalDeputyRequest,
  CreateDealDeskRuleRequest,
  DealDeskRuleList,
  DealDeskRuleParams,
  DealDeskRuleResponse,
  DealDeskRuleVersionList,
  DealDeskSettingsRequest,
  DealDeskSettingsResponse,
  TeamParams,
  UpdateDealDeskRuleRequest,
} from "../../schemas/deal-desk";
import { TeamResponse } from "../../schemas/users";
import { createDealDeskRule, listDealDeskRules, listRuleVersions, updateDealDeskRule } from "../../server/deal-desk/manage-rules";
import { changeDealDeskSettings, readDealDeskSettings } from "../../server/deal-desk/manage-settings";
import { setApprovalDeputy } from "../../server/teams/approval-deputy";
import { apiRoute } from "../api-route";

const tag = "Deal desk rules";

export const listDealDeskRulesRoute = apiRoute(
  {
    method: "GET",
    path: "/deal-desk/rules",
    summary: "Every deal desk rule, switched off ones included, in order, with its version and who saved it (admin).",
    tag,
    response: DealDeskRuleList,
    errors: ["FORBIDDEN"],
  },
  async ({ actor }) => listDealDeskRules(actor),
);

export const createDealDeskRuleRoute = apiRoute(
  {
    method: "POST",
    path: "/deal-desk/rules",
    summary: "Add a deal desk rule (admin): a condition on a deal's terms and the groups that must approve. It starts at version 1.",
    tag,
    body: CreateDealDeskRuleRequest,
    response: DealDeskRuleResponse,
    status: 201,
    errors: ["FORBIDDEN", "CONFLICT"],
  },
  async ({ actor, body }) => createDealDeskRule(actor, body),
);

export const updateDealDeskRuleRoute = apiRoute(
  {
    method: "PATCH",
    path: "/deal-desk/rules/{id}",
    summary:
      "Change a rule's label, condition, groups, order, or switch it off or on (admin), as of the version read. Each change raises the version and keeps the new one; a stale version is 409 VERSION_CONFLICT with the current rule.",
    tag,
    params: DealDeskRuleParams,
    body: UpdateDealDeskRuleRequest,
    response: DealDeskRuleResponse,
    errors: ["FORBIDDEN", "NOT_FOUND", "VERSION_CONFLICT"],
  },
  async ({ actor, params, body }) => updateDealDeskRule(actor, params.id, body),
);

export const listDealDeskRuleVersionsRoute = apiRoute(
  {
    method: "GET",
    path: "/deal-desk/rules/{id}/versions",
    summary: "Every saved version of a rule, newest first, with who saved it (admin).",
    tag,
    params: DealDeskRuleParams,
    response: DealDeskRuleVersionList,
    errors: ["FORBIDDEN", "NOT_FOUND"],
  },
  async ({ actor, params }) => listRuleVersions(actor, params.id),
);

export const getDealDeskSettingsRoute = apiRoute(
  {
    method: "GET",
    path: "/deal-desk/settings",
    summary: "The deal desk's settings: the target turnaround of a request in business hours (the deal desk, managers and admins).",
    tag,
    response: DealDeskSettingsResponse,
    errors: ["FORBIDDEN"],
  },
  async ({ actor }) => readDealDeskSettings(actor),
);

export const putDealDeskSettingsRoute = apiRoute(
  {
    method: "PUT",
    path: "/deal-desk/settings",
    summary: "Change the deal desk's target turnaround, 1 to 240 business hours (admin).",
    tag,
    body: DealDeskSettingsRequest,
    response: DealDeskSettingsResponse,
    errors: ["FORBIDDEN"],
  },
  async ({ actor, body }) => changeDealDeskSettings(actor, body),
);

export const putApprovalDeputyRoute = apiRoute(
  {
    method: "PUT",
    path: "/teams/{id}/approval-deputy",
    summary:
      "Name the manager who decides for the sales manager group in the team manager's place, or clear it with null (admin). The deputy must be an active manager who does not manage this team.",
    tag,
    params: TeamParams,
    body: ApprovalDeputyRequest,
    response: TeamResponse,
    errors: ["FORBIDDEN", "NOT_FOUND"],
  },
  async ({ actor, params, body }) => setApprovalDeputy(actor, params.id, body.userId),
);
