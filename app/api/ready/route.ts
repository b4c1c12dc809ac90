// GET /api/ready: the database answers and this build's migrations are applied (docs/deployment.md);
// 503 with Retry-After otherwise, so a balancer sends the instance nothing until it is.
import { readiness } from "@/src/server/ops/readiness";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const state = await readiness();
  if (state.ready) return Response.json({ status: "ready", migrations: state.migrations }, { headers: { "cache-control": "no-store" } });
  return Response.json(
    { status: "unavailable", reason: state.reason },
    { status: 503, headers: { "cache-control": "no-store", "retry-after": "5" } },
  );
}
