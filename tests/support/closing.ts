// A won deal, as the closing's tests need one: made by its owner through the API, every open stage's
// criteria met, a customer contact in its buying group (Ana Silva, unless told otherwise), and moved
// to Closed Won through the API, which makes its checklist.
import { expect } from "vitest";
import * as transitions from "@/app/api/v1/opportunities/[id]/transitions/route";
import { db } from "@/src/server/db";
import { createDeal, currentVersion, satisfyStages } from "./deals";
import { call } from "./http";

type Options = { customerContact?: boolean; whyWon?: string };

/** The won deal's id. `deal`: the new deal's fields (its name and account, say). */
export async function wonDeal(
  owner: { id: string; token: string },
  deal: Record<string, unknown> = {},
  { customerContact = true, whyWon = "Best integration story" }: Options = {},
): Promise<string> {
  const { id } = await createDeal(owner.token, deal);
  await satisfyStages(id, ["identify", "qualify", "propose", "negotiate", "finalize"], owner.id);
  if (customerContact)
    await db().opportunityContact.create({ data: { opportunityId: id, name: "Ana Silva", email: "ana@envoy.example", role: "customer_contact" } });
  const res = await call(transitions.POST, {
    token: owner.token,
    params: { id },
    body: { version: await currentVersion(id), toStage: "closed_won", won: { whyWon } },
  });
  expect(res.status).toBe(200);
  return id;
}
