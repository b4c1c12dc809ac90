// Closed deals are history, and what changes on an open deal is recorded (docs/rules/moves.md, deal-tracking.md) through
// the API. Also: a deal follows the process version it was created under, and a close plan's
// owners are users.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import * as closePlan from "@/app/api/v1/opportunities/[id]/close-plan/route";
import * as contacts from "@/app/api/v1/opportunities/[id]/contacts/route";
import * as attest from "@/app/api/v1/opportunities/[id]/criteria/[key]/route";
import * as disqualify from "@/app/api/v1/opportunities/[id]/disqualify/route";
import * as files from "@/app/api/v1/opportunities/[id]/files/route";
import * as history from "@/app/api/v1/opportunities/[id]/history/route";
import * as one from "@/app/api/v1/opportunities/[id]/route";
import * as transitions from "@/app/api/v1/opportunities/[id]/transitions/route";
import * as processes from "@/app/api/v1/processes/route";
import { STANDARD_B2B } from "@/src/domain/process/templates";
import { db } from "@/src/server/db";
import { call } from "../support/http";
import { createOrg } from "../support/fixtures";
import { createDeal, currentVersion, ensureDefaults, satisfyStages } from "../support/deals";

// An upload that got past the refusal must not land in ./data.
process.env.STORAGE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-closed-"));

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});

const move = async (token: string, id: string, body: Record<string, unknown>) =>
  call(transitions.POST, { token, params: { id }, body: { version: await currentVersion(id), ...body } });

const historyOf = async (id: string) => (await call(history.GET, { token: org.rep.token, params: { id } })).body.items as any[];

const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n");

async function upload(token: string, id: string, kind: string) {
  const form = new FormData();
  form.set("kind", kind);
  form.set("file", new Blob([PDF as BlobPart], { type: "application/pdf" }), "quote.pdf");
  const req = new Request(`http://localhost/api/v1/opportunities/${id}/files`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${token}` },
  });
  const res = await files.POST(req, { params: Promise.resolve({ id }) });
  return { status: res.status, body: await res.json() };
}

/** A rep's deal carried through every stage to Closed Won. */
async function wonDeal() {
  const deal = await createDeal(org.rep.token);
  await satisfyStages(deal.id, ["identify", "qualify", "propose", "negotiate", "finalize"], org.rep.id);
  const res = await move(org.rep.token, deal.id, { toStage: "closed_won", won: { whyWon: "Best integration story" } });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: "won", stage: "closed_won" });
  return deal.id;
}

/** A rep's first-stage deal, with one criterion attested, then disqualified. */
async function disqualifiedDeal() {
  const deal = await createDeal(org.rep.token);
  const ok = await call(attest.POST, {
    token: org.rep.token,
    params: { id: deal.id, key: "decision_maker_meeting" },
    body: { satisfied: true, version: 1 },
  });
  expect(ok.status).toBe(200);
  const res = await call(disqualify.POST, { token: org.rep.token, params: { id: deal.id }, body: { reason: "No budget this year", version: 2 } });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: "disqualified", version: 3 });
  return deal.id;
}

describe("a closed or disqualified deal refuses changes", () => {
  const cases = [
    ["won", wonDeal, "This deal is closed won: re-open it to change it."],
    ["disqualified", disqualifiedDeal, "This deal is disqualified: re-open it to change it."],
  ] as const;

  test.each(cases)("a %s deal: every write is 422 TRANSITION_NOT_ALLOWED and the version stays", async (_, make, message) => {
    const id = await make();
    const version = await currentVersion(id);
    const before = await db().opportunity.findUniqueOrThrow({ where: { id } });
    const attestations = await db().criterionAttestation.count({ where: { opportunityId: id } });
    expect(attestations).toBeGreaterThan(0);
    const fileCount = await db().file.count({ where: { opportunityId: id } });
    const historyLength = (await historyOf(id)).length;

    const attempts = {
      patch: await call(one.PATCH, { token: org.rep.token, params: { id }, body: { amount: 99000, version } }),
      clear: await call(attest.POST, { token: org.rep.token, params: { id, key: "decision_maker_meeting" }, body: { satisfied: false, version } }),
      contacts: await call(contacts.PUT, {
        token: org.rep.token,
        params: { id },
        body: { version, contacts: [{ name: "Dana Cho", role: "decision_maker" }] },
      }),
      closePlan: await call(closePlan.PUT, {
        token: org.rep.token,
        params: { id },
        body: { version, steps: [{ title: "Security review", ownerName: "Buyer", dueDate: "2027-03-01" }] },
      }),
      file: await upload(org.rep.token, id, "quote"),
    };
    for (const [name, res] of Object.entries(attempts)) {
      expect([name, res.status, res.body.error?.code, res.body.error?.message]).toEqual([name, 422, "TRANSITION_NOT_ALLOWED", message]);
    }

    const after = await db().opportunity.findUniqueOrThrow({ where: { id } });
    expect(after.version).toBe(version);
    expect(after.amountCents).toBe(before.amountCents);
    expect(after.amountCents).toBe(4800000n);
    expect(await db().criterionAttestation.count({ where: { opportunityId: id } })).toBe(attestations);
    expect(await db().file.count({ where: { opportunityId: id } })).toBe(fileCount);
    expect(await db().closePlanStep.count({ where: { opportunityId: id, title: "Security review" } })).toBe(0);
    expect(await db().opportunityContact.count({ where: { opportunityId: id, name: "Dana Cho" } })).toBe(0);
    expect((await historyOf(id)).length).toBe(historyLength);
  });
});

describe("what changes is recorded in the history", () => {
  test("attesting a criterion with a note and evidence, then clearing it", async () => {
    const deal = await createDeal(org.rep.token);
    const id = deal.id;
    const on = await call(attest.POST, {
      token: org.rep.token,
      params: { id, key: "decision_maker_meeting" },
      body: { satisfied: true, note: "Met the CIO on site", evidenceUrl: "https://notes.example.test/meeting-42", version: 1 },
    });
    expect(on.status).toBe(200);
    expect(on.body.version).toBe(2);
    expect(on.body.exitCriteria.find((c: any) => c.key === "decision_maker_meeting").satisfied).toBe(true);
    const row = await db().criterionAttestation.findFirstOrThrow({ where: { opportunityId: id, criterionKey: "decision_maker_meeting" } });
    expect([row.stageKey, row.attestedById, row.note, row.evidenceUrl]).toEqual([
      "identify",
      org.rep.id,
      "Met the CIO on site",
      "https://notes.example.test/meeting-42",
    ]);

    const off = await call(attest.POST, {
      token: org.rep.token,
      params: { id, key: "decision_maker_meeting" },
      body: { satisfied: false, version: 2 },
    });
    expect(off.status).toBe(200);
    expect(off.body.version).toBe(3);
    expect(off.body.exitCriteria.find((c: any) => c.key === "decision_maker_meeting").satisfied).toBe(false);
    expect(await db().criterionAttestation.count({ where: { opportunityId: id } })).toBe(0);

    const items = await historyOf(id);
    expect(items.map((h) => h.type)).toEqual(["created", "criterion_attested", "criterion_cleared"]);
    const [, attested, cleared] = items;
    expect(attested).toMatchObject({ actorId: org.rep.id, actorName: "Test rep" });
    expect(attested.details).toMatchObject({
      stage: "identify",
      key: "decision_maker_meeting",
      note: "Met the CIO on site",
      evidenceUrl: "https://notes.example.test/meeting-42",
    });
    expect(attested.details.label).toEqual(expect.any(String));
    expect(cleared).toMatchObject({ actorId: org.rep.id });
    expect(cleared.details).toMatchObject({ stage: "identify", key: "decision_maker_meeting", note: "", evidenceUrl: "" });
  });

  test("a close date pushed later with a reason records old and new date, the slip and the reason", async () => {
    const deal = await createDeal(org.rep.token); // closes 2027-03-31
    const refused = await call(one.PATCH, { token: org.rep.token, params: { id: deal.id }, body: { closeDate: "2027-04-30", version: 1 } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields).toEqual([{ field: "reason", message: "moving the close date later needs a reason" }]);
    expect(await currentVersion(deal.id)).toBe(1);

    const res = await call(one.PATCH, {
      token: org.rep.token,
      params: { id: deal.id },
      body: { closeDate: "2027-04-30", reason: "Legal review slipped a month", version: 1 },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ closeDate: "2027-04-30", originalCloseDate: "2027-03-31", closeDatePushes: 1, version: 2 });

    const items = await historyOf(deal.id);
    expect(items.map((h) => h.type)).toEqual(["created", "close_date_changed"]);
    expect(items[1].actorId).toBe(org.rep.id);
    expect(items[1].details).toEqual({ oldDate: "2027-03-31", newDate: "2027-04-30", slipDays: 30, reason: "Legal review slipped a month" });
    const change = await db().closeDateChange.findFirstOrThrow({ where: { opportunityId: deal.id } });
    expect([change.slipDays, change.reason, change.changedById]).toEqual([30, "Legal review slipped a month", org.rep.id]);
  });
});

describe("the close plan", () => {
  test("a step owned by someone who is not a user is 400 and changes nothing; a valid plan records one plan_changed", async () => {
    const deal = await createDeal(org.rep.token);
    const id = deal.id;
    const bad = await call(closePlan.PUT, {
      token: org.rep.token,
      params: { id },
      body: { version: 1, steps: [{ title: "Security review", ownerUserId: "no-such-user", dueDate: "2027-03-01" }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    expect(bad.body.error.details.fields).toEqual([{ field: "steps.ownerUserId", message: "not someone who may own this deal's steps" }]);
    expect(await currentVersion(id)).toBe(1);
    expect(await db().closePlanStep.count({ where: { opportunityId: id } })).toBe(0);

    const steps = [
      { title: "Security review", ownerUserId: org.rep.id, dueDate: "2027-03-01" },
      { title: "Legal redlines", ownerName: "Buyer counsel", dueDate: "2027-03-15", done: true },
    ];
    const ok = await call(closePlan.PUT, { token: org.rep.token, params: { id }, body: { version: 1, steps } });
    expect(ok.status).toBe(200);
    expect(ok.body.opportunityVersion).toBe(2);
    expect(ok.body.steps.map((s: any) => [s.title, s.ownerUserId, s.ownerName, s.dueDate, s.done])).toEqual([
      ["Security review", org.rep.id, "", "2027-03-01", false],
      ["Legal redlines", null, "Buyer counsel", "2027-03-15", true],
    ]);
    expect(await currentVersion(id)).toBe(2);

    const planned = (await historyOf(id)).filter((h) => h.type === "plan_changed");
    expect(planned).toHaveLength(1);
    expect(planned[0].actorId).toBe(org.rep.id);
    expect(planned[0].details).toEqual({
      steps: [
        { title: "Security review", dueDate: "2027-03-01", done: false },
        { title: "Legal redlines", dueDate: "2027-03-15", done: true },
      ],
    });
  });
});

// Last: it changes the default process for every deal created after it in this file.
describe("a deal follows the process version it was created under", () => {
  test("after a new version adds an identify criterion, an older deal moves on its own criteria and a newer one is refused", async () => {
    const before = await createDeal(org.rep.token);
    const edited = structuredClone(STANDARD_B2B) as any;
    expect(edited.stages[0].key).toBe("identify");
    edited.stages[0].exitCriteria.push({ key: "security_questionnaire", label: "Security questionnaire returned", type: "check" });
    const published = await call(processes.POST, { token: org.admin.token, body: { definition: edited, makeDefault: true, note: "Security first" } });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ key: "standard_b2b", version: 2 });
    expect(published.body.id).not.toBe(before.processVersionId);

    const after = await createDeal(org.rep.token);
    expect(after.processVersionId).toBe(published.body.id);
    expect(after.exitCriteria.map((c: any) => c.key)).toEqual([
      "decision_maker_meeting",
      "buying_process",
      "people_involved",
      "security_questionnaire",
    ]);

    // satisfyStages reads the active (new) version, so it attests the new criterion too: take that
    // attestation away from both deals, so only the older deal's own criteria hold.
    for (const deal of [before, after]) {
      await satisfyStages(deal.id, ["identify"], org.rep.id);
      await db().criterionAttestation.deleteMany({ where: { opportunityId: deal.id, criterionKey: "security_questionnaire" } });
    }

    const old = await move(org.rep.token, before.id, { toStage: "qualify" });
    expect(old.status).toBe(200);
    expect(old.body).toMatchObject({ stage: "qualify", processVersionId: before.processVersionId });

    const refused = await move(org.rep.token, after.id, { toStage: "qualify" });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("EXIT_CRITERIA_UNMET");
    expect(refused.body.error.details.unmet.map((u: any) => [u.stage, u.key, u.label])).toEqual([
      ["identify", "security_questionnaire", "Security questionnaire returned"],
    ]);
    const row = await db().opportunity.findUniqueOrThrow({ where: { id: after.id } });
    expect([row.stageKey, row.version]).toEqual(["identify", 1]);
  });
});
