import { beforeAll, expect, test } from "vitest";
import * as opportunities from "@/app/api/v1/opportunities/route";
import { call } from "../support/http";
import { createOrg } from "../support/fixtures";
import { dealBody, ensureDefaults } from "../support/deals";

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});

test("a NUL character in a string is a 400 naming the field (PostgreSQL cannot store it)", async () => {
  const res = await call(opportunities.POST, { token: org.rep.token, body: dealBody({ name: "a\u0000b", accountName: "\ud800" }) });
  expect(res.status).toBe(400);
  expect(res.body.error.details.fields).toEqual([{ field: "name", message: "contains a NUL character" }]);
});
