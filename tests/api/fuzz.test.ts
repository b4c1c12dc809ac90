// No input, however malformed, produces a 500: arbitrary JSON, valid bodies with one field replaced
// by anything or holding a lone surrogate, bodies nested at any depth, raw strings, query strings,
// ids and paths of any percent-encoding, thrown at every JSON endpoint.
import fc from "fast-check";
import { tryToParsePath } from "next/dist/lib/try-to-parse-path";
import { beforeAll, expect, test } from "vitest";
import * as approvalRequests from "@/app/api/v1/approval-requests/route";
import * as audit from "@/app/api/v1/audit/route";
import * as metricsDeals from "@/app/api/v1/metrics/deals/route";
import * as rule from "@/app/api/v1/deal-desk/rules/[id]/route";
import * as rules from "@/app/api/v1/deal-desk/rules/route";
import * as closingSettings from "@/app/api/v1/closing/settings/route";
import * as dealSizes from "@/app/api/v1/teams/[id]/deal-sizes/route";
import * as teamTargets from "@/app/api/v1/teams/[id]/targets/route";
import * as deskSettings from "@/app/api/v1/deal-desk/settings/route";
import * as checklistItem from "@/app/api/v1/opportunities/[id]/checklist/[item]/route";
import * as play from "@/app/api/v1/opportunities/[id]/plays/[playId]/route";
import * as plays from "@/app/api/v1/opportunities/[id]/plays/route";
import * as closePlan from "@/app/api/v1/opportunities/[id]/close-plan/route";
import * as contacts from "@/app/api/v1/opportunities/[id]/contacts/route";
import * as attest from "@/app/api/v1/opportunities/[id]/criteria/[key]/route";
import * as disqualify from "@/app/api/v1/opportunities/[id]/disqualify/route";
import * as one from "@/app/api/v1/opportunities/[id]/route";
import * as byExternal from "@/app/api/v1/opportunities/by-external/[source]/[externalId]/route";
import * as transitions from "@/app/api/v1/opportunities/[id]/transitions/route";
import * as opportunities from "@/app/api/v1/opportunities/route";
import * as processDraft from "@/app/api/v1/processes/[key]/draft/route";
import * as oneProcess from "@/app/api/v1/processes/[key]/route";
import * as publishDraft from "@/app/api/v1/processes/[key]/draft/publish/route";
import * as dealMoves from "@/app/api/v1/processes/[key]/deal-moves/route";
import * as processes from "@/app/api/v1/processes/route";
import { fromProcessDefinition } from "@/src/domain/process/draft";
import { findTemplate } from "@/src/domain/process/templates";
import { createDraft } from "@/src/server/process/drafts";
import * as deputy from "@/app/api/v1/teams/[id]/approval-deputy/route";
import * as team from "@/app/api/v1/teams/[id]/route";
import * as teams from "@/app/api/v1/teams/route";
import * as invitation from "@/app/api/v1/users/[id]/invitation/route";
import * as userOpenDeals from "@/app/api/v1/users/[id]/open-deals/route";
import * as reassign from "@/app/api/v1/users/[id]/reassign-deals/route";
import * as invitations from "@/app/api/v1/users/invitations/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as user from "@/app/api/v1/users/[id]/route";
import * as users from "@/app/api/v1/users/route";
import * as webhook from "@/app/api/v1/webhooks/[id]/route";
import * as webhooks from "@/app/api/v1/webhooks/route";
import * as testMessage from "@/app/api/v1/integrations/test-message/route";
import { createWebhook } from "@/src/server/webhooks/endpoints";
import { config as proxyConfig } from "@/proxy";
import { db } from "@/src/server/db";
import { refuseUndecodablePath } from "@/src/http/undecodable-path";
import { call } from "../support/http";
import { createOrg } from "../support/fixtures";
import { createDeal, dealBody, ensureDefaults } from "../support/deals";
import { actorOf, insertDeal } from "../support/board";
import { startPlay } from "@/src/server/closing/plays";
import { addDays, toCalendarDate } from "@/src/domain/dates";
import { DEAL_FIGURES, FIGURE_KINDS } from "@/src/domain/metrics/deal-figures";

let org: Awaited<ReturnType<typeof createOrg>>;
let dealId: string;
let ruleId: string;
let lostId: string;
let playId: string;
let webhookId: string;
const inDays = (n: number) => addDays(toCalendarDate(new Date()), n);
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  dealId = (await createDeal(org.rep.token)).id;
  ruleId = (await db().dealDeskRule.findUniqueOrThrow({ where: { key: "large_deal" } })).id;
  lostId = await insertDeal(org.rep.id, {
    name: "Lost",
    amount: 1000,
    closeDate: inDays(-10),
    stage: "closed_lost",
    status: "lost",
    closedAt: new Date(),
  });
  playId = (await startPlay(await actorOf(org.rep), lostId, { kind: "raise_the_dead", remindOn: inDays(5) })).plays[0]!.id;
  await createDraft(await actorOf(org.admin), "fuzz_draft", { template: "six_steps" });
  webhookId = (await createWebhook(await actorOf(org.admin), { url: "https://93.184.215.14/hook", events: ["approval.stale"] })).id;
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
  {
    name: "user profile",
    handler: user.PATCH,
    method: "PATCH",
    valid: () => ({ role: "deal_desk", teamId: null, groups: ["legal"] }),
    token: () => org.admin.token,
    params: () => ({ id: org.teammate.id }),
  },
  {
    name: "invitations",
    handler: invitations.POST,
    method: "POST",
    valid: () => ({ email: "invited@b.test", name: "A", role: "deal_desk", teamId: null, groups: ["finance"] }),
    token: () => org.admin.token,
  },
  {
    name: "reassign deals",
    handler: reassign.POST,
    method: "POST",
    valid: () => ({ toUserId: org.rep.id, opportunityIds: [dealId] }),
    token: () => org.admin.token,
    params: () => ({ id: org.outsider.id }),
  },
  { name: "teams", handler: teams.POST, method: "POST", valid: () => ({ name: "T", target: 10 }), token: () => org.admin.token },
  {
    name: "team",
    handler: team.PATCH,
    method: "PATCH",
    valid: () => ({ name: "Renamed", managerId: org.manager.id }),
    token: () => org.admin.token,
    params: () => ({ id: org.otherTeam.id }),
  },
  { name: "processes", handler: processes.POST, method: "POST", valid: () => ({ template: "six_steps" }), token: () => org.admin.token },
  {
    name: "change a process",
    handler: oneProcess.PATCH,
    method: "PATCH",
    valid: () => ({ isDefault: true, opportunityType: null }),
    token: () => org.admin.token,
    params: () => ({ key: "standard_b2b" }),
  },
  {
    name: "start a process draft",
    handler: processDraft.POST,
    method: "POST",
    valid: () => ({ template: "six_steps" }),
    token: () => org.admin.token,
    params: () => ({ key: "fuzz_other_draft" }),
  },
  {
    name: "save a process draft",
    handler: processDraft.PUT,
    method: "PUT",
    valid: () => ({ version: 1, definition: fromProcessDefinition(findTemplate("six_steps")!) }),
    token: () => org.admin.token,
    params: () => ({ key: "fuzz_draft" }),
  },
  {
    name: "publish a process draft",
    handler: publishDraft.POST,
    method: "POST",
    valid: () => ({ version: 1, note: "n", makeDefault: false }),
    token: () => org.admin.token,
    params: () => ({ key: "fuzz_draft" }),
  },
  {
    name: "move deals onto the latest process version",
    handler: dealMoves.POST,
    method: "POST",
    valid: () => ({ fromVersion: 1, dealIds: [dealId] }),
    token: () => org.admin.token,
    params: () => ({ key: "standard_b2b" }),
  },
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
  {
    name: "add a deal desk rule",
    handler: rules.POST,
    method: "POST",
    valid: () => ({ key: "fuzzed", label: "L", condition: { term: "term_months", op: "outside", min: 6, max: 60 }, groups: ["finance"] }),
    token: () => org.admin.token,
  },
  {
    name: "change a deal desk rule",
    handler: rule.PATCH,
    method: "PATCH",
    valid: () => ({ version: 1, label: "L", condition: { term: "amount", op: "gte", value: 1000 }, groups: ["legal"], active: false, position: 3 }),
    token: () => org.admin.token,
    params: () => ({ id: ruleId }),
  },
  { name: "deal desk settings", handler: deskSettings.PUT, method: "PUT", valid: () => ({ turnaroundHours: 24 }), token: () => org.admin.token },
  {
    name: "approval deputy",
    handler: deputy.PUT,
    method: "PUT",
    valid: () => ({ userId: org.manager.id }),
    token: () => org.admin.token,
    params: () => ({ id: org.otherTeam.id }),
  },
  {
    name: "team target",
    handler: teamTargets.PUT,
    method: "PUT",
    valid: () => ({ from: "2026-10-01", to: "2026-12-31", amount: 1000, currency: "USD" }),
    token: () => org.admin.token,
    params: () => ({ id: org.otherTeam.id }),
  },
  {
    name: "deal sizes",
    handler: dealSizes.PUT,
    method: "PUT",
    valid: () => ({ rockFrom: 50000, stoneFrom: 10000 }),
    token: () => org.admin.token,
    params: () => ({ id: org.otherTeam.id }),
  },
  {
    name: "closing settings",
    handler: closingSettings.PUT,
    method: "PUT",
    valid: () => ({
      slackTemplate: { text: "{{deal}}" },
      welcomeTemplate: { subject: "Hi", text: "Hi {{contact}}", html: "<p>Hi</p>" },
      lossCategories: [{ key: "price", label: "Price" }],
      missedConnectionsCadence: [14, 30],
    }),
    token: () => org.admin.token,
  },
  {
    name: "checklist item",
    handler: checklistItem.POST,
    method: "POST",
    valid: () => ({ action: "send", confirm: true, handoff: { csm: { name: "A", email: "a@b.example" }, startsAt: "2030-01-01T10:00:00Z" } }),
    token: () => org.rep.token,
    params: () => ({ id: dealId, item: "handoff_meeting" }),
  },
  {
    name: "start play",
    handler: plays.POST,
    method: "POST",
    valid: () => ({ kind: "raise_the_dead", remindOn: inDays(30), note: "Budget in Q3" }),
    token: () => org.rep.token,
    params: () => ({ id: lostId }),
  },
  {
    name: "play snooze",
    handler: play.POST,
    method: "POST",
    valid: () => ({ action: "snooze", remindOn: inDays(400) }),
    token: () => org.rep.token,
    params: () => ({ id: lostId, playId }),
  },
  {
    name: "play reopen",
    handler: play.POST,
    method: "POST",
    valid: () => ({ action: "reopen", toStage: "closed_lost", reason: "They called back" }),
    token: () => org.rep.token,
    params: () => ({ id: lostId, playId }),
  },
  {
    name: "play answered",
    handler: play.POST,
    method: "POST",
    valid: () => ({ action: "buyer_answered", note: "Replied" }),
    token: () => org.rep.token,
    params: () => ({ id: lostId, playId }),
  },
  {
    name: "sync create",
    handler: byExternal.PUT,
    method: "PUT",
    valid: () => dealBody({ stage: "qualify", buyingProcess: "Committee", lost: { reasonCategory: "x" }, won: { whyWon: "y" } }),
    token: () => org.rep.token,
    params: () => ({ source: "salesforce", externalId: "0065g00000Fuzz1" }),
  },
  {
    name: "sync update",
    handler: byExternal.PUT,
    method: "PUT",
    valid: () => ({ version: 1, amount: 10, closeDate: "2027-05-01", reason: "x", stage: "qualify", ownerId: org.rep.id }),
    token: () => org.rep.token,
    params: () => ({ source: "salesforce", externalId: "0065g00000Fuzz1" }),
  },
  {
    name: "register a webhook",
    handler: webhooks.POST,
    method: "POST",
    valid: () => ({ url: "https://93.184.215.14/hook", events: ["approval.decided"], description: "CRM" }),
    token: () => org.admin.token,
  },
  {
    name: "change a webhook",
    handler: webhook.PATCH,
    method: "PATCH",
    valid: () => ({ url: "https://93.184.215.14/other", events: ["approval.stale"], description: "CRM", active: true }),
    token: () => org.admin.token,
    params: () => ({ id: webhookId }),
  },
  { name: "test message", handler: testMessage.POST, method: "POST", valid: () => ({ channel: "slack" }), token: () => org.admin.token },
];

function assertHandled(res: { status: number; body: any }) {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) expect(res.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
}

const runs = { numRuns: 25 };

for (const ep of endpoints) {
  test(`${ep.name}: arbitrary JSON, mutated bodies, lone surrogates, deep nesting and raw text never give a 500`, async () => {
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
    const texts = textLeaves(ep.valid());
    if (texts.length > 0)
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...texts), fc.string(), loneSurrogate, fc.string(), async (path, before, lone, after) => {
          const res = await send(withLeaf(ep.valid(), path, `${before}${lone}${after}`));
          expect(res.status).toBe(400);
          expect(res.body.error.details.fields).toContainEqual({
            field: path.join("."),
            message: "contains a lone UTF-16 surrogate (not valid Unicode)",
          });
        }),
        runs,
      );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom("[", '{"a":'), { minLength: 1, maxLength: 2000 }), async (opens) => {
        const closes = opens.map((o) => (o === "[" ? "]" : "}")).reverse();
        const res = await send(`${opens.join("")}${JSON.stringify(ep.valid())}${closes.join("")}`);
        assertHandled(res);
        // The valid body inside adds one level.
        if (opens.length + 1 > 400) expect(res.body.error.details.fields).toEqual([{ field: "(body)", message: "nested deeper than 400 levels" }]);
      }),
      runs,
    );
  });
}

/** The paths of the strings in a body, at any depth. */
function textLeaves(value: unknown, path: string[] = []): string[][] {
  if (typeof value === "string") return [path];
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => textLeaves(v, [...path, k]));
  return [];
}

function withLeaf(body: Record<string, unknown>, path: string[], text: string): Record<string, unknown> {
  const copy = structuredClone(body);
  let at: any = copy;
  for (const key of path.slice(0, -1)) at = at[key];
  at[path.at(-1)!] = text;
  return copy;
}

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit));

test("arbitrary ids, keys and query strings never give a 500", async () => {
  await fc.assert(
    fc.asyncProperty(fc.string({ maxLength: 300, unit: "binary" }), fc.string({ maxLength: 80, unit: "binary" }), async (id, key) => {
      assertHandled(await call(one.GET, { token: org.rep.token, params: { id } }));
      assertHandled(await call(attest.POST, { token: org.rep.token, params: { id, key }, body: { satisfied: true, version: 1 } }));
      assertHandled(await call(byExternal.GET, { token: org.rep.token, params: { source: key, externalId: id } }));
      assertHandled(
        await call(byExternal.PUT, { token: org.rep.token, method: "PUT", params: { source: "hubspot", externalId: id }, body: dealBody() }),
      );
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
  // The approval requests' list pages the same way, with its own filters.
  await fc.assert(
    fc.asyncProperty(
      fc.dictionary(
        fc.constantFrom("limit", "cursor", "status", "group", "x"),
        fc.oneof(fc.string({ unit: "binary" }), fc.base64String({ maxLength: 80 })),
      ),
      async (q) => {
        const qs = new URLSearchParams(q).toString();
        assertHandled(await call(approvalRequests.GET, { token: org.rep.token, path: `/api/v1/approval-requests?${qs}` }));
      },
    ),
    runs,
  );
  // The users' filters, and a user's id in every people endpoint, as an admin.
  await fc.assert(
    fc.asyncProperty(
      fc.dictionary(
        fc.constantFrom("role", "teamId", "status", "x"),
        fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom("rep", "invited", "active")),
      ),
      fc.string({ maxLength: 100, unit: "binary" }),
      async (q, id) => {
        const qs = new URLSearchParams(q).toString();
        assertHandled(await call(users.GET, { token: org.admin.token, path: `/api/v1/users?${qs}` }));
        assertHandled(await call(userOpenDeals.GET, { token: org.admin.token, params: { id } }));
        assertHandled(await call(invitation.POST, { token: org.admin.token, params: { id } }));
      },
    ),
    runs,
  );
  // The audit log's filters and paging, as an admin, in JSON and as CSV.
  await fc.assert(
    fc.asyncProperty(
      fc.dictionary(
        fc.constantFrom("limit", "cursor", "actor", "actorId", "action", "objectType", "objectId", "from", "to", "x"),
        fc.oneof(
          fc.string({ unit: "binary" }),
          fc.base64String({ maxLength: 80 }),
          fc.constantFrom("user.created", "user", "2026-12-01", "2026-02-30", "%", "_"),
        ),
      ),
      fc.boolean(),
      async (q, csv) => {
        const qs = new URLSearchParams(q).toString();
        const headers = csv ? { accept: "text/csv" } : undefined;
        assertHandled(await call(audit.GET, { token: org.admin.token, path: `/api/v1/audit?${qs}`, headers }));
      },
    ),
    runs,
  );
  // The deals behind a number of the dashboard: each figure with any kind, since, stage or name, as a manager.
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...DEAL_FIGURES),
      fc.dictionary(
        fc.constantFrom("kind", "since", "stage", "category", "name", "from", "to", "cursor", "limit", "sort", "x"),
        fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom(...FIGURE_KINDS.size, ...FIGURE_KINDS.movement, "2026-10-01", "2026-02-30")),
      ),
      async (figure, q) => {
        const qs = new URLSearchParams({ ...q, figure }).toString();
        assertHandled(await call(metricsDeals.GET, { token: org.manager.token, path: `/api/v1/metrics/deals?${qs}` }));
      },
    ),
    runs,
  );
});

// Next.js's router throws on a path that does not decode and answered a plain-text 500 before any
// route ran; the proxy, which runs first, must see every such path and answer it.
test("paths of any percent-encoding are answered by the proxy when they do not decode, and passed on when they do", () => {
  const matcher = new RegExp(tryToParsePath(proxyConfig.matcher[0] as string).regexStr!);
  const piece = fc.oneof(
    fc.integer({ min: 0, max: 255 }).map((b) => `%${b.toString(16).padStart(2, "0")}`),
    fc.constantFrom("%", "%f", "%zz", "%G1", "%%41", "a", "-", "/", "é", "😀", "%E2%82%AC", "%ED%A0%80", "%F4%90%80%80"),
  );
  fc.assert(
    fc.property(
      fc.constantFrom("/api/v1/opportunities/", "/api/v1/nope/", "/opportunities/"),
      fc.array(piece, { maxLength: 12 }),
      (prefix, pieces) => {
        const req = new Request(`http://localhost${prefix}${pieces.join("")}`);
        const { pathname } = new URL(req.url);
        let decodes = true;
        try {
          decodeURIComponent(pathname);
        } catch {
          decodes = false;
        }
        const res = refuseUndecodablePath(req);
        if (decodes) {
          expect(res).toBeNull();
          return;
        }
        expect(matcher.test(pathname), `the proxy's matcher misses ${pathname}`).toBe(true);
        expect(res?.status).toBe(400);
        if (prefix.startsWith("/api/")) expect(res?.headers.get("content-type")).toMatch(/^application\/json/);
      },
    ),
    { numRuns: 300 },
  );
});
