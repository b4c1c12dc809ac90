// The closing's settings through the API (docs/rules/closing.md): everyone reads them, admins change
// them, each part checked; loss categories keep their keys and a Closed Lost move must use one in use.
import { beforeAll, describe, expect, test } from "vitest";
import * as settings from "@/app/api/v1/closing/settings/route";
import * as transitions from "@/app/api/v1/opportunities/[id]/transitions/route";
import { DEFAULT_SLACK_TEMPLATE } from "@/src/domain/closing/templates";
import { createDeal, currentVersion, ensureDefaults, satisfyStages } from "../support/deals";
import { createOrg } from "../support/fixtures";
import { call } from "../support/http";

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});

const put = (body: Record<string, unknown>, token = org.admin.token) => call(settings.PUT, { token, body });
const read = (token = org.rep.token) => call(settings.GET, { token });

async function loseDeal(reasonCategory: string) {
  const deal = await createDeal(org.rep.token);
  await satisfyStages(deal.id, ["identify"], org.rep.id);
  await call(transitions.POST, {
    token: org.rep.token,
    params: { id: deal.id },
    body: { version: await currentVersion(deal.id), toStage: "qualify" },
  });
  return call(transitions.POST, {
    token: org.rep.token,
    params: { id: deal.id },
    body: {
      version: await currentVersion(deal.id),
      toStage: "closed_lost",
      lost: { reasonCategory, explanation: "They went quiet", competitor: "none", missingFunctionality: "none" },
    },
  });
}

describe("reading", () => {
  test.each(["rep", "manager", "finance", "admin"] as const)("%s reads the settings, defaults included", async (role) => {
    const res = await read(org[role].token);
    expect(res.status).toBe(200);
    expect(res.body.missedConnectionsCadence).toEqual(expect.any(Array));
    expect(res.body.lossCategories.length).toBeGreaterThan(0);
    expect(Object.keys(res.body.placeholders.slack)).toContain("whyWon");
  });
});

describe("changing", () => {
  test.each(["rep", "manager", "finance"] as const)("%s may not change them", async (role) => {
    const res = await put({ missedConnectionsCadence: [7, 14] }, org[role].token);
    expect(res.status).toBe(403);
  });

  test("an admin changes the #wins template; what is not sent stays", async () => {
    const before = (await read()).body;
    const res = await put({ slackTemplate: { text: ":tada: {{deal}} won by {{owner}}" } });
    expect(res.status).toBe(200);
    expect(res.body.slackTemplate.text).toBe(":tada: {{deal}} won by {{owner}}");
    expect(res.body.welcomeTemplate).toEqual(before.welcomeTemplate);
    await put({ slackTemplate: DEFAULT_SLACK_TEMPLATE });
  });

  test.each([
    [{ slackTemplate: { text: "Won {{contact}}" } }, "slackTemplate.text", /not a placeholder here/],
    [{ slackTemplate: { text: "Won {{deal" } }, "slackTemplate.text", /cannot be read/],
    [{ slackTemplate: { text: "{{{deal}}}" } }, "slackTemplate.text", /Only \{\{placeholder\}\} tags/],
    [{ welcomeTemplate: { subject: " ", text: "Hi", html: "<p>Hi</p>" } }, "welcomeTemplate.subject", /required/],
    [{ welcomeTemplate: { subject: "Hi {{whyWon}}", text: "Hi", html: "<p>Hi</p>" } }, "welcomeTemplate.subject", /not a placeholder/],
    [{ missedConnectionsCadence: [30, 14] }, "missedConnectionsCadence", /must come after/],
    [{ missedConnectionsCadence: [] }, "missedConnectionsCadence", /at least one/],
    [{ lossCategories: [{ label: "Price" }, { label: "price" }] }, "lossCategories", /twice/],
  ])("%j is refused, naming %s", async (body, field, message) => {
    const res = await put(body);
    expect(res.status).toBe(400);
    const problem = res.body.error.details.fields.find((f: any) => f.field === field);
    expect(problem?.message).toMatch(message);
  });

  test("a refused change writes nothing, even its valid parts", async () => {
    const before = (await read()).body;
    const res = await put({ missedConnectionsCadence: [5, 10], slackTemplate: { text: "{{nope}}" } });
    expect(res.status).toBe(400);
    expect((await read()).body).toEqual(before);
  });

  test("bad shapes are 400s naming the field", async () => {
    for (const body of [{ missedConnectionsCadence: ["14"] }, { lossCategories: "price" }, { colour: "red" }]) {
      const res = await put(body);
      expect(res.status).toBe(400);
    }
  });
});

describe("loss categories and Closed Lost", () => {
  test("a renamed category keeps its key; one left out is retired and refused by a loss, a new one is taken", async () => {
    const current = (await read()).body.lossCategories as { key: string; label: string; retired: boolean }[];
    const kept = current.filter((c) => c.key !== "timing" && !c.retired).map((c) => (c.key === "price" ? { ...c, label: "Price too high" } : c));
    const res = await put({ lossCategories: [...kept, { label: "Security review failed" }] });
    expect(res.status).toBe(200);
    const list = res.body.lossCategories as { key: string; label: string; retired: boolean }[];
    expect(list.find((c) => c.key === "price")).toMatchObject({ label: "Price too high", retired: false });
    expect(list.find((c) => c.key === "timing")).toMatchObject({ retired: true });
    expect(list.find((c) => c.key === "security_review_failed")).toMatchObject({ retired: false });

    const retired = await loseDeal("timing");
    expect(retired.status).toBe(400);
    expect(retired.body.error.details.fields[0]).toMatchObject({ field: "lost.reasonCategory" });
    expect((await loseDeal("security_review_failed")).status).toBe(200);
    expect((await loseDeal("price")).status).toBe(200);

    // Back on the list: usable again.
    await put({ lossCategories: list.map((c) => ({ ...c, retired: false })) });
    expect((await loseDeal("timing")).status).toBe(200);
  });
});
