// Every operation of /api/v1, with the same zod schemas the handlers validate with. The OpenAPI
// document is generated from this list, and a test fails when a route is missing from it.
import { z, type ZodType } from "zod";
import type { ErrorCode } from "../errors";
import { MeResponse, TokenRequest, TokenResponse } from "./auth";
import {
  AttestRequest,
  ClosePlanResponse,
  CreateOpportunityRequest,
  CriterionParams,
  DisqualifyRequest,
  HistoryResponse,
  ListOpportunitiesQuery,
  MoveRequest,
  OpportunityList,
  OpportunityParams,
  OpportunityResponse,
  ReplaceClosePlanRequest,
  ReplaceContactsRequest,
  UpdateOpportunityRequest,
} from "./opportunities";
import { FileList, FileParams, FileResponse, UploadForm } from "./files";
import { ListOutboxQuery, OutboxList, OutboxMessageResponse, OutboxParams } from "./outbox";
import { ProcessResponse } from "./process";
import { ProcessSummaryList, PublishProcessRequest } from "./processes";
import { CreateTeamRequest, CreateUserRequest, TeamList, TeamResponse, UserList, UserResponse } from "./users";

export type Operation = {
  method: "get" | "post" | "patch" | "put" | "delete";
  path: string;
  summary: string;
  tag: string;
  auth?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: ZodType;
  multipart?: ZodType;
  response?: ZodType;
  status?: number;
  errors: ErrorCode[];
};

const common: ErrorCode[] = ["UNAUTHENTICATED", "VALIDATION_FAILED"];
const write: ErrorCode[] = [...common, "FORBIDDEN", "NOT_FOUND", "VERSION_CONFLICT", "TRANSITION_NOT_ALLOWED"];

export const OPERATIONS: Operation[] = [
  {
    method: "post",
    path: "/tokens",
    summary: "Exchange an email and password for an API bearer token (rate limited).",
    tag: "Authentication",
    auth: false,
    body: TokenRequest,
    response: TokenResponse,
    status: 201,
    errors: ["VALIDATION_FAILED", "UNAUTHENTICATED", "RATE_LIMITED"],
  },
  { method: "get", path: "/me", summary: "The caller.", tag: "Authentication", response: MeResponse, errors: ["UNAUTHENTICATED"] },
  { method: "get", path: "/users", summary: "Every user (admin).", tag: "Administration", response: UserList, errors: [...common, "FORBIDDEN"] },
  {
    method: "post",
    path: "/users",
    summary: "Create a user (admin).",
    tag: "Administration",
    body: CreateUserRequest,
    response: UserResponse,
    status: 201,
    errors: [...common, "FORBIDDEN", "CONFLICT"],
  },
  { method: "get", path: "/teams", summary: "Every team (admin).", tag: "Administration", response: TeamList, errors: [...common, "FORBIDDEN"] },
  {
    method: "post",
    path: "/teams",
    summary: "Create a team (admin).",
    tag: "Administration",
    body: CreateTeamRequest,
    response: TeamResponse,
    status: 201,
    errors: [...common, "FORBIDDEN", "CONFLICT"],
  },
  {
    method: "get",
    path: "/process",
    summary: "The active sales process: stages in order with their typed exit criteria.",
    tag: "Process",
    response: ProcessResponse,
    errors: ["UNAUTHENTICATED", "NOT_FOUND"],
  },
  {
    method: "get",
    path: "/processes",
    summary: "Every process with its versions, and the shipped templates (admin).",
    tag: "Process",
    response: ProcessSummaryList,
    errors: ["UNAUTHENTICATED", "FORBIDDEN"],
  },
  {
    method: "post",
    path: "/processes",
    summary: "Publish a new process version: a shipped template, or a full definition (admin).",
    tag: "Process",
    body: PublishProcessRequest,
    response: ProcessResponse,
    status: 201,
    errors: [...common, "FORBIDDEN"],
  },
  {
    method: "get",
    path: "/opportunities",
    summary: "The opportunities the caller may see, newest first, with cursor pagination.",
    tag: "Opportunities",
    query: ListOpportunitiesQuery,
    response: OpportunityList,
    errors: common,
  },
  {
    method: "post",
    path: "/opportunities",
    summary: "Create an opportunity in the first stage of the active process.",
    tag: "Opportunities",
    body: CreateOpportunityRequest,
    response: OpportunityResponse,
    status: 201,
    errors: [...common, "FORBIDDEN"],
  },
  {
    method: "get",
    path: "/opportunities/{id}",
    summary: "One opportunity, with its current exit criteria and approval state.",
    tag: "Opportunities",
    params: OpportunityParams,
    response: OpportunityResponse,
    errors: ["UNAUTHENTICATED", "NOT_FOUND"],
  },
  {
    method: "patch",
    path: "/opportunities/{id}",
    summary: "Change fields. Names the version read; a close date moved later needs a reason.",
    tag: "Opportunities",
    params: OpportunityParams,
    body: UpdateOpportunityRequest,
    response: OpportunityResponse,
    errors: write,
  },
  {
    method: "post",
    path: "/opportunities/{id}/criteria/{key}",
    summary: "Attest or clear a check exit criterion.",
    tag: "Opportunities",
    params: CriterionParams,
    body: AttestRequest,
    response: OpportunityResponse,
    errors: write,
  },
  {
    method: "post",
    path: "/opportunities/{id}/transitions",
    summary: "Move to another stage. Refused with every unmet exit criterion, by stage.",
    tag: "Opportunities",
    params: OpportunityParams,
    body: MoveRequest,
    response: OpportunityResponse,
    errors: [...write, "EXIT_CRITERIA_UNMET"],
  },
  {
    method: "post",
    path: "/opportunities/{id}/disqualify",
    summary: "Archive a first-stage deal that goes nowhere, with a reason (not a loss).",
    tag: "Opportunities",
    params: OpportunityParams,
    body: DisqualifyRequest,
    response: OpportunityResponse,
    errors: write,
  },
  {
    method: "get",
    path: "/opportunities/{id}/history",
    summary: "The deal's history, oldest first.",
    tag: "Opportunities",
    params: OpportunityParams,
    response: HistoryResponse,
    errors: ["UNAUTHENTICATED", "NOT_FOUND"],
  },
  {
    method: "get",
    path: "/opportunities/{id}/files",
    summary: "The deal's files, newest first.",
    tag: "Files",
    params: OpportunityParams,
    response: FileList,
    errors: ["UNAUTHENTICATED", "NOT_FOUND"],
  },
  {
    method: "post",
    path: "/opportunities/{id}/files",
    summary: "Upload a file (multipart: kind, file). A signed contract is renamed to the naming convention.",
    tag: "Files",
    params: OpportunityParams,
    multipart: UploadForm,
    response: FileResponse,
    status: 201,
    errors: [...write, "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE"],
  },
  {
    method: "get",
    path: "/opportunities/{id}/files/{fileId}",
    summary: "Download a file.",
    tag: "Files",
    params: FileParams,
    errors: ["UNAUTHENTICATED", "NOT_FOUND"],
  },
  {
    method: "put",
    path: "/opportunities/{id}/contacts",
    summary: "Replace the deal's contacts (the buying group, with each person's role).",
    tag: "Opportunities",
    params: OpportunityParams,
    body: ReplaceContactsRequest,
    response: OpportunityResponse,
    errors: write,
  },
  {
    method: "get",
    path: "/opportunities/{id}/close-plan",
    summary: "The close plan in due order, worked back from the decision date (with suggested steps when empty).",
    tag: "Opportunities",
    params: OpportunityParams,
    response: ClosePlanResponse,
    errors: ["UNAUTHENTICATED", "NOT_FOUND"],
  },
  {
    method: "put",
    path: "/opportunities/{id}/close-plan",
    summary: "Replace the close plan's steps (each with owner and due date).",
    tag: "Opportunities",
    params: OpportunityParams,
    body: ReplaceClosePlanRequest,
    response: ClosePlanResponse,
    errors: write,
  },
  {
    method: "get",
    path: "/outbox",
    summary: "Outgoing messages, newest first, with their latest delivery attempts (admin).",
    tag: "Administration",
    query: ListOutboxQuery,
    response: OutboxList,
    errors: [...common, "FORBIDDEN"],
  },
  {
    method: "post",
    path: "/outbox/{id}/retry",
    summary: "Deliver a failed or not configured message again, with a fresh retry schedule (admin).",
    tag: "Administration",
    params: OutboxParams,
    response: OutboxMessageResponse,
    errors: [...common, "FORBIDDEN", "NOT_FOUND", "CONFLICT"],
  },
  { method: "get", path: "/openapi.json", summary: "This document.", tag: "Meta", auth: false, errors: [] },
];
