// No input, however malformed, produces a 500: arbitrary JSON, valid bodies with one field replaced
// by anything, raw strings, query strings and ids, thrown at every JSON endpoint.
import fc from "fast-check";
import { beforeAll, expect, test } from "vitest";
import * as closePlan from "@/app/api/v1/opportunities/[id]/close-plan/route";
import * as contacts from "@/app/api/v1/opportunities/[id]/contacts/route";
import * as attest from "@/app/api/v1/opportunities/[id]/criteria/[key]/route";
import * as disqualify from "@/app/api/v1/opportunities/[id]/disqualify/route";
import * as one from "@/app/api/v1/opportunities/[id]/route";
import * as transitions from "@/app/api/v1/opportunities/[id]/transitions/route";
import * as opportunities from "@/app/api/v1/opportunities/route";
import * as processes from "@/app/api/v1/processes/route";
import * as teams from "@/app/api/v1/teams/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as user from "@/app/api/v1/users/[id]/route";
import * as users from "@/app/api/v1/users/route";
import { call } from "../support/http";
import { createOrg } from "../support/fixtures";
import { createDeal, dealBody, ensureDefaults } from "../support/deals";

let org: Awaited<ReturnType<typeof createOrg>>;
let dealId: string;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  dealId = (await createDeal(org.rep.token)).id;
});

type Endpoint = {
  name: string;
  handler: any;
  method: string;
  valid: () => Record<string, unknown>;
  token: () => string;
  params?: () => Record<string, string>;
};

const endpoints: Endpoint[] = [
  { name: "tokens", handler: tokens.POST, method: "POST", valid: () => ({ email: org.rep.email, password: "x" }), token: () => "" },
  {
    name: "users",
    handler: users.POST,
    method: "POST",
    valid: () => ({ email: "a@b.test", name: "A", password: "long enough pass", role: "rep" }),
    token: () => org.admin.token,
  },
  {
    name: "user",
    handler: user.PATCH,
    method: "PATCH",
    valid: () => ({ active: true }),
    token: () => org.admin.token,
    params: () => ({ id: org.outsider.id }),
  },
  { name: "teams", handler: teams.POST, method: "POST", valid: () => ({ name: "T", target: 10 }), token: () => org.admin.token },
  { name: "processes", handler: processes.POST, method: "POST", valid: () => ({ template: "six_steps" }), token: () => org.admin.token },
  { name: "create", handler: opportunities.POST, method: "POST", valid: () => dealBody(), token: () => org.rep.token },
  {
    name: "patch",
    handler: one.PATCH,
    method: "PATCH",
    valid: () => ({ version: 1, amount: 10, closeDate: "2027-05-01", reason: "x" }),
    token: () => org.rep.token,
    params: () => ({ id: dealId }),
  },
  {
    name: "attest",
    handler: attest.POST,
    method: "POST",
    valid: () => ({ satisfied: true, version: 1 }),
    token: () => org.rep.token,
    params: () => ({ id: dealId, key: "decision_maker_meeting" }),
  },
  {
    name: "move",
    handler: transitions.POST,
    method: "POST",
    valid: () => ({ toStage: "qualify", version: 1, lost: { reasonCategory: "x" }, override: { justification: "y" } }),
    token: () => org.manager.token,
    params: () => ({ id: dealId }),
  },
  {
    name: "disqualify",
    handler: disqualify.POST,
    method: "POST",
    valid: () => ({ reason: "x", version: 1 }),
    token: () => org.rep.token,
    params: () => ({ id: dealId }),
  },
  {
    name: "contacts",
    handler: contacts.PUT,
    method: "PUT",
    valid: () => ({ version: 1, contacts: [{ name: "A", role: "champion" }] }),
    token: () => org.rep.token,
    params: () => ({ id: dealId }),
  },
  {
    name: "close plan",
    handler: closePlan.PUT,
    method: "PUT",
    valid: () => ({ version: 1, steps: [{ title: "A", dueDate: "2027-01-01", ownerName: "B" }] }),
    token: () => org.rep.token,
    params: () => ({ id: dealId }),
  },
];

function assertHandled(res: { status: number; body: any }) {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) expect(res.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
}

const runs = { numRuns: 25 };

for (const ep of endpoints) {
  test(`${ep.name}: arbitrary JSON, mutated bodies and raw text never give a 500`, async () => {
    const send = (body: unknown) => call(ep.handler, { token: ep.token() || undefined, method: ep.method, params: ep.params?.(), body });
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ stringUnit: "binary" }), async (body) => assertHandled(await send(body))),
      runs,
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(ep.valid())), fc.anything({ stringUnit: "binary" }), async (key, value) => {
        const body = { ...ep.valid(), [key]: value };
        let json: string;
        try {
          json = JSON.stringify(body, (_, v) => (typeof v === "bigint" ? Number(v) : v)) ?? "null";
        } catch {
          return; // not representable as JSON (cycles): a client cannot send it either
        }
        assertHandled(await send(json));
      }),
      runs,
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary" }), async (raw) => assertHandled(await send(raw === "" ? " " : raw))),
      runs,
    );
  });
}

test("arbitrary ids, keys and query strings never give a 500", async () => {
  await fc.assert(
    fc.asyncProperty(fc.string({ maxLength: 300, unit: "binary" }), fc.string({ maxLength: 80, unit: "binary" }), async (id, key) => {
      assertHandled(await call(one.GET, { token: org.rep.token, params: { id } }));
      assertHandled(await call(attest.POST, { token: org.rep.token, params: { id, key }, body: { satisfied: true, version: 1 } }));
    }),
    runs,
  );
  await fc.assert(
    fc.asyncProperty(
      fc.dictionary(fc.constantFrom("limit", "cursor", "stage", "ownerId", "status", "x"), fc.string({ unit: "binary" })),
      async (q) => {
        const qs = new URLSearchParams(q).toString();
        assertHandled(await call(opportunities.GET, { token: org.rep.token, path: `/api/v1/opportunities?${qs}` }));
      },
    ),
    runs,
  );
});
