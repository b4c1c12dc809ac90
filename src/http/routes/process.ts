import { ProcessResponse } from "../../schemas/process";
import { ProcessSummaryList, PublishProcessRequest } from "../../schemas/processes";
import { describeActiveProcess } from "../../server/process/describe-process";
import { listProcesses, publishProcess } from "../../server/process/manage-processes";
import { apiRoute } from "../api-route";

const tag = "Process";

export const activeProcessRoute = apiRoute(
  {
    method: "GET",
    path: "/process",
    summary: "The active sales process: stages in order with their typed exit criteria.",
    tag,
    response: ProcessResponse,
    errors: ["NOT_FOUND"],
  },
  async ({ actor }) => describeActiveProcess(actor),
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
