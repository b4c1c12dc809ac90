// The process draft editor's server actions (app/admin/processes/[key]/draft/actions.ts): a draft
// started from the latest version, saved whole at the version read (a stale version is the API's
// conflict with the draft saved since, and nothing changes), its problems asked without saving,
// published only without problems, discarded; and every one refused to all but admins.
import { beforeAll, describe, expect, test, vi } from "vitest";
import {
  checkDraftAction,
  discardDraftAction,
  publishDraftAction,
  saveDraftAction,
  startDraftAction,
} from "@/app/admin/processes/[key]/draft/actions";
import type { ActionResult } from "@/src/http/action-result";
import type { DraftResponse } from "@/src/schemas/process-drafts";
import { database } from "@/src/server/db";
import { getDraft } from "@/src/server/process/drafts";
import { listProcesses } from "@/src/server/process/manage-processes";
import { signInAs, signOut } from "../../support/action-session";
import { actorOf } from "../../support/board";
import { ensureDefaults } from "../../support/deals";
import { createOrg } from "../../support/fixtures";

vi.mock("next/headers", async () => (await import("../../support/action-session")).nextHeaders);

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});

const KEY = "standard_b2b";
const admin = async () => actorOf(org.admin);
const draftNow = async () => getDraft(await admin(), KEY).catch(() => null);
const latestVersion = async () => (await listProcesses(await admin())).items.find((p) => p.key === KEY)?.latestVersion;
const auditCount = async () =>
  Number(
    (
      await database()
        .sql.selectFrom("AuditEntry")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

function data<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.data;
}

/** A new open stage, as the editor adds it: a key from its name, no criteria yet. */
const securityReview = {
  key: "security_review",
  name: "Security review",
  kind: "open" as const,
  probability: 60,
  forecastCategory: "pipeline" as const,
  definition: "The buyer's security team reviews the product.",
  goals: ["Security questionnaire answered"],
  buyerDoing: [],
  sellerActivities: [],
  doneCorrectly: "",
  doneIncorrectly: "",
  stallDays: 14,
  exitCriteria: [{ key: "amount_set", label: "Amount above zero", type: "field" as const, field: "amount", condition: { op: "gt", value: 0 } }],
  questions: [],
};

function withSecurityReview(d: DraftResponse) {
  const stages = [...d.definition.stages];
  const won = stages.findIndex((s) => s.kind === "won");
  stages.splice(won, 0, securityReview);
  stages[0] = { ...stages[0]!, questions: [{ key: "executive_sponsor", label: "Is there an executive sponsor?", answer: "yes_no" }] };
  return { ...d.definition, stages };
}

describe("only admins use the editor", () => {
  test.each(["rep", "manager", "finance"] as const)("every action is FORBIDDEN to the %s, and changes nothing", async (who) => {
    await signInAs(org.admin);
    const started = await startDraftAction({ key: KEY });
    const draft = started.ok ? started.data : (await draftNow())!;
    const audits = await auditCount();
    await signInAs(org[who]);
    const forbidden = { ok: false, error: { code: "FORBIDDEN" } };
    expect(await startDraftAction({ key: "six_steps" })).toMatchObject(forbidden);
    expect(await saveDraftAction({ key: KEY, version: draft.version, definition: withSecurityReview(draft) })).toMatchObject(forbidden);
    expect(await checkDraftAction({ definition: draft.definition })).toMatchObject(forbidden);
    expect(await publishDraftAction({ key: KEY, version: draft.version })).toMatchObject(forbidden);
    expect(await discardDraftAction({ key: KEY })).toMatchObject(forbidden);
    expect((await draftNow())?.version).toBe(draft.version);
    expect(await auditCount()).toBe(audits);
  });

  test("without a session, UNAUTHENTICATED", async () => {
    signOut();
    expect(await saveDraftAction({ key: KEY, version: 1, definition: { name: "x", description: "", stages: [] } })).toMatchObject({
      ok: false,
      error: { code: "UNAUTHENTICATED" },
    });
  });
});

describe("an admin edits a draft", () => {
  test("a draft starts from the latest version; a second start is CONFLICT with the draft there is", async () => {
    await signInAs(org.admin);
    await discardDraftAction({ key: KEY });
    const draft = data(await startDraftAction({ key: KEY }));
    expect(draft).toMatchObject({ processKey: KEY, version: 1, basedOnVersion: await latestVersion(), problems: [] });
    expect(await startDraftAction({ key: KEY })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    // A process never published has no version to start from.
    expect(await startDraftAction({ key: "never_published" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  test("saved at the version read: the whole definition replaces the draft's, one version up", async () => {
    await signInAs(org.admin);
    const before = (await draftNow())!;
    const definition = withSecurityReview(before);
    const audits = await auditCount();
    const saved = data(await saveDraftAction({ key: KEY, version: before.version, definition }));
    expect(saved.version).toBe(before.version + 1);
    // Audited as the API's save is, with the admin as its actor.
    expect(await auditCount()).toBe(audits + 1);
    const entry = await database()
      .sql.selectFrom("AuditEntry")
      .select(["action", "actorId"])
      .orderBy("at", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ action: "process.draft_saved", actorId: org.admin.id });
    // Saving it again as it is writes nothing and keeps the version.
    expect(data(await saveDraftAction({ key: KEY, version: saved.version, definition })).version).toBe(saved.version);
    expect(await auditCount()).toBe(audits + 1);
    expect(saved.problems).toEqual([]);
    const stored = (await draftNow())!;
    expect(stored.version).toBe(saved.version);
    expect(stored.definition.stages.map((s) => s.key)).toContain("security_review");
    expect(stored.definition.stages[0]!.questions).toEqual([{ key: "executive_sponsor", label: "Is there an executive sponsor?", answer: "yes_no" }]);
  });

  test("saved at a stale version: VERSION_CONFLICT with the draft saved since, and the draft is unchanged", async () => {
    await signInAs(org.admin);
    const current = (await draftNow())!;
    const mine = { ...current.definition, name: "Mine" };
    const result = await saveDraftAction({ key: KEY, version: current.version - 1, definition: mine });
    expect(result).toMatchObject({ ok: false, error: { code: "VERSION_CONFLICT", details: { current: { version: current.version } } } });
    if (result.ok) return;
    expect((result.error.details as { current: DraftResponse }).current.definition).toEqual(current.definition);
    expect((await draftNow())!).toMatchObject({ version: current.version, definition: { name: current.definition.name } });
  });

  test("a half-made draft is saved with its problems; its problems can be asked without saving", async () => {
    await signInAs(org.admin);
    const current = (await draftNow())!;
    const stages = current.definition.stages.map((s, i) => (i === 1 ? { ...s, probability: 150 } : s));
    const audits = await auditCount();
    const checked = data(await checkDraftAction({ definition: { ...current.definition, stages } }));
    expect(await auditCount()).toBe(audits);
    expect(checked.problems).toEqual([{ field: "stages.1.probability", message: expect.stringContaining("0 to 100") }]);
    expect((await draftNow())!.version).toBe(current.version);
    // A wrong shape is refused by field, as the API refuses it.
    const wrong = await saveDraftAction({
      key: KEY,
      version: current.version,
      definition: { ...current.definition, stages: [{ ...stages[0], kind: "maybe" }] },
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    const saved = data(await saveDraftAction({ key: KEY, version: current.version, definition: { ...current.definition, stages } }));
    expect(saved.problems.map((p) => p.field)).toEqual(["stages.1.probability"]);
  });

  test("publishing while the draft has problems is refused with them, and nothing is published", async () => {
    await signInAs(org.admin);
    const current = (await draftNow())!;
    const version = await latestVersion();
    const result = await publishDraftAction({ key: KEY, version: current.version, note: "Too early" });
    expect(result).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED", details: { fields: [{ field: "stages.1.probability" }] } } });
    expect(await latestVersion()).toBe(version);
    expect((await draftNow())!.version).toBe(current.version);
  });

  test("published at a stale version: VERSION_CONFLICT", async () => {
    await signInAs(org.admin);
    const current = (await draftNow())!;
    expect(await publishDraftAction({ key: KEY, version: current.version + 5 })).toMatchObject({ ok: false, error: { code: "VERSION_CONFLICT" } });
  });

  test("published without problems: the next version, with the new stage in its place; the draft is gone", async () => {
    await signInAs(org.admin);
    const current = (await draftNow())!;
    const fixed = current.definition.stages.map((s, i) => (i === 1 ? { ...s, probability: 25 } : s));
    const saved = data(await saveDraftAction({ key: KEY, version: current.version, definition: { ...current.definition, stages: fixed } }));
    const before = (await latestVersion())!;
    const published = data(await publishDraftAction({ key: KEY, version: saved.version, note: "Security review", makeDefault: true }));
    expect(published).toEqual({ key: KEY, version: before + 1 });
    expect(await latestVersion()).toBe(before + 1);
    expect(await draftNow()).toBeNull();
    const stages = await database()
      .sql.selectFrom("Stage as s")
      .innerJoin("ProcessVersion as v", "v.id", "s.processVersionId")
      .innerJoin("Process as p", "p.id", "v.processId")
      .select(["s.key", "s.probability"])
      .where("p.key", "=", KEY)
      .where("v.version", "=", before + 1)
      .orderBy("s.order")
      .execute();
    expect(stages.map((s) => s.key)).toEqual(fixed.map((s) => s.key));
    expect(stages.find((s) => s.key === "security_review")?.probability).toBe(60);
  });

  test("discarded: the draft is gone; discarding again is NOT_FOUND", async () => {
    await signInAs(org.admin);
    data(await startDraftAction({ key: KEY }));
    expect(data(await discardDraftAction({ key: KEY }))).toEqual({ key: KEY });
    expect(await draftNow()).toBeNull();
    expect(await discardDraftAction({ key: KEY })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  test("a key that is not a process key is refused by field", async () => {
    await signInAs(org.admin);
    expect(await startDraftAction({ key: "Not A Key" })).toMatchObject({
      ok: false,
      error: { code: "VALIDATION_FAILED", details: { fields: [{ field: "key" }] } },
    });
  });
});
