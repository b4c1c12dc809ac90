// Every /api/v1 operation. The OpenAPI document is built from these declarations and from nothing
// else, so what validates a request and what documents it cannot drift apart.
//
// To add an operation:
// 1. Declare it in a module here (one per area of the product), with the schemas from src/schemas:
//      export const moveOpportunityRoute = apiRoute(
//        { method: "POST", path: "/opportunities/{id}/transitions", summary: "…", tag: "Opportunities",
//          params: OpportunityParams, body: MoveRequest, response: OpportunityResponse, errors: [...] },
//        async ({ actor, params, body }) => moveOpportunity(actor, params.id, body),
//      );
//    The handler gets the parsed `params`, `query` and `body` and the `actor`, and returns what
//    `response` accepts (the type checker holds it to that); a thrown AppError becomes its answer.
// 2. Export it from its route file under the method's name, in the folder that spells the path:
//      app/api/v1/opportunities/[id]/transitions/route.ts:  export const POST = moveOpportunityRoute;
// 3. A new module goes into MODULES below.
// tests/api/openapi.test.ts fails when a route file and a declaration disagree, and when the
// document does not validate.
import type { ApiRoute } from "../api-route";
import * as account from "./account";
import * as admin from "./admin";
import * as approvalRequests from "./approval-requests";
import * as audit from "./audit";
import * as closing from "./closing";
import * as contactsAndPlan from "./contacts-and-plan";
import * as dealDeskRules from "./deal-desk-rules";
import * as embed from "./embed";
import * as files from "./files";
import * as imports from "./imports";
import * as integrations from "./integrations";
import * as meta from "./meta";
import * as metrics from "./metrics";
import * as opportunities from "./opportunities";
import * as outbox from "./outbox";
import * as plays from "./plays";
import * as processes from "./process";
import * as stageMoves from "./stage-moves";
import * as tokens from "./tokens";
import * as webhooks from "./webhooks";

const MODULES: Record<string, unknown>[] = [
  account,
  admin,
  processes,
  opportunities,
  stageMoves,
  contactsAndPlan,
  files,
  imports,
  integrations,
  approvalRequests,
  closing,
  plays,
  outbox,
  audit,
  tokens,
  webhooks,
  embed,
  dealDeskRules,
  metrics,
  meta,
];

const isRoute = (value: unknown): value is ApiRoute => typeof value === "function" && "operation" in value;

export const API_ROUTES: ApiRoute[] = MODULES.flatMap((m) => Object.values(m).filter(isRoute));
