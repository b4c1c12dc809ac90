// A move reads the active webhook endpoints with the deal, in the one statement every write starts
// with (docs/performance.md: a move's six statements): an endpoint adds only the INSERT of its
// message, and one not subscribed to the move's event adds nothing.
import { beforeAll, expect, test } from "vitest";
import { countQueries, installQueryCounter } from "@/bench/count-queries";
import { moveOpportunity } from "@/src/server/opportunities/move-opportunity";
import { createWebhook } from "@/src/server/webhooks/endpoints";
import type { WebhookEvent } from "@/src/schemas/webhooks";
import { actorOf } from "../../support/board";
import { createDeal, currentVersion, ensureDefaults, satisfyStages } from "../../support/deals";
import { createOrg } from "../../support/fixtures";

let org: Awaited<ReturnType<typeof createOrg>>;

beforeAll(async () => {
  installQueryCounter();
  await ensureDefaults();
  org = await createOrg();
});

async function statementsOfAMove() {
  const deal = await createDeal(org.rep.token);
  await satisfyStages(deal.id, ["identify"], org.rep.id);
  const actor = await actorOf(org.rep);
  const version = await currentVersion(deal.id);
  // Once first, so that the process version is cached as it is on a running server.
  return (await countQueries(() => moveOpportunity(actor, deal.id, { toStage: "qualify", version }))).count;
}

const register = async (events: WebhookEvent[]) =>
  createWebhook(
    await actorOf(org.admin),
    { url: "https://93.184.215.14/hook", events },
    { config: { allowHttp: false, rotationWindowMs: 1, disableAfterMs: 1 } },
  );

test("endpoints cost a move no statement of its own, only their messages' INSERTs", async () => {
  await statementsOfAMove();
  const without = await statementsOfAMove();
  await register(["approval.decided", "opportunity.created"]);
  expect(await statementsOfAMove()).toBe(without);
  await register(["opportunity.stage_changed"]);
  expect(await statementsOfAMove()).toBe(without + 1);
  await register(["opportunity.stage_changed", "approval.stale"]);
  expect(await statementsOfAMove()).toBe(without + 2);
});
