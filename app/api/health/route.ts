// GET /api/health: the process answers (docs/deployment.md). It asks nothing of the database, so a
// balancer tells an instance that is down from a database that is.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
