// Input rules that keep what one person types from misleading or attacking another who reads it:
// evidence links are web addresses only, currencies are ISO 4217 codes, names carry no
// bidirectional formatting characters. Through the API and through the pages' server actions.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test, vi } from "vitest";
import * as contacts from "@/app/api/v1/opportunities/[id]/contacts/route";
import * as criteria from "@/app/api/v1/opportunities/[id]/criteria/[key]/route";
import * as files from "@/app/api/v1/opportunities/[id]/files/route";
import * as one from "@/app/api/v1/opportunities/[id]/route";
import * as opportunities from "@/app/api/v1/opportunities/route";
import * as teams from "@/app/api/v1/teams/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as users from "@/app/api/v1/users/route";
import * as dealActions from "@/app/opportunities/_actions/deal-actions";
import { createDealAction } from "@/app/opportunities/new/actions";
import { createTokenAction } from "@/app/settings/actions";
import type { ActionResult } from "@/src/http/action-result";
import { database, db } from "@/src/server/db";
import { getOpportunityPage } from "@/src/server/opportunity-page/get-opportunity-page";
import { createFirstAdmin } from "@/src/server/users/create-first-admin";
import { isRedirect, signInAs } from "../support/action-session";
import { actorOf } from "../support/board";
import { createDeal, currentVersion, dealBody, ensureDefaults } from "../support/deals";
import { createOrg, PASSWORD } from "../support/fixtures";
import { call } from "../support/http";

vi.mock("next/headers", async () => (await import("../support/action-session")).nextHeaders);
vi.mock("next/cache", () => ({ refresh: () => undefined, revalidatePath: () => undefined }));

let org: Awaited<ReturnType<typeof createOrg>>;
process.env.STORAGE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-input-"));

beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  await signInAs(org.rep);
});

const fieldsOf = (result: ActionResult<unknown>) => (result.ok ? "ok" : (result.error.details as { fields: unknown }).fields);

const LINK_REFUSED = "a web address starting with http:// or https://";
const NOT_WEB = [
  "javascript:alert(document.cookie)",
  "JaVaScRiPt:alert(1)",
  " \tjava\nscript:alert(1)",
  "\u0001javascript:alert(1)",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "vbscript:msgbox(1)",
  "file:///etc/passwd",
  "ftp://files.example.test/x",
  "mailto:cfo@example.test",
  "//evil.example.test/x",
  "not a link",
];

describe("an evidence link is a web address", () => {
  test("the API refuses every other scheme, however it is spelled, and stores nothing", async () => {
    const { id } = await createDeal(org.rep.token);
    const refused: Record<string, unknown> = {};
    for (const evidenceUrl of NOT_WEB) {
      const res = await call(criteria.POST, {
        token: org.rep.token,
        params: { id, key: "decision_maker_meeting" },
        body: { satisfied: true, evidenceUrl, version: 1 },
      });
      refused[evidenceUrl] = [res.status, res.body.error?.code, res.body.error?.details?.fields];
    }
    const expected = [400, "VALIDATION_FAILED", [{ field: "evidenceUrl", message: LINK_REFUSED }]];
    expect(refused).toEqual(Object.fromEntries(NOT_WEB.map((u) => [u, expected])));
    expect(await db().criterionAttestation.count({ where: { opportunityId: id } })).toBe(0);
    expect(await currentVersion(id)).toBe(1);
  });

  test("an http or https link is stored as a browser would follow it", async () => {
    const { id } = await createDeal(org.rep.token);
    const res = await call(criteria.POST, {
      token: org.rep.token,
      params: { id, key: "decision_maker_meeting" },
      body: { satisfied: true, evidenceUrl: "  HTTPS://Notes.Example.test/meeting 42 ", version: 1 },
    });
    expect(res.status).toBe(200);
    const row = await db().criterionAttestation.findFirstOrThrow({ where: { opportunityId: id } });
    expect(row.evidenceUrl).toBe("https://notes.example.test/meeting%2042");
  });

  test("the pages' action refuses the same links with the same words", async () => {
    const { id } = await createDeal(org.rep.token);
    const results = [];
    for (const evidenceUrl of ["javascript:alert(1)", "DATA:text/html,<b>x</b>", "vbscript:x"])
      results.push(fieldsOf(await dealActions.attestDealCriterion({ id, key: "decision_maker_meeting", satisfied: true, evidenceUrl, version: 1 })));
    expect(results).toEqual(Array(3).fill([{ field: "evidenceUrl", message: LINK_REFUSED }]));
    expect(await db().criterionAttestation.count({ where: { opportunityId: id } })).toBe(0);
  });

  test("a link of another scheme stored before the rule is shown as text, never as a link", async () => {
    const { id } = await createDeal(org.rep.token);
    await db().criterionAttestation.create({
      data: {
        opportunityId: id,
        stageKey: "identify",
        criterionKey: "decision_maker_meeting",
        attestedById: org.rep.id,
        evidenceUrl: "javascript:alert(1)",
      },
    });
    const page = await getOpportunityPage(await actorOf(org.rep), id);
    const meeting = page.checklist.find((c) => c.key === "decision_maker_meeting")!;
    expect([meeting.attestation?.evidenceUrl, meeting.attestation?.evidenceHref]).toEqual(["javascript:alert(1)", null]);

    await db().criterionAttestation.updateMany({ where: { opportunityId: id }, data: { evidenceUrl: "https://notes.example.test/1" } });
    const again = await getOpportunityPage(await actorOf(org.rep), id);
    expect(again.checklist.find((c) => c.key === "decision_maker_meeting")!.attestation?.evidenceHref).toBe("https://notes.example.test/1");
  });
});

describe("a currency is an ISO 4217 code", () => {
  const CURRENCY_REFUSED = [{ field: "currency", message: "an ISO 4217 currency code, such as USD or EUR" }];
  const NOT_CODES = ["ABC", "XYZ", "usd", "US", "USDX", " EUR"];

  test("creating and changing a deal through the API", async () => {
    const created: Record<string, unknown> = {};
    for (const currency of NOT_CODES) {
      const res = await call(opportunities.POST, { token: org.rep.token, body: dealBody({ currency }) });
      created[currency] = [res.status, res.body.error?.details?.fields];
    }
    expect(created).toEqual(Object.fromEntries(NOT_CODES.map((c) => [c, [400, CURRENCY_REFUSED]])));

    const deal = await createDeal(org.rep.token, { currency: "EUR" });
    expect(deal.currency).toBe("EUR");
    const patch = await call(one.PATCH, { token: org.rep.token, params: { id: deal.id }, method: "PATCH", body: { version: 1, currency: "ZZZ" } });
    expect([patch.status, patch.body.error?.details?.fields]).toEqual([400, CURRENCY_REFUSED]);
    const ok = await call(one.PATCH, { token: org.rep.token, params: { id: deal.id }, method: "PATCH", body: { version: 1, currency: "JPY" } });
    expect([ok.status, ok.body.currency]).toEqual([200, "JPY"]);
  });

  test("the new deal form and the deal page's actions", async () => {
    expect(fieldsOf(await createDealAction(dealBody({ currency: "ABC" })))).toEqual(CURRENCY_REFUSED);
    const { id } = await createDeal(org.rep.token);
    expect(fieldsOf(await dealActions.updateDeal({ id, version: 1, currency: "QQQ" }))).toEqual(CURRENCY_REFUSED);
    expect((await db().opportunity.findUniqueOrThrow({ where: { id } })).currency).toBe("USD");
    expect(await createDealAction(dealBody({ currency: "GBP" })).then(fieldsOf, (e) => (isRedirect(e) ? "ok" : e))).toBe("ok");
  });
});

// U+202E (right-to-left override) makes "Acme\u202Efdp.exe" read "Acmeexe.pdf"; isolates and
// embeddings reorder text the same way. The marks (U+200E, U+200F, U+061C) reorder nothing and stay.
const SPOOF = "Acme\u202Efdp.exe\u202C \u2066Corp\u2069\u202A\u202B\u202D";
const CLEAN = "Acmefdp.exe Corp";

describe("names carry no bidirectional formatting characters", () => {
  test("deal, account and contact names through the API; a name of controls only is blank", async () => {
    const res = await call(opportunities.POST, { token: org.rep.token, body: dealBody({ name: SPOOF, accountName: `  ${SPOOF}\u2067` }) });
    expect([res.status, res.body.name, res.body.accountName]).toEqual([201, CLEAN, CLEAN]);
    const id = res.body.id;

    const put = await call(contacts.PUT, {
      token: org.rep.token,
      params: { id },
      method: "PUT",
      body: {
        version: 1,
        contacts: [
          { name: SPOOF, role: "champion" },
          { name: "\u05E9\u05E8\u05D4\u200F (IT)", role: "influencer" },
        ],
      },
    });
    expect(put.body.contacts.map((c: { name: string }) => c.name)).toEqual([CLEAN, "\u05E9\u05E8\u05D4\u200F (IT)"]);

    const blank = await call(opportunities.POST, { token: org.rep.token, body: dealBody({ name: "\u202E\u2066 \u2069" }) });
    expect([blank.status, blank.body.error.details.fields]).toEqual([400, [{ field: "name", message: "required" }]]);
  });

  test("deal, account, contact and plan step owner names through the pages' actions", async () => {
    const { id } = await createDeal(org.rep.token);
    expect((await dealActions.updateDeal({ id, version: 1, name: SPOOF, accountName: SPOOF })).ok).toBe(true);
    expect(await dealActions.addDealContact({ id, version: 2, contact: { name: SPOOF, role: "champion" } })).toMatchObject({ ok: true });
    expect(
      await dealActions.replaceDealClosePlan({ id, version: 3, steps: [{ title: "Security review", ownerName: SPOOF, dueDate: "2027-03-01" }] }),
    ).toMatchObject({ ok: true });
    const row = await db().opportunity.findUniqueOrThrow({ where: { id }, include: { contacts: true, planSteps: true } });
    expect([row.name, row.accountName, row.contacts[0]?.name, row.planSteps[0]?.ownerName]).toEqual([CLEAN, CLEAN, CLEAN, CLEAN]);
  });

  test("users, teams and API tokens", async () => {
    const team = await call(teams.POST, { token: org.admin.token, body: { name: `${SPOOF} Team` } });
    expect([team.status, team.body.name]).toEqual([201, `${CLEAN} Team`]);
    const user = await call(users.POST, {
      token: org.admin.token,
      body: { email: "bidi@example.test", name: SPOOF, password: "a long enough password", role: "rep" },
    });
    expect([user.status, user.body.name]).toEqual([201, CLEAN]);

    const token = await call(tokens.POST, { body: { email: org.rep.email, password: PASSWORD, name: `CRM ${SPOOF}` } });
    expect(token.status).toBe(201);
    const onSettings = await createTokenAction({ status: "idle" }, formOf({ name: `Laptop ${SPOOF}`, expiresIn: "never" }));
    expect(onSettings).toMatchObject({ status: "created", name: `Laptop ${CLEAN}` });
    const names = (await db().apiToken.findMany({ where: { userId: org.rep.id }, select: { name: true } })).map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining([`CRM ${CLEAN}`, `Laptop ${CLEAN}`]));
    expect(names.some((n) => /[\u202A-\u202E\u2066-\u2069]/.test(n))).toBe(false);

    const admin = await createFirstAdmin(database(), { email: "first@example.test", name: SPOOF });
    expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).name).toBe(CLEAN);
  });

  test("an uploaded file's name", async () => {
    const { id } = await createDeal(org.rep.token);
    const form = new FormData();
    form.set("kind", "quote");
    form.set(
      "file",
      new File([new TextEncoder().encode("%PDF-1.7\n%%EOF\n") as BlobPart], "quote\u202Efdp.exe\u202C.pdf", { type: "application/pdf" }),
    );
    const req = new Request(`http://localhost/api/v1/opportunities/${id}/files`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${org.rep.token}` },
    });
    const res = await files.POST(req, { params: Promise.resolve({ id }) });
    expect(res.status).toBe(201);
    expect((await res.json()).originalName).toBe("quotefdp.exe.pdf");
  });
});

function formOf(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}
