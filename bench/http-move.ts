// A stage move over real HTTP: POST /api/v1/opportunities/{id}/transitions to a running server (an
// instance, or nginx in front of instances), as an API client sends it. The client is the cluster
// tests' (kept-alive connections, and a request sent once more when nginx's reload had closed its
// connection before reading it). 2xx is a move, 409 a conflict; any other answer fails the bench.
import { callJson } from "@/tests/cluster/http-client";
import type { MoveOutcome } from "./api-move";
import type { Move } from "./run-clients";
import { nextMove } from "./workload";

export function moveOverHttp(baseUrl: string): Move {
  return async (client, deal): Promise<MoveOutcome> => {
    const res = await callJson(baseUrl, `/api/v1/opportunities/${deal.id}/transitions`, {
      token: client.token,
      body: { ...nextMove(deal.stage), version: deal.version },
    });
    if (res.status >= 200 && res.status < 300) {
      deal.stage = res.body.stage;
      deal.version = res.body.version;
      return "moved";
    }
    if (res.status === 409 && typeof res.body?.error?.details?.currentVersion === "number") {
      deal.version = res.body.error.details.currentVersion;
      return "conflict";
    }
    throw new Error(`${baseUrl}: move of ${deal.id} answered ${res.status} (request ${res.requestId}): ${JSON.stringify(res.body)}`);
  };
}
