// Regression: with the process in a zone other than UTC, timestamps read by the one-statement SQL
// read (load-opportunity.ts) came back shifted by the zone's offset on the embedded database.
import { beforeAll, expect, test } from "vitest";
import * as one from "@/app/api/v1/opportunities/[id]/route";
import * as list from "@/app/api/v1/opportunities/route";
import { call } from "../support/http";
import { createOrg } from "../support/fixtures";
import { createDeal, ensureDefaults } from "../support/deals";

process.env.TZ = "Asia/Tokyo";
let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});

test("a deal's timestamps read the same through every path, whatever the process's time zone", async () => {
  const before = Date.now();
  const deal = await createDeal(org.rep.token);
  const viaGet = (await call(one.GET, { token: org.rep.token, params: { id: deal.id } })).body;
  const viaList = (await call(list.GET, { token: org.rep.token })).body.items.find((d: any) => d.id === deal.id);
  for (const field of ["createdAt", "stageEnteredAt"]) {
    expect(viaGet[field]).toBe(viaList[field]);
    expect(Math.abs(Date.parse(viaGet[field]) - before)).toBeLessThan(60_000);
  }
});
