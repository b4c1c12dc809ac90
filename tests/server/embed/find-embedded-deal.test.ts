// Which deal an embed page shows (src/server/embed/find-embedded-deal.ts): by id or by the CRM record
// it mirrors, and only one the user may see, as the deal page; anything else is not found (404).
import { beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/src/auth/actor";
import { db } from "@/src/server/db";
import { findEmbeddedDeal } from "@/src/server/embed/find-embedded-deal";
import { actorOf, insertDeal } from "../../support/board";
import { ensureDefaults } from "../../support/deals";
import { createOrg } from "../../support/fixtures";

let org: Awaited<ReturnType<typeof createOrg>>;
let dealId: string;
const actors: Record<string, Actor> = {};
const RECORD = "0065g00000Embed1";

beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  for (const [k, u] of Object.entries({
    rep: org.rep,
    teammate: org.teammate,
    manager: org.manager,
    outsider: org.outsider,
    admin: org.admin,
    finance: org.finance,
  }))
    actors[k] = await actorOf(u);
  dealId = await insertDeal(org.rep.id, { name: "Embedded Co", amount: 40_000, closeDate: "2027-03-31", stage: "discover" });
  await db().opportunity.update({ where: { id: dealId }, data: { externalSource: "salesforce", externalId: RECORD } });
});

const byRecord = (actor: Actor, source: string, externalId: string) => findEmbeddedDeal(actor, { source, externalId });

describe("by the CRM record", () => {
  test("the deal that mirrors it, for its owner, their manager and an admin", async () => {
    for (const who of ["rep", "manager", "admin"])
      expect(await byRecord(actors[who]!, "salesforce", RECORD), who).toEqual({ id: dealId, name: "Embedded Co" });
  });

  test("not found for someone who may not see the deal: another team's rep, a teammate, the deal desk before a request", async () => {
    for (const who of ["outsider", "teammate", "finance"]) expect(await byRecord(actors[who]!, "salesforce", RECORD), who).toBeNull();
  });

  test("not found for an unknown record, the same id of another CRM, or a malformed address", async () => {
    expect(await byRecord(actors.rep!, "salesforce", "0065g00000Unknown")).toBeNull();
    expect(await byRecord(actors.rep!, "hubspot", RECORD)).toBeNull();
    expect(await byRecord(actors.rep!, "Sales Force", RECORD)).toBeNull();
    expect(await byRecord(actors.rep!, "salesforce", "has space")).toBeNull();
    expect(await byRecord(actors.rep!, "salesforce", "x".repeat(256))).toBeNull();
  });
});

describe("by id", () => {
  test("the deal for whoever may see it; not found for anyone else, or for an unknown id", async () => {
    expect(await findEmbeddedDeal(actors.rep!, { id: dealId })).toEqual({ id: dealId, name: "Embedded Co" });
    expect(await findEmbeddedDeal(actors.outsider!, { id: dealId })).toBeNull();
    expect(await findEmbeddedDeal(actors.rep!, { id: "nope" })).toBeNull();
    expect(await findEmbeddedDeal(actors.rep!, { id: "x".repeat(65) })).toBeNull();
  });
});
