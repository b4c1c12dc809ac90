// The board's writes (moves and in-place fixes): each answers with the deal's new card, and each
// refusal carries the deal's current card, or null when the deal is out of the caller's reach.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/src/auth/actor";
import { AppError } from "@/src/errors";
import {
  addContactOnBoard,
  addPlanStepsOnBoard,
  attestOnBoard,
  moveCard,
  updateOnBoard,
  uploadOnBoard,
  withCurrentCard,
} from "@/src/server/board/board-writes";
import { toBoardCard, type BoardCard } from "@/src/server/board/board-card";
import { parseBoardFilters } from "@/src/server/board/board-filters";
import { getBoard } from "@/src/server/board/get-board";
import { db } from "@/src/server/db";
import { disqualifyOpportunity } from "@/src/server/opportunities/disqualify-opportunity";
import { actorOf, insertDeal, type DealSpec } from "../../support/board";
import { ensureDefaults, satisfyStages } from "../../support/deals";
import { createOrg } from "../../support/fixtures";

process.env.STORAGE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-board-"));

let org: Awaited<ReturnType<typeof createOrg>>;
let as: Record<"rep" | "teammate" | "manager" | "admin" | "finance", Actor>;

beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  as = {
    rep: await actorOf(org.rep),
    teammate: await actorOf(org.teammate),
    manager: await actorOf(org.manager),
    admin: await actorOf(org.admin),
    finance: await actorOf(org.finance),
  };
});

let counter = 0;
const deal = (ownerId: string, spec: Partial<DealSpec> = {}) =>
  insertDeal(ownerId, {
    name: `Deal ${++counter}`,
    accountName: "Northwind Traders",
    amount: 48_000,
    closeDate: "2027-03-31",
    stage: "identify",
    ...spec,
  });

type Refusal = { code: string; unmet?: unknown; fields?: unknown; currentVersion?: unknown; card: BoardCard | null };

/** What a refused write answers: its code, and the details the board rolls back with. */
async function refused(write: Promise<unknown>): Promise<Refusal> {
  try {
    await write;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { code: e.code, ...(e.details as Omit<Refusal, "code">) };
  }
  throw new Error("the write was accepted");
}

const versionOf = async (id: string) => (await db().opportunity.findUniqueOrThrow({ where: { id } })).version;
const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n");
const LOST = { reasonCategory: "price", explanation: "Cheaper elsewhere", competitor: "Globex", missingFunctionality: "none" };

describe("moving a card", () => {
  test("a forward move whose criteria hold answers with the card in its new stage", async () => {
    const id = await deal(org.rep.id);
    await satisfyStages(id, ["identify"], org.rep.id);
    const card = await moveCard(as.rep, id, { toStage: "qualify", version: 1 });
    expect(card).toMatchObject({ id, stage: "qualify", version: 2, status: "open", criteriaMet: 1, criteriaTotal: 4 });
    const history = await db().historyEntry.findMany({ where: { opportunityId: id, type: "stage_changed" } });
    expect(history.map((h) => [h.fromStage, h.toStage, h.actorId])).toEqual([["identify", "qualify", org.rep.id]]);
  });

  test("a refused move lists every unmet criterion by stage, with the unchanged card", async () => {
    const id = await deal(org.rep.id);
    const r = await refused(moveCard(as.rep, id, { toStage: "propose", version: 1 }));
    expect(r.code).toBe("EXIT_CRITERIA_UNMET");
    expect((r.unmet as { stage: string; key: string }[]).map((u) => `${u.stage}.${u.key}`)).toEqual([
      "identify.decision_maker_meeting",
      "identify.buying_process",
      "identify.people_involved",
      "qualify.champion_named",
      "qualify.value_fit_confirmed",
      "qualify.budget_confirmed",
    ]);
    expect(r.card).toMatchObject({ id, stage: "identify", version: 1, criteriaMet: 0, criteriaTotal: 3 });
    expect(await versionOf(id)).toBe(1);
  });

  test("a stale version is a conflict that carries the current version and card", async () => {
    const id = await deal(org.rep.id);
    await updateOnBoard(as.rep, id, { version: 1, nextStep: "Someone else's edit" });
    const r = await refused(moveCard(as.rep, id, { toStage: "qualify", version: 1 }));
    expect([r.code, r.currentVersion]).toEqual(["VERSION_CONFLICT", 2]);
    expect(r.card).toMatchObject({ version: 2, nextStep: "Someone else's edit", stage: "identify" });
  });

  test("a rep cannot move a teammate's or another team's deal: NOT_FOUND, and no card", async () => {
    for (const owner of [org.teammate.id, org.outsider.id]) {
      const id = await deal(owner);
      await satisfyStages(id, ["identify"], owner);
      const r = await refused(moveCard(as.rep, id, { toStage: "qualify", version: 1 }));
      expect([r.code, r.card]).toEqual(["NOT_FOUND", null]);
      expect(await versionOf(id)).toBe(1);
    }
  });

  test("a manager moves a team member's deal; not another team's", async () => {
    const mine = await deal(org.teammate.id);
    await satisfyStages(mine, ["identify"], org.teammate.id);
    expect((await moveCard(as.manager, mine, { toStage: "qualify", version: 1 })).stage).toBe("qualify");
    const theirs = await deal(org.outsider.id);
    expect((await refused(moveCard(as.manager, theirs, { toStage: "qualify", version: 1 }))).code).toBe("NOT_FOUND");
  });

  test("the deal desk and admins see a submitted deal but may not move it: FORBIDDEN, with its card", async () => {
    const id = await deal(org.rep.id);
    await db().approvalRequest.create({
      data: { opportunityId: id, requestedById: org.rep.id, justification: "Big", requiredGroups: ["finance"], termsSnapshot: {} },
    });
    for (const actor of [as.finance, as.admin]) {
      const r = await refused(moveCard(actor, id, { toStage: "qualify", version: 1 }));
      expect([r.code, r.card?.id, r.card?.stage]).toEqual(["FORBIDDEN", id, "identify"]);
    }
  });

  test("moving back needs a reason: refused as a validation error, then accepted", async () => {
    const id = await deal(org.rep.id, { stage: "propose" });
    const r = await refused(moveCard(as.rep, id, { toStage: "qualify", version: 1 }));
    expect([r.code, r.fields]).toEqual(["VALIDATION_FAILED", [{ field: "reason", message: "say why the deal moves back" }]]);
    expect(r.card?.stage).toBe("propose");
    expect((await moveCard(as.rep, id, { toStage: "qualify", version: 1, reason: "Budget frozen" })).stage).toBe("qualify");
  });

  test("Closed Lost: not from Identify, only with its fields, and then off the board", async () => {
    const early = await deal(org.rep.id);
    expect((await refused(moveCard(as.rep, early, { toStage: "closed_lost", version: 1, lost: LOST }))).code).toBe("TRANSITION_NOT_ALLOWED");

    const id = await deal(org.rep.id, { stage: "qualify", name: "Lost on the board" });
    const r = await refused(moveCard(as.rep, id, { toStage: "closed_lost", version: 1, lost: { reasonCategory: "price" } }));
    expect(r.code).toBe("VALIDATION_FAILED");
    expect((r.fields as { field: string }[]).map((f) => f.field)).toEqual(["lost.explanation", "lost.competitor", "lost.missingFunctionality"]);

    const card = await moveCard(as.rep, id, { toStage: "closed_lost", version: 1, lost: LOST });
    expect([card.status, card.stage, card.criteriaTotal]).toEqual(["lost", "closed_lost", 0]);
    const board = await getBoard(as.rep, parseBoardFilters({ q: "Lost on the board" }));
    expect(board.columns.flatMap((c) => c.cards)).toEqual([]);
    expect(board.closed.find((c) => c.key === "closed_lost")!.count).toBe(1);
  });

  test("only a manager overrides a refused move, and only with a justification", async () => {
    const id = await deal(org.rep.id);
    expect((await refused(moveCard(as.rep, id, { toStage: "qualify", version: 1, override: { justification: "Trust me" } }))).code).toBe("FORBIDDEN");
    const r = await refused(moveCard(as.manager, id, { toStage: "qualify", version: 1, override: { justification: " " } }));
    expect([r.code, r.fields]).toEqual(["VALIDATION_FAILED", [{ field: "override.justification", message: "a written justification is required" }]]);
    const card = await moveCard(as.manager, id, { toStage: "qualify", version: 1, override: { justification: "Exec sponsor confirmed by phone" } });
    expect([card.stage, card.version]).toEqual(["qualify", 2]);
  });
});

describe("fixing a criterion in place", () => {
  test("attesting a check criterion adds one to the card's criteria met; clearing it takes it back", async () => {
    const id = await deal(org.rep.id);
    const card = await attestOnBoard(as.rep, id, { key: "decision_maker_meeting", stage: "identify", satisfied: true, version: 1 });
    expect([card.criteriaMet, card.criteriaTotal, card.version]).toEqual([1, 3, 2]);
    const cleared = await attestOnBoard(as.rep, id, { key: "decision_maker_meeting", stage: "identify", satisfied: false, version: 2 });
    expect([cleared.criteriaMet, cleared.version]).toEqual([0, 3]);
  });

  test("attesting with a note keeps the note and the evidence link, as the deal page sends them", async () => {
    const id = await deal(org.rep.id);
    const card = await attestOnBoard(as.rep, id, {
      key: "decision_maker_meeting",
      stage: "identify",
      satisfied: true,
      version: 1,
      note: "Met the CFO on site",
      evidenceUrl: "https://crm.example/notes/7",
    });
    expect(card.criteriaMet).toBe(1);
    const attestation = await db().criterionAttestation.findFirstOrThrow({ where: { opportunityId: id } });
    expect([attestation.note, attestation.evidenceUrl]).toEqual(["Met the CFO on site", "https://crm.example/notes/7"]);
  });

  test("attesting refuses a field criterion, an unknown key, a stale version and another rep's deal", async () => {
    const id = await deal(org.rep.id);
    const field = await refused(attestOnBoard(as.rep, id, { key: "buying_process", stage: "identify", satisfied: true, version: 1 }));
    expect([field.code, field.fields, field.card?.version]).toEqual([
      "VALIDATION_FAILED",
      [{ field: "key", message: "a field criterion is not attested" }],
      1,
    ]);
    expect((await refused(attestOnBoard(as.rep, id, { key: "no_such_thing", stage: "identify", satisfied: true, version: 1 }))).code).toBe(
      "NOT_FOUND",
    );
    await attestOnBoard(as.rep, id, { key: "decision_maker_meeting", stage: "identify", satisfied: true, version: 1 });
    const stale = await refused(attestOnBoard(as.rep, id, { key: "decision_maker_meeting", stage: "identify", satisfied: false, version: 1 }));
    expect([stale.code, stale.currentVersion, stale.card?.criteriaMet]).toEqual(["VERSION_CONFLICT", 2, 1]);
    const teammates = await deal(org.teammate.id);
    const hidden = await refused(attestOnBoard(as.rep, teammates, { key: "decision_maker_meeting", stage: "identify", satisfied: true, version: 1 }));
    expect([hidden.code, hidden.card]).toEqual(["NOT_FOUND", null]);
    expect(await db().criterionAttestation.count({ where: { opportunityId: teammates } })).toBe(0);
  });

  test("updating fields: the next step, a recorded buying process, a pushed close date", async () => {
    const id = await deal(org.rep.id, { closeDate: "2027-03-01" });
    const card = await updateOnBoard(as.rep, id, {
      version: 1,
      nextStep: "Demo for IT",
      nextStepDue: "2027-02-20",
      buyingProcess: "Committee in April",
    });
    expect(card).toMatchObject({ nextStep: "Demo for IT", nextStepDue: "2027-02-20", criteriaMet: 1, version: 2 });

    const noReason = await refused(updateOnBoard(as.rep, id, { version: 2, closeDate: "2027-03-15" }));
    expect([noReason.code, noReason.card?.closeDate]).toEqual(["VALIDATION_FAILED", "2027-03-01"]);
    const pushed = await updateOnBoard(as.rep, id, { version: 2, closeDate: "2027-03-15", reason: "Legal review slipped" });
    expect([pushed.closeDate, pushed.closeDatePushes, pushed.closeDateSlipDays]).toEqual(["2027-03-15", 1, 14]);
  });

  test("updating another rep's deal is NOT_FOUND and changes nothing", async () => {
    const id = await deal(org.teammate.id);
    const r = await refused(updateOnBoard(as.rep, id, { version: 1, amount: 1 }));
    expect([r.code, r.card]).toEqual(["NOT_FOUND", null]);
    expect(Number((await db().opportunity.findUniqueOrThrow({ where: { id } })).amountCents)).toBe(4_800_000);
  });

  test("adding a contact keeps the buying group and meets the decision maker criterion", async () => {
    const id = await deal(org.rep.id);
    await db().opportunityContact.create({ data: { opportunityId: id, name: "Ann Champion", role: "champion" } });
    const card = await addContactOnBoard(as.rep, id, { version: 1, contact: { name: "Dee Maker", email: "", title: "CFO", role: "decision_maker" } });
    expect([card.criteriaMet, card.version]).toEqual([1, 2]);
    const contacts = await db().opportunityContact.findMany({ where: { opportunityId: id }, orderBy: { createdAt: "asc" } });
    expect(contacts.map((c) => [c.name, c.role])).toEqual([
      ["Ann Champion", "champion"],
      ["Dee Maker", "decision_maker"],
    ]);
    const stale = await refused(addContactOnBoard(as.rep, id, { version: 1, contact: { name: "Late", email: "", title: "", role: "user" } }));
    expect([stale.code, stale.currentVersion]).toEqual(["VERSION_CONFLICT", 2]);
    expect(await db().opportunityContact.count({ where: { opportunityId: id } })).toBe(2);
  });

  test("uploading a quote meets the document criterion; a contract is renamed to the convention", async () => {
    const id = await deal(org.rep.id, { stage: "propose", accountName: "Envoy", closeDate: "2027-03-24", years: 2 });
    const quote = await uploadOnBoard(as.rep, id, { kind: "quote", name: "Q-1001.pdf", bytes: PDF });
    expect([quote.storedName, quote.card.criteriaMet, quote.card.version]).toEqual(["Q-1001.pdf", 1, 2]);
    const contract = await uploadOnBoard(as.rep, id, { kind: "signed_contract", name: "signed.pdf", bytes: PDF });
    expect(contract.storedName).toBe("3.24.27_Envoy_2.pdf");
  });

  test("an upload that is not what it claims, or on another rep's deal, is refused", async () => {
    const id = await deal(org.rep.id, { stage: "propose" });
    const fake = await refused(uploadOnBoard(as.rep, id, { kind: "quote", name: "quote.pdf", bytes: new TextEncoder().encode("MZ not a pdf") }));
    expect([fake.code, fake.card?.version]).toEqual(["VALIDATION_FAILED", 1]);
    const teammates = await deal(org.teammate.id, { stage: "propose" });
    const hidden = await refused(uploadOnBoard(as.rep, teammates, { kind: "quote", name: "quote.pdf", bytes: PDF }));
    expect([hidden.code, hidden.card]).toEqual(["NOT_FOUND", null]);
    expect(await db().file.count({ where: { opportunityId: { in: [id, teammates] } } })).toBe(0);
  });

  test("close plan steps added in place belong to the deal's owner and meet the plan criterion at three", async () => {
    const id = await deal(org.rep.id, { stage: "propose", closeDate: "2027-06-30" });
    const now = new Date("2027-02-10T12:00:00Z");
    const own = await addPlanStepsOnBoard(as.rep, id, { version: 1, steps: [{ title: "Security review complete", dueDate: "2027-05-20" }] }, now);
    expect([own.added, own.ready, own.card.version, own.card.criteriaMet]).toEqual([1, 1, 2, 0]);

    const typical = await addPlanStepsOnBoard(as.rep, id, { version: 2, steps: "typical" }, now);
    expect([typical.added, typical.ready, typical.card.version, typical.card.criteriaMet]).toEqual([6, 7, 3, 1]);
    const steps = await db().closePlanStep.findMany({ where: { opportunityId: id }, orderBy: { position: "asc" } });
    expect(steps.map((s) => s.title)).toEqual([
      "Security review complete",
      "Technical validation signed off by the buyer's team",
      "Business case approved by the economic buyer",
      "Security and procurement review complete",
      "Legal review of MSA and order form complete",
      "Final signature package sent",
      "Contract signed",
    ]);
    expect(steps.every((s) => s.ownerUserId === org.rep.id)).toBe(true);
    expect(steps.at(-1)?.dueDate?.toISOString().slice(0, 10)).toBe("2027-06-30");

    // The typical steps again: nothing new to add, so nothing is written.
    const again = await addPlanStepsOnBoard(as.rep, id, { version: 3, steps: "typical" }, now);
    expect([again.added, again.ready, again.card.version]).toEqual([0, 7, 3]);
  });

  test("the board cannot grow a plan past the API's 50 steps", async () => {
    const id = await deal(org.rep.id, { stage: "propose", closeDate: "2027-06-30" });
    await db().closePlanStep.createMany({
      data: Array.from({ length: 48 }, (_, i) => ({
        opportunityId: id,
        title: `Step ${i + 1}`,
        ownerUserId: org.rep.id,
        ownerName: "",
        position: i,
      })),
    });
    const r = await refused(addPlanStepsOnBoard(as.rep, id, { version: 1, steps: "typical" }, new Date("2027-02-10T12:00:00Z")));
    expect([r.code, r.fields]).toEqual(["VALIDATION_FAILED", [expect.objectContaining({ field: "steps" })]]);
    expect(await db().closePlanStep.count({ where: { opportunityId: id } })).toBe(48);
    const two = await addPlanStepsOnBoard(as.rep, id, {
      version: 1,
      steps: [
        { title: "A", dueDate: "2027-05-01" },
        { title: "B", dueDate: "2027-05-02" },
      ],
    });
    expect(two.added).toBe(2);
  });

  test("adding plan steps at a stale version, or to another rep's deal, is refused and writes nothing", async () => {
    const id = await deal(org.rep.id, { stage: "propose" });
    const stale = await refused(addPlanStepsOnBoard(as.rep, id, { version: 7, steps: "typical" }));
    expect([stale.code, stale.card?.version]).toEqual(["VERSION_CONFLICT", 1]);
    const hidden = await refused(addPlanStepsOnBoard(as.teammate, id, { version: 1, steps: "typical" }));
    expect([hidden.code, hidden.card]).toEqual(["NOT_FOUND", null]);
    const desk = await refused(addPlanStepsOnBoard(as.admin, id, { version: 1, steps: "typical" }));
    expect(desk.code).toBe("FORBIDDEN");
    expect(await db().closePlanStep.count({ where: { opportunityId: id } })).toBe(0);
  });

  test("any other write of the deal answers with its card, and a refusal carries the current card", async () => {
    const disqualify = (id: string, version: number) =>
      withCurrentCard(as.rep, id, async () => toBoardCard(await disqualifyOpportunity(as.rep, id, { reason: "No project behind it", version })));
    const later = await deal(org.rep.id, { stage: "qualify" });
    const r = await refused(disqualify(later, 1));
    expect([r.code, r.card?.stage, r.card?.version]).toEqual(["TRANSITION_NOT_ALLOWED", "qualify", 1]);
    const early = await deal(org.rep.id);
    expect(await disqualify(early, 1)).toMatchObject({ id: early, status: "disqualified", version: 2 });
    const hidden = await refused(withCurrentCard(as.teammate, early, () => disqualifyOpportunity(as.teammate, early, { reason: "x", version: 2 })));
    expect([hidden.code, hidden.card]).toEqual(["NOT_FOUND", null]);
  });

  test("a closed deal takes no fixes until it is re-opened", async () => {
    const id = await deal(org.rep.id, { stage: "closed_lost", status: "lost", closedAt: new Date() });
    const r = await refused(updateOnBoard(as.rep, id, { version: 1, nextStep: "Try again" }));
    expect([r.code, r.card?.status]).toEqual(["TRANSITION_NOT_ALLOWED", "lost"]);
  });
});
