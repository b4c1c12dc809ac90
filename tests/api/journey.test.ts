// A deal from first meeting to Closed Won through the API alone, the way a CRM integration or the
// pages drive it: every exit criterion satisfied by its own endpoint.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import * as closePlan from "@/app/api/v1/opportunities/[id]/close-plan/route";
import * as contacts from "@/app/api/v1/opportunities/[id]/contacts/route";
import * as attest from "@/app/api/v1/opportunities/[id]/criteria/[key]/route";
import * as files from "@/app/api/v1/opportunities/[id]/files/route";
import * as history from "@/app/api/v1/opportunities/[id]/history/route";
import * as one from "@/app/api/v1/opportunities/[id]/route";
import * as transitions from "@/app/api/v1/opportunities/[id]/transitions/route";
import { call } from "../support/http";
import { createOrg } from "../support/fixtures";
import { createDeal, ensureDefaults } from "../support/deals";

process.env.STORAGE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-journey-"));
let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});

test("identify to closed won, through the API only", async () => {
  const token = org.rep.token;
  const deal = await createDeal(token, { accountName: "Blue Harbor Logistics", closeDate: "2027-06-30", years: 3, amount: 96000 });
  const id = deal.id;
  let version = deal.version;
  const step = async (res: { status: number; body: any }) => {
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    version = res.body.version ?? res.body.opportunityVersion ?? version;
    return res.body;
  };
  const check = async (key: string) => step(await call(attest.POST, { token, params: { id, key }, body: { satisfied: true, version } }));
  const moveTo = (toStage: string, extra = {}) => call(transitions.POST, { token, params: { id }, body: { toStage, version, ...extra } });
  const upload = async (kind: string, name: string) => {
    const form = new FormData();
    form.set("kind", kind);
    form.set("file", new Blob(["%PDF-1.4 contract"], { type: "application/pdf" }), name);
    const res = await files.POST(new Request(`http://localhost/x`, { method: "POST", body: form, headers: { authorization: `Bearer ${token}` } }), {
      params: Promise.resolve({ id }),
    });
    expect(res.status).toBe(201);
    version = (await call(one.GET, { token, params: { id } })).body.version;
    return res.json();
  };

  // Identify
  await check("decision_maker_meeting");
  await step(
    await call(contacts.PUT, {
      token,
      params: { id },
      body: { version, contacts: [{ name: "Priya Nair", title: "VP Operations", role: "decision_maker" }] },
    }),
  );
  await step(
    await call(one.PATCH, {
      token,
      params: { id },
      method: "PATCH",
      body: { version, buyingProcess: "Ops evaluates, IT reviews security, CFO signs" },
    }),
  );
  await step(await moveTo("qualify"));
  // Qualify
  await step(
    await call(contacts.PUT, {
      token,
      params: { id },
      body: {
        version,
        contacts: [
          { name: "Priya Nair", role: "decision_maker" },
          { name: "Leo Park", email: "leo@blueharbor.example", role: "champion" },
        ],
      },
    }),
  );
  await check("value_fit_confirmed");
  await check("budget_confirmed");
  await step(await moveTo("propose"));
  // Propose
  await step(
    await call(one.PATCH, {
      token,
      params: { id },
      method: "PATCH",
      body: { version, decisionCriteria: "Route optimisation accuracy, SSO, 3-week rollout" },
    }),
  );
  await upload("quote", "Quote Q-2207.pdf");
  await check("pricing_presented");
  const plan = await step(
    await call(closePlan.PUT, {
      token,
      params: { id },
      body: {
        version,
        steps: [
          { title: "Contract signed", ownerName: "Priya Nair", dueDate: "2027-06-30" },
          { title: "Security review complete", ownerUserId: org.rep.id, dueDate: "2027-05-20" },
          { title: "Business case approved", ownerName: "Leo Park", dueDate: "2027-05-01" },
        ],
      },
    }),
  );
  expect(plan.steps.map((s: any) => [s.title, s.daysBeforeDecision])).toEqual([
    ["Business case approved", 60],
    ["Security review complete", 41],
    ["Contract signed", 0],
  ]);
  await step(await moveTo("negotiate"));
  // Negotiate: standard terms need no deal desk approval.
  for (const key of ["contract_shared", "signature_package_ready", "signature_timeline_validated", "kickoff_scheduled"]) await check(key);
  await step(await moveTo("finalize"));
  // Finalize
  const contract = await upload("signed_contract", "BlueHarbor_signed.pdf");
  expect(contract.storedName).toBe("6.30.27_Blue-Harbor-Logistics_3.pdf");
  await check("finance_legal_validated");
  const won = await step(await moveTo("closed_won", { won: { whyWon: "Only vendor with same-day route re-planning" } }));
  expect(won).toMatchObject({ status: "won", stage: "closed_won" });

  const story = (await call(history.GET, { token, params: { id } })).body.items.filter((e: any) => e.type === "stage_changed");
  expect(story.map((e: any) => e.toStage)).toEqual(["qualify", "propose", "negotiate", "finalize", "closed_won"]);
});
