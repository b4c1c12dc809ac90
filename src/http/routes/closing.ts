import { ChecklistAction, ChecklistItemParams, ChecklistResponse, ClosingSettingsRequest, ClosingSettingsResponse } from "../../schemas/closing";
import { OpportunityParams } from "../../schemas/opportunities";
import { actOnChecklistItem } from "../../server/closing/checklist-actions";
import { getChecklist } from "../../server/closing/checklist";
import { changeClosingSettings, readClosingSettings } from "../../server/closing/manage-settings";
import { apiRoute } from "../api-route";

const tag = "Closing";

export const getChecklistRoute = apiRoute(
  {
    method: "GET",
    path: "/opportunities/{id}/checklist",
    summary: "A won deal's Closed Won checklist: each item's state, its last error, and a preview of the message it sends.",
    tag,
    params: OpportunityParams,
    response: ChecklistResponse,
    errors: ["NOT_FOUND"],
  },
  async ({ actor, params }) => getChecklist(actor, params.id),
);

export const actOnChecklistItemRoute = apiRoute(
  {
    method: "POST",
    path: "/opportunities/{id}/checklist/{item}",
    summary:
      "Send an item's message (confirm to send again once done), retry its failed message, mark it done with a note, or edit why we won (item why_won).",
    tag,
    params: ChecklistItemParams,
    body: ChecklistAction,
    response: ChecklistResponse,
    errors: ["VALIDATION_FAILED", "FORBIDDEN", "NOT_FOUND", "CONFLICT"],
  },
  async ({ actor, params, body }) => actOnChecklistItem(actor, params.id, params.item, body),
);

export const getClosingSettingsRoute = apiRoute(
  {
    method: "GET",
    path: "/closing/settings",
    summary:
      "The #wins and welcome templates with their placeholders, the loss categories (retired ones included) and the Missed Connections cadence.",
    tag,
    response: ClosingSettingsResponse,
    errors: [],
  },
  async ({ actor }) => readClosingSettings(actor),
);

export const changeClosingSettingsRoute = apiRoute(
  {
    method: "PUT",
    path: "/closing/settings",
    summary: "Change any of the closing's settings (admin); each template is checked for unknown placeholders and tags.",
    tag,
    body: ClosingSettingsRequest,
    response: ClosingSettingsResponse,
    errors: ["VALIDATION_FAILED", "FORBIDDEN"],
  },
  async ({ actor, body }) => changeClosingSettings(actor, body),
);
