// A stage move through the API: the real route handler of POST /api/v1/opportunities/{id}/transitions,
// called in-process with a real Request (bearer token, JSON body), as tests/support/http.ts does.
// Everything but the socket: authentication, validation, authorization, criteria, versioned write,
// history entry and the response body.
import * as transitions from "@/app/api/v1/opportunities/[id]/transitions/route";
import { call } from "@/tests/support/http";
import { nextMove, type Client, type DealState } from "./workload";

export type MoveOutcome = "moved" | "conflict";

export async function moveThroughApi(client: Client, deal: DealState): Promise<MoveOutcome> {
  const res = await call(transitions.POST, {
    token: client.token,
    path: `/api/v1/opportunities/${deal.id}/transitions`,
    params: { id: deal.id },
    body: { ...nextMove(deal.stage), version: deal.version },
  });
  if (res.status === 200) {
    deal.stage = res.body.stage;
    deal.version = res.body.version;
    return "moved";
  }
  if (res.status === 409) {
    deal.version = res.body.error.details.currentVersion;
    return "conflict";
  }
  throw new Error(`API move of ${deal.id} answered ${res.status}: ${JSON.stringify(res.body)}`);
}
