// A stage move through the API: the real route handler of POST /api/v1/opportunities/{id}/transitions,
// called in-process with a real Request (bearer token, JSON body). Everything but the socket:
// authentication, validation, authorization, criteria, versioned write, history entry and the
// response body. (Not through tests/support/http.ts: its check of each answer against the OpenAPI
// document is the tests' work, not the app's.)
import * as transitions from "@/app/api/v1/opportunities/[id]/transitions/route";
import { nextMove, type Client, type DealState } from "./workload";

async function call(client: Client, deal: DealState) {
  const req = new Request(`http://localhost/api/v1/opportunities/${deal.id}/transitions`, {
    method: "POST",
    headers: { authorization: `Bearer ${client.token}`, "content-type": "application/json" },
    body: JSON.stringify({ ...nextMove(deal.stage), version: deal.version }),
  });
  const res = await transitions.POST(req, { params: Promise.resolve({ id: deal.id }) });
  return { status: res.status, body: await res.json() };
}

export type MoveOutcome = "moved" | "conflict";

export async function moveThroughApi(client: Client, deal: DealState): Promise<MoveOutcome> {
  const res = await call(client, deal);
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
