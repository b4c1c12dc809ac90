// Text PostgreSQL cannot store faithfully is a 400 naming the field, on both databases. A lone UTF-16
// surrogate ("\ud800" in a JSON string) answered 500: both drivers write it into a text column as
// U+FFFD without a word, and the history's JSON column refuses it ("Unicode low surrogate must follow
// a high surrogate").
import { beforeAll, describe, expect, test, vi } from "vitest";
import * as closePlan from "@/app/api/v1/opportunities/[id]/close-plan/route";
import * as contacts from "@/app/api/v1/opportunities/[id]/contacts/route";
import * as one from "@/app/api/v1/opportunities/[id]/route";
import * as opportunities from "@/app/api/v1/opportunities/route";
import { createDealAction } from "@/app/opportunities/new/actions";
import { createTokenAction } from "@/app/settings/actions";
import { unstorableText } from "@/src/http/unstorable-text";
import { verifyCredentials } from "@/src/server/auth/verify-credentials";
import { db } from "@/src/server/db";
import { signInAs } from "../support/action-session";
import { createDeal, dealBody, ensureDefaults } from "../support/deals";
import { createOrg } from "../support/fixtures";
import { call } from "../support/http";

vi.mock("next/headers", async () => (await import("../support/action-session")).nextHeaders);
vi.mock("next/cache", () => ({ refresh: () => undefined }));

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});

const SURROGATE = "contains a lone UTF-16 surrogate (not valid Unicode)";

test("a NUL character or a lone surrogate in a string is a 400 naming each field", async () => {
  const res = await call(opportunities.POST, { token: org.rep.token, body: dealBody({ name: "a\u0000b", accountName: "\ud800" }) });
  expect(res.status).toBe(400);
  expect(res.body.error.details.fields).toEqual([
    { field: "name", message: "contains a NUL character" },
    { field: "accountName", message: SURROGATE },
  ]);
});

describe("a lone surrogate in any text field is a 400 naming it, and nothing is written", () => {
  test.each([
    ["a high surrogate", "Acme \ud800"],
    ["a low surrogate", "\udc00 Acme"],
    ["a pair in the wrong order", "\udc00\ud800"],
  ])("%s when creating a deal", async (_, accountName) => {
    const body = JSON.stringify(dealBody({ accountName }));
    expect(body).toMatch(/\\ud[89a-f]/); // sent as a JSON escape, the only way it can travel
    const res = await call(opportunities.POST, { token: org.rep.token, body });
    expect([res.status, res.body.error.details.fields]).toEqual([400, [{ field: "accountName", message: SURROGATE }]]);
    expect(await db().opportunity.count({ where: { accountName: { contains: "Acme" } } })).toBe(0);
  });

  test("in an edit, a nested contact, a close plan step, and a key", async () => {
    const deal = await createDeal(org.rep.token);
    const auth = { token: org.rep.token, params: { id: deal.id } };
    const patch = await call(one.PATCH, { ...auth, method: "PATCH", body: { version: deal.version, nextStep: "ok", reason: "x\ud83d" } });
    const people = await call(contacts.PUT, {
      ...auth,
      method: "PUT",
      body: {
        version: deal.version,
        contacts: [
          { name: "Ann", role: "champion" },
          { name: "Bo", title: "\udfff", role: "economic_buyer" },
        ],
      },
    });
    const plan = await call(closePlan.PUT, { ...auth, method: "PUT", body: { version: deal.version, steps: [{ title: "\ud800", dueDate: null }] } });
    const key = await call(one.PATCH, { ...auth, method: "PATCH", body: { version: deal.version, "\ud800": 1 } });
    expect(patch.body.error.details.fields).toEqual([{ field: "reason", message: SURROGATE }]);
    expect(people.body.error.details.fields).toEqual([{ field: "contacts.1.title", message: SURROGATE }]);
    expect(plan.body.error.details.fields).toEqual([{ field: "steps.0.title", message: SURROGATE }]);
    expect(key.body.error.details.fields).toEqual([{ field: "(body)", message: `has a key that ${SURROGATE}` }]);
    expect([patch.status, people.status, plan.status, key.status]).toEqual([400, 400, 400, 400]);
    expect((await call(one.GET, auth)).body.version).toBe(deal.version);
  });

  test("through a server action's arguments, as through the API", async () => {
    await signInAs(org.rep);
    const result = await createDealAction(dealBody({ name: "Rollout \udbff" }));
    expect(result).toEqual({
      ok: false,
      error: { code: "VALIDATION_FAILED", message: "Some fields are not valid.", details: { fields: [{ field: "name", message: SURROGATE }] } },
    });
  });
});

describe("forms read by server actions, which reach their schemas without the API's walk", () => {
  test("a token name from the settings page is refused with the field named, and no token is made", async () => {
    await signInAs(org.rep);
    const before = await db().apiToken.count({ where: { userId: org.rep.id } });
    // A form cannot carry a lone surrogate (form values are USVStrings: it arrives as U+FFFD); a NUL it can.
    for (const name of ["Laptop\u0000", "\u0000"]) {
      const form = new FormData();
      form.set("name", name);
      form.set("expiresIn", "never");
      const result = await createTokenAction({ status: "idle" }, form);
      expect(result).toMatchObject({ status: "invalid" });
      expect(result).toMatchObject({ error: "contains a NUL character" });
    }
    expect(await db().apiToken.count({ where: { userId: org.rep.id } })).toBe(before);
  });

  test("an e-mail that cannot be stored signs no one in, as an unknown one, without reaching the database", async () => {
    for (const email of [`${org.rep.email}\u0000`, "\udc00@example.test"])
      await expect(verifyCredentials(db(), { email, password: "whatever it is 1", clientAddress: "203.0.113.9" })).rejects.toMatchObject({
        code: "UNAUTHENTICATED",
      });
  });
});

test("characters outside the Basic Multilingual Plane (a surrogate pair) are stored as sent", async () => {
  const name = "Launch 🚀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢";
  const deal = await createDeal(org.rep.token, { name });
  expect(deal.name).toBe(name);
  expect((await db().opportunity.findUniqueOrThrow({ where: { id: deal.id } })).name).toBe(name);
});

describe("the walk that finds such text", () => {
  test("goes as deep as the input without overflowing the stack", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const [problem] = unstorableText(deep);
    expect(problem?.path).toHaveLength(200_000);
  });

  test("ends on cyclic input (server action arguments may refer back to themselves)", () => {
    const a: Record<string, unknown> = { name: "ok" };
    a.self = a;
    a.list = [a, { title: "\ud800" }];
    expect(unstorableText(a)).toEqual([{ path: ["list", "1", "title"], message: SURROGATE }]);
  });
});
