import { beforeAll, describe, expect, test } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as users from "@/app/api/v1/users/route";
import { call } from "../support/http";
import { createOrg } from "../support/fixtures";

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  org = await createOrg();
});

const newUser = (extra: Record<string, unknown> = {}) => ({
  email: `new-${Math.random().toString(36).slice(2)}@example.test`,
  name: "Jordan Reyes",
  password: "a long enough password",
  role: "rep",
  ...extra,
});

describe("admin endpoints refuse every other role", () => {
  for (const who of ["rep", "manager", "finance"] as const) {
    test(`${who}: POST /users, GET /users, POST /teams, GET /teams are 403`, async () => {
      const token = org[who].token;
      const results = [
        await call(users.POST, { token, body: newUser() }),
        await call(users.GET, { token }),
        await call(teams.POST, { token, body: { name: `Team by ${who}` } }),
        await call(teams.GET, { token }),
      ];
      for (const res of results) {
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe("FORBIDDEN");
      }
    });
  }

  test("without credentials they are 401", async () => {
    expect((await call(users.POST, { body: newUser() })).status).toBe(401);
    expect((await call(teams.GET)).status).toBe(401);
  });
});

describe("POST /api/v1/users", () => {
  test("an admin creates a user who can then get a token", async () => {
    const body = newUser({ role: "deal_desk", groups: ["legal"], email: "  Casey.Legal@Example.TEST " });
    const res = await call(users.POST, { token: org.admin.token, body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: "casey.legal@example.test", role: "deal_desk", groups: ["legal"], teamId: null, active: true });
    expect(res.body).not.toHaveProperty("passwordHash");
    const token = await call(tokens.POST, { body: { email: "casey.legal@example.test", password: body.password } });
    expect(token.status).toBe(201);
  });

  test("a user joins an existing team", async () => {
    const res = await call(users.POST, { token: org.admin.token, body: newUser({ teamId: org.team.id }) });
    expect(res.status).toBe(201);
    expect(res.body.teamId).toBe(org.team.id);
  });

  test("a second user with the same email is 409", async () => {
    const res = await call(users.POST, { token: org.admin.token, body: newUser({ email: org.rep.email.toUpperCase() }) });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("CONFLICT");
  });

  test.each([
    ["a bad email", { email: "not-an-email" }, ["email"]],
    ["a short password", { password: "short" }, ["password"]],
    ["a common password", { password: "password1234" }, ["password"]],
    ["an unknown role", { role: "superuser" }, ["role"]],
    ["groups for a rep", { groups: ["finance"] }, ["groups"]],
    ["a deal desk user without a group", { role: "deal_desk" }, ["groups"]],
    ["an unknown group", { role: "deal_desk", groups: ["marketing"] }, ["groups.0"]],
    ["a missing name", { name: "   " }, ["name"]],
    ["an unknown team", { teamId: "no-such-team" }, ["teamId"]],
  ])("%s is 400 naming the field", async (_, extra, fields) => {
    const res = await call(users.POST, { token: org.admin.token, body: newUser(extra) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(fields);
  });

  test("a password that is easy to guess is refused with the estimator's advice", async () => {
    const res = await call(users.POST, { token: org.admin.token, body: newUser({ password: "qwertyuiop12" }) });
    expect(res.body.error.details.fields).toEqual([
      { field: "password", message: "too easy to guess: This is similar to a commonly used password. Add more words that are less common." },
    ]);
    expect((await call(users.POST, { token: org.admin.token, body: newUser({ password: "kettle orb9" }) })).body.error.details.fields).toEqual([
      { field: "password", message: "at least 12 characters" },
    ]);
  });

  test("GET lists users for the admin, without password hashes", async () => {
    const res = await call(users.GET, { token: org.admin.token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((u: { email: string }) => u.email)).toContain(org.rep.email);
    expect(JSON.stringify(res.body)).not.toContain("scrypt");
  });
});

describe("POST /api/v1/teams", () => {
  test("an admin creates a team with a manager and a target", async () => {
    const res = await call(teams.POST, {
      token: org.admin.token,
      body: { name: "Strategic", managerId: org.manager.id, target: 1250000.5 },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "Strategic", managerId: org.manager.id, target: 1250000.5 });
    const list = await call(teams.GET, { token: org.admin.token });
    expect(list.body.items.map((t: { name: string }) => t.name)).toEqual(["Enterprise", "Mid-Market", "Strategic"]);
  });

  test.each([
    ["an empty name", { name: "" }, "name"],
    ["a manager who is not a manager", { name: "X", managerId: "REP" }, "managerId"],
    ["an unknown manager", { name: "Y", managerId: "nobody" }, "managerId"],
    ["a target with fractions of a cent", { name: "Z", target: 10.001 }, "target"],
    ["a negative target", { name: "W", target: -5 }, "target"],
  ])("%s is 400", async (_, body: Record<string, unknown>, field) => {
    const resolved = { ...body, ...(body.managerId === "REP" ? { managerId: org.rep.id } : {}) };
    const res = await call(teams.POST, { token: org.admin.token, body: resolved });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual([field]);
  });

  test("a duplicate name is 409", async () => {
    const res = await call(teams.POST, { token: org.admin.token, body: { name: "Enterprise" } });
    expect(res.status).toBe(409);
  });
});
