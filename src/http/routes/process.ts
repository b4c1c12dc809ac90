import { ActiveProcessQuery, ProcessResponse } from "../../schemas/process";
import {
  CreateDraftRequest,
  DealMovesQuery,
  DealMovesReport,
  MoveDealsRequest,
  DraftProblemsResponse,
  DraftResponse,
  ProcessKeyParams,
  PublishDraftRequest,
  ReplaceDraftRequest,
} from "../../schemas/process-drafts";
import { ProcessSummary, ProcessSummaryList, PublishProcessRequest, UpdateProcessRequest } from "../../schemas/processes";
import { describeActiveProcess } from "../../server/process/describe-process";
import { createDraft, discardDraft, getDraft, getDraftProblems, publishDraft, replaceDraft } from "../../server/process/drafts";
import { listProcesses, publishProcess, updateProcess } from "../../server/process/manage-processes";
import { moveDeals, previewDealMoves } from "../../server/process/move-deals";
import { apiRoute } from "../api-route";

const tag = "Process";

export const activeProcessRoute = apiRoute(
  {
    method: "GET",
    path: "/process",
    summary:
      "The sales process new deals follow (of `type`: the process tied to that opportunity type, else the default): stages in order with their typed exit criteria.",
    tag,
    query: ActiveProcessQuery,
    response: ProcessResponse,
    errors: ["NOT_FOUND", "VALIDATION_FAILED"],
  },
  async ({ actor, query }) => describeActiveProcess(actor, query.type),
);

export const listProcessesRoute = apiRoute(
  {
    method: "GET",
    path: "/processes",
    summary: "Every process with its versions, and the shipped templates (admin).",
    tag,
    response: ProcessSummaryList,
    errors: ["FORBIDDEN"],
  },
  async ({ actor }) => listProcesses(actor),
);

export const publishProcessRoute = apiRoute(
  {
    method: "POST",
    path: "/processes",
    summary: "Publish a new process version: a shipped template, or a full definition (admin).",
    tag,
    body: PublishProcessRequest,
    response: ProcessResponse,
    status: 201,
    errors: ["FORBIDDEN"],
  },
  async ({ actor, body }) => publishProcess(actor, body),
);

export const updateProcessRoute = apiRoute(
  {
    method: "PATCH",
    path: "/processes/{key}",
    summary:
      "Make the process the default (`isDefault: true`), or tie it to an opportunity type whose new deals then follow it (`opportunityType`, `null` unties it); 409 when another process is tied to that type (admin).",
    tag,
    params: ProcessKeyParams,
    body: UpdateProcessRequest,
    response: ProcessSummary,
    errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION_FAILED", "CONFLICT"],
  },
  async ({ actor, params, body }) => updateProcess(actor, params.key, body),
);

const draftErrors = ["FORBIDDEN", "NOT_FOUND"] as const;

export const getDraftRoute = apiRoute(
  {
    method: "GET",
    path: "/processes/{key}/draft",
    summary: "A process's draft: its definition, version, and the problems that stop it from being published (admin).",
    tag,
    params: ProcessKeyParams,
    response: DraftResponse,
    errors: [...draftErrors],
  },
  async ({ actor, params }) => getDraft(actor, params.key),
);

export const createDraftRoute = apiRoute(
  {
    method: "POST",
    path: "/processes/{key}/draft",
    summary:
      "Start the process's draft from its latest version, or from a shipped template (`template`); 409 with the draft there is, when there is one (admin).",
    tag,
    params: ProcessKeyParams,
    body: CreateDraftRequest,
    response: DraftResponse,
    status: 201,
    errors: [...draftErrors, "VALIDATION_FAILED", "CONFLICT"],
  },
  async ({ actor, params, body }) => createDraft(actor, params.key, body),
);

export const replaceDraftRoute = apiRoute(
  {
    method: "PUT",
    path: "/processes/{key}/draft",
    summary: "Save the whole definition over the draft, at the version read; 409 with the current draft when it is stale (admin).",
    tag,
    params: ProcessKeyParams,
    body: ReplaceDraftRequest,
    response: DraftResponse,
    errors: [...draftErrors, "VALIDATION_FAILED", "VERSION_CONFLICT"],
  },
  async ({ actor, params, body }) => replaceDraft(actor, params.key, body),
);

export const discardDraftRoute = apiRoute(
  {
    method: "DELETE",
    path: "/processes/{key}/draft",
    summary: "Discard the process's draft (admin).",
    tag,
    params: ProcessKeyParams,
    status: 204,
    errors: [...draftErrors],
  },
  async ({ actor, params }) => {
    await discardDraft(actor, params.key);
    return new Response(null, { status: 204 });
  },
);

export const draftProblemsRoute = apiRoute(
  {
    method: "GET",
    path: "/processes/{key}/draft/problems",
    summary: "What stops the draft from being published, each at its path (`stages.2.probability`); empty when it can be (admin).",
    tag,
    params: ProcessKeyParams,
    response: DraftProblemsResponse,
    errors: [...draftErrors],
  },
  async ({ actor, params }) => getDraftProblems(actor, params.key),
);

export const publishDraftRoute = apiRoute(
  {
    method: "POST",
    path: "/processes/{key}/draft/publish",
    summary: "Publish the draft, at the version read, as the process's next version, and remove it; 400 with its problems while it has any (admin).",
    tag,
    params: ProcessKeyParams,
    body: PublishDraftRequest,
    response: ProcessResponse,
    status: 201,
    errors: [...draftErrors, "VALIDATION_FAILED", "VERSION_CONFLICT"],
  },
  async ({ actor, params, body }) => publishDraft(actor, params.key, body),
);

export const previewDealMovesRoute = apiRoute(
  {
    method: "GET",
    path: "/processes/{key}/deal-moves",
    summary:
      "Preview: each open deal of an older version of the process (or of `fromVersion`), and whether it would move onto the latest version or stay, with why (admin).",
    tag,
    params: ProcessKeyParams,
    query: DealMovesQuery,
    response: DealMovesReport,
    errors: ["FORBIDDEN", "NOT_FOUND"],
  },
  async ({ actor, params, query }) => previewDealMoves(actor, params.key, query),
);

export const moveDealsRoute = apiRoute(
  {
    method: "POST",
    path: "/processes/{key}/deal-moves",
    summary:
      "Move the open deals of older versions onto the latest, in their stage: those that meet every criterion of the stages before it there; the others stay and are listed (admin).",
    tag,
    params: ProcessKeyParams,
    body: MoveDealsRequest,
    response: DealMovesReport,
    errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION_FAILED"],
  },
  async ({ actor, params, body }) => moveDeals(actor, params.key, body),
);
