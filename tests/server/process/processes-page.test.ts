// The processes pages' server actions (app/admin/processes/actions.ts): "Edit" starts a draft from the
// latest version and opens the editor, a template starts one under a new key or an existing process,
// a draft there is already is refused with that draft, "Discard", "Make default" and the type select,
// and the deal-move page's "Move N deals". Each answers as the API does, and refuses everyone but admins.
import { beforeAll, describe, expect, test, vi } from "vitest";
import { discardDraftAction, moveDealsAction, startDraftAction, updateProcessAction } from "@/app/admin/processes/actions";
import { openOnOlderVersions } from "@/app/admin/processes/view";
import { STANDARD_B2B } from "@/src/domain/process/templates";
import { db } from "@/src/server/db";
import { publishProcess } from "@/src/server/process/manage-processes";
import { isRedirect, signInAs } from "../../support/action-session";
import { actorOf, insertDeal } from "../../support/board";
import { ensureDefaults } from "../../support/deals";
import { createOrg } from "../../support/fixtures";

vi.mock("next/headers", async () => (await import("../../support/action-session")).nextHeaders);
vi.mock("next/cache", async () => (await import("../../support/action-session")).nextCache);

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});

/** Where the action sent the browser, or its answer when it did not. */
async function outcome(run: () => Promise<unknown>): Promise<{ redirect: string } | { answer: any }> {
  try {
    return { answer: await run() };
  } catch (e) {
    if (!isRedirect(e)) throw e;
    return { redirect: String((e as { digest: string }).digest).split(";")[2]! };
  }
}

const draftOf = (key: string) => db().processDraft.findUnique({ where: { processKey: key } });
const auditCount = (action: string) => db().auditEntry.count({ where: { action } });

describe("starting a draft", () => {
  test("Edit: from the latest version, then the editor", async () => {
    await signInAs(org.admin);
    expect(await outcome(() => startDraftAction({ key: "standard_b2b" }))).toEqual({ redirect: "/admin/processes/standard_b2b/draft" });
    expect(await draftOf("standard_b2b")).toMatchObject({ basedOnVersion: 1, template: null, createdById: org.admin.id });
  });

  test("a process with a draft already: 409 with that draft, and it is left as it was", async () => {
    await signInAs(org.admin);
    const before = await draftOf("standard_b2b");
    const res: any = await outcome(() => startDraftAction({ key: "standard_b2b", template: "six_steps" }));
    expect(res.answer).toMatchObject({ ok: false, error: { code: "CONFLICT", details: { current: { processKey: "standard_b2b", version: 1 } } } });
    expect(await draftOf("standard_b2b")).toEqual(before);
  });

  test("from a template under a new key: a draft of a process not published yet, then its editor", async () => {
    await signInAs(org.admin);
    const created = await auditCount("process.draft_created");
    expect(await outcome(() => startDraftAction({ key: "field_sales", template: "six_steps" }))).toEqual({
      redirect: "/admin/processes/field_sales/draft",
    });
    expect(await draftOf("field_sales")).toMatchObject({ template: "six_steps", basedOnVersion: null });
    expect(await db().process.findUnique({ where: { key: "field_sales" } })).toBeNull();
    expect(await auditCount("process.draft_created")).toBe(created + 1);
  });

  test("from a template over an existing process without a draft", async () => {
    await signInAs(org.admin);
    await publishProcess(await actorOf(org.admin), { template: "customer_lifecycle", makeDefault: false });
    expect(await outcome(() => startDraftAction({ key: "customer_lifecycle", template: "six_steps" }))).toEqual({
      redirect: "/admin/processes/customer_lifecycle/draft",
    });
    expect(await draftOf("customer_lifecycle")).toMatchObject({ template: "six_steps" });
  });

  test("a bad key or template is refused by field; a process never published has no version to edit", async () => {
    await signInAs(org.admin);
    const badKey: any = await outcome(() => startDraftAction({ key: "Field Sales", template: "six_steps" }));
    expect(badKey.answer.error.code).toBe("VALIDATION_FAILED");
    expect(badKey.answer.error.details.fields.map((f: any) => f.field)).toEqual(["key"]);
    const badTemplate: any = await outcome(() => startDraftAction({ key: "other", template: "nope" }));
    expect(badTemplate.answer.error.details.fields.map((f: any) => f.field)).toEqual(["template"]);
    const never: any = await outcome(() => startDraftAction({ key: "never_published" }));
    expect(never.answer.error.code).toBe("NOT_FOUND");
    expect(await draftOf("other")).toBeNull();
  });
});

describe("discarding a draft", () => {
  test("removes it, and a second discard is 404", async () => {
    await signInAs(org.admin);
    expect(await discardDraftAction({ key: "field_sales" })).toEqual({ ok: true, data: { key: "field_sales" } });
    expect(await draftOf("field_sales")).toBeNull();
    expect(await discardDraftAction({ key: "field_sales" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});

describe("default and opportunity type", () => {
  test("the type select ties and unties; a type taken is 409; Make default moves the default", async () => {
    await signInAs(org.admin);
    expect(await updateProcessAction({ key: "customer_lifecycle", changes: { opportunityType: "expansion" } })).toMatchObject({ ok: true });
    expect(await updateProcessAction({ key: "standard_b2b", changes: { opportunityType: "expansion" } })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", details: { current: { key: "customer_lifecycle" } } },
    });
    expect(await updateProcessAction({ key: "customer_lifecycle", changes: { opportunityType: null } })).toMatchObject({ ok: true });
    expect(await updateProcessAction({ key: "customer_lifecycle", changes: { isDefault: true } })).toMatchObject({ ok: true });
    expect((await db().process.findMany({ where: { isDefault: true } })).map((p) => p.key)).toEqual(["customer_lifecycle"]);
    expect(await updateProcessAction({ key: "standard_b2b", changes: { isDefault: true } })).toMatchObject({ ok: true });
    expect(await updateProcessAction({ key: "standard_b2b", changes: { opportunityType: "renewal" } })).toMatchObject({
      ok: false,
      error: { code: "VALIDATION_FAILED" },
    });
  });
});

describe("moving open deals", () => {
  test("moves those that may, reports those that stay with why, and the page's count follows", async () => {
    const moves = await insertDeal(org.rep.id, { name: "Moves", amount: 5000, closeDate: "2027-06-30", stage: "identify" });
    const stays = await insertDeal(org.rep.id, { name: "Stays", amount: 5000, closeDate: "2027-06-30", stage: "finalize" });
    const definition = structuredClone(STANDARD_B2B) as any;
    definition.stages[4].key = "deliver";
    await publishProcess(await actorOf(org.admin), { definition, makeDefault: true, note: "Deliver" });
    const summary = async () => (await db().process.findUniqueOrThrow({ where: { key: "standard_b2b" }, include: { versions: true } })).versions;
    const open = async (id: string) => (await db().opportunity.findUniqueOrThrow({ where: { id } })).processVersionId;
    expect(new Set([await open(moves), await open(stays)]).size).toBe(1);

    await signInAs(org.admin);
    const result: any = await moveDealsAction({ key: "standard_b2b", request: { dealIds: [moves, stays] } });
    expect(result.ok).toBe(true);
    expect(result.data).toMatchObject({ toVersion: 2, moves: 1, stays: 1 });
    expect(Object.fromEntries(result.data.items.map((i: any) => [i.name, [i.outcome, i.reason]]))).toEqual({
      Moves: ["moved", undefined],
      Stays: ["stays", "stage_missing"],
    });
    const latest = (await summary()).find((v) => v.version === 2)!;
    expect(await open(moves)).toBe(latest.id);
    expect(await open(stays)).not.toBe(latest.id);
    expect(
      openOnOlderVersions({ latestVersion: 2, versions: [{ version: 2, openOpportunities: 4 } as any, { version: 1, openOpportunities: 3 } as any] }),
    ).toBe(3);
    expect(await moveDealsAction({ key: "no_such_process", request: {} })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});

describe("only admins", () => {
  test("every other role is refused by every action, and nothing changes", async () => {
    const drafts = await db().processDraft.count();
    for (const who of [org.rep, org.manager, org.finance]) {
      await signInAs(who);
      for (const run of [
        () => startDraftAction({ key: "standard_b2b" }),
        () => startDraftAction({ key: "by_someone", template: "six_steps" }),
        () => discardDraftAction({ key: "customer_lifecycle" }),
        () => updateProcessAction({ key: "standard_b2b", changes: { opportunityType: "new" } }),
        () => moveDealsAction({ key: "standard_b2b", request: {} }),
      ])
        expect(await outcome(run)).toMatchObject({ answer: { ok: false, error: { code: "FORBIDDEN" } } });
    }
    expect(await db().processDraft.count()).toBe(drafts);
    expect((await db().process.findUniqueOrThrow({ where: { key: "standard_b2b" } })).opportunityType).toBeNull();
  });
});
