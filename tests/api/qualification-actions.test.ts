// The deal page's Qualification card and the new deal form answer through the pages' server actions:
// the same rules as PATCH and POST /opportunities, with refusals the card shows beside the question.
import { beforeAll, describe, expect, test, vi } from "vitest";
import * as dealActions from "@/app/opportunities/_actions/deal-actions";
import { createDealAction } from "@/app/opportunities/new/actions";
import { STANDARD_B2B } from "@/src/domain/process/templates/standard-b2b";
import { db } from "@/src/server/db";
import { getOpportunityPage } from "@/src/server/opportunity-page/get-opportunity-page";
import { isRedirect, signInAs } from "../support/action-session";
import { actorOf } from "../support/board";
import { createDeal, dealBody, ensureDefaults } from "../support/deals";
import { createOrg } from "../support/fixtures";

vi.mock("next/headers", async () => (await import("../support/action-session")).nextHeaders);
vi.mock("next/cache", () => ({ refresh: () => undefined, revalidatePath: () => undefined }));

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});

describe("the deal page's Qualification card", () => {
  test("the page carries the version's questions by stage and the deal's answers", async () => {
    const { id } = await createDeal(org.rep.token);
    await signInAs(org.rep);
    await dealActions.updateDeal({ id, version: 1, qualificationAnswers: { budget_allocated: true } });
    const page = await getOpportunityPage(await actorOf(org.rep), id);
    const qualify = page.process.stages.find((s) => s.key === "qualify")!;
    expect(qualify.questions).toEqual(STANDARD_B2B.stages[1]!.questions);
    expect(page.deal.qualificationAnswers).toEqual({ budget_allocated: true });
  });

  test("an answer saved from the card is on the deal, with the next version on its card", async () => {
    const { id } = await createDeal(org.rep.token);
    await signInAs(org.rep);
    const yes = await dealActions.updateDeal({ id, version: 1, qualificationAnswers: { budget_allocated: true } });
    expect(yes).toMatchObject({ ok: true, data: { card: { version: 2 } } });
    const date = await dealActions.updateDeal({ id, version: 2, qualificationAnswers: { project_deadline: "2027-06-30" } });
    expect(date.ok).toBe(true);
    expect((await db().opportunity.findUniqueOrThrow({ where: { id } })).qualificationAnswers).toEqual({
      budget_allocated: true,
      project_deadline: "2027-06-30",
    });
  });

  test("a wrong answer is refused by its field; a stale version is a conflict; nothing is saved", async () => {
    const { id } = await createDeal(org.rep.token);
    await signInAs(org.rep);
    const wrong = await dealActions.updateDeal({ id, version: 1, qualificationAnswers: { project_deadline: "next spring" } });
    expect(wrong).toMatchObject({
      ok: false,
      error: {
        code: "VALIDATION_FAILED",
        details: { fields: [{ field: "qualificationAnswers.project_deadline", message: "a calendar date YYYY-MM-DD" }] },
      },
    });
    await dealActions.updateDeal({ id, version: 1, name: "Renamed elsewhere" });
    const stale = await dealActions.updateDeal({ id, version: 1, qualificationAnswers: { budget_allocated: false } });
    expect(stale).toMatchObject({ ok: false, error: { code: "VERSION_CONFLICT", details: { currentVersion: 2 } } });
    expect((await db().opportunity.findUniqueOrThrow({ where: { id } })).qualificationAnswers).toEqual({});
  });

  test("the page lets the owner and their manager edit, not an admin, who reads the answers only", async () => {
    const { id } = await createDeal(org.rep.token);
    for (const [who, canEdit] of [
      ["rep", true],
      ["manager", true],
      ["admin", false],
    ] as const)
      expect([who, (await getOpportunityPage(await actorOf(org[who]), id)).permissions.canEdit]).toEqual([who, canEdit]);
    await signInAs(org.admin);
    expect(await dealActions.updateDeal({ id, version: 1, qualificationAnswers: { budget_allocated: true } })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
  });
});

describe("the new deal form", () => {
  test("an answer given on the form is on the new deal", async () => {
    await signInAs(org.rep);
    const outcome = await createDealAction(dealBody({ name: "Answered on creation", qualificationAnswers: { identified_project: true } })).then(
      (r) => r,
      (e) => (isRedirect(e) ? "redirected" : e),
    );
    expect(outcome).toBe("redirected");
    const row = await db().opportunity.findFirstOrThrow({ where: { name: "Answered on creation" } });
    expect(row.qualificationAnswers).toEqual({ identified_project: true });
  });

  test("a wrong answer on the form is refused by its field, and no deal is made", async () => {
    await signInAs(org.rep);
    const refused = await createDealAction(dealBody({ name: "Refused", qualificationAnswers: { project_deadline: "2027-13-01" } }));
    expect(refused).toMatchObject({ ok: false, error: { details: { fields: [{ field: "qualificationAnswers.project_deadline" }] } } });
    expect(await db().opportunity.count({ where: { name: "Refused" } })).toBe(0);
  });
});
