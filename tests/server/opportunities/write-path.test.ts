// Every write on a deal goes through the one pipeline (changeOpportunity): each of them refuses a
// stale version, a deal out of sight and a deal the actor may see but not change, and writes one
// version and exactly one history entry when it succeeds. Then: writes compose in a caller's
// transaction, all or nothing.
import { beforeAll, describe, expect, test } from "vitest";
import { findActorByToken } from "@/src/auth/api-tokens";
import type { Actor } from "@/src/auth/actor";
import { AppError } from "@/src/errors";
import { database, db } from "@/src/server/db";
import { uploadFile } from "@/src/server/files/upload-file";
import { attestCriterion } from "@/src/server/opportunities/attest-criterion";
import { changeOpportunity } from "@/src/server/opportunities/change-opportunity";
import { replaceClosePlan } from "@/src/server/opportunities/close-plan";
import { disqualifyOpportunity } from "@/src/server/opportunities/disqualify-opportunity";
import { moveOpportunity } from "@/src/server/opportunities/move-opportunity";
import { replaceContacts } from "@/src/server/opportunities/replace-contacts";
import { updateOpportunity } from "@/src/server/opportunities/update-opportunity";
import { createDeal, ensureDefaults, satisfyStages } from "../../support/deals";
import { createOrg } from "../../support/fixtures";

let org: Awaited<ReturnType<typeof createOrg>>;
const as: Record<"rep" | "outsider" | "admin" | "finance", Actor> = {} as never;

beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  for (const who of ["rep", "outsider", "admin", "finance"] as const) as[who] = (await findActorByToken(database().sql, org[who].token))!;
});

const PDF = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");

/** Each write, as a rep's deal at `version` gets it; `history` is the entry it records. */
const WRITES: { name: string; history: string; write: (actor: Actor, id: string, version: number) => Promise<unknown> }[] = [
  { name: "update fields", history: "field_changed", write: (a, id, version) => updateOpportunity(a, id, { version, name: "Renamed deal" }) },
  {
    name: "attest a criterion",
    history: "criterion_attested",
    write: (a, id, version) => attestCriterion(a, id, "value_fit_confirmed", { version, satisfied: true }),
  },
  {
    name: "replace contacts",
    history: "field_changed",
    write: (a, id, version) => replaceContacts(a, id, { version, contacts: [{ name: "Dana Buyer", email: "", title: "CIO", role: "champion" }] }),
  },
  {
    name: "replace the close plan",
    history: "plan_changed",
    write: (a, id, version) =>
      replaceClosePlan(a, id, { version, steps: [{ title: "Legal review", ownerName: "Buyer", dueDate: "2027-02-01", done: false }] }),
  },
  { name: "move", history: "stage_changed", write: (a, id, version) => moveOpportunity(a, id, { toStage: "qualify", version }) },
  {
    name: "disqualify",
    history: "disqualified",
    write: (a, id, version) => disqualifyOpportunity(a, id, { reason: "No budget this year", version }),
  },
];

/** Uploads take no version: they write at the version they read, so only authorization applies. */
const upload = (a: Actor, id: string) => uploadFile(a, id, { kind: "quote", name: "quote.pdf", bytes: PDF });

const state = async (id: string) => ({
  version: (await db().opportunity.findUniqueOrThrow({ where: { id } })).version,
  history: (await db().historyEntry.findMany({ where: { opportunityId: id }, orderBy: { id: "asc" } })).map((h) => h.type),
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => "written",
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

async function freshDeal() {
  const deal = await createDeal(org.rep.token);
  await satisfyStages(deal.id, ["identify"], org.rep.id);
  return deal.id;
}

describe.each(WRITES)("$name", ({ history, write }) => {
  test("a stale version is 409 and writes nothing", async () => {
    const id = await freshDeal();
    const before = await state(id);
    await expect(write(as.rep, id, before.version + 1).catch((e: AppError) => [e.code, e.details])).resolves.toEqual([
      "VERSION_CONFLICT",
      { currentVersion: before.version },
    ]);
    expect(await state(id)).toEqual(before);
  });

  test("a deal out of sight is 404, a deal seen but not changeable is 403; neither writes", async () => {
    const id = await freshDeal();
    const before = await state(id);
    expect(await refusal(write(as.outsider, id, before.version))).toBe("NOT_FOUND");
    expect(await refusal(write(as.admin, id, before.version))).toBe("FORBIDDEN");
    expect(await state(id)).toEqual(before);
  });

  test("a change makes one new version and one history entry", async () => {
    const id = await freshDeal();
    const before = await state(id);
    await write(as.rep, id, before.version);
    expect(await state(id)).toEqual({ version: before.version + 1, history: [...before.history, history] });
  });
});

describe("upload a file", () => {
  test("out of sight is 404, seen but not changeable is 403; a stored file makes one version and one entry", async () => {
    const id = await freshDeal();
    const before = await state(id);
    expect(await refusal(upload(as.outsider, id))).toBe("NOT_FOUND");
    expect(await refusal(upload(as.admin, id))).toBe("FORBIDDEN");
    expect(await state(id)).toEqual(before);
    await upload(as.rep, id);
    expect(await state(id)).toEqual({ version: before.version + 1, history: [...before.history, "file_attached"] });
  });
});

describe("composing writes in one transaction", () => {
  test("two changes in the caller's transaction commit together", async () => {
    const id = await freshDeal();
    await database().transaction(async (tx) => {
      const renamed = await updateOpportunity(as.rep, id, { version: 1, name: "Both or neither" }, new Date(), tx);
      await moveOpportunity(as.rep, id, { toStage: "qualify", version: renamed.version }, new Date(), tx);
    });
    const row = await db().opportunity.findUniqueOrThrow({ where: { id } });
    expect([row.name, row.stageKey, row.version]).toEqual(["Both or neither", "qualify", 3]);
  });

  test("when the second change is refused, the first is rolled back with it", async () => {
    const id = await freshDeal();
    const before = await state(id);
    const attempt = database().transaction(async (tx) => {
      await updateOpportunity(as.rep, id, { version: 1, name: "Never seen" }, new Date(), tx);
      await moveOpportunity(as.rep, id, { toStage: "negotiate", version: 2 }, new Date(), tx); // criteria of qualify and propose unmet
    });
    expect(await refusal(attempt)).toBe("EXIT_CRITERIA_UNMET");
    expect(await state(id)).toEqual(before);
    expect((await db().opportunity.findUniqueOrThrow({ where: { id } })).name).not.toBe("Never seen");
  });
});

describe("messages a change sends", () => {
  const renameAndTell = (id: string, version: number, key: string) =>
    changeOpportunity(as.rep, { id, version }, () => ({
      columns: { name: "Told" },
      history: [{ type: "field_changed", details: { changes: { name: { from: null, to: "Told" } } } }],
      messages: [{ channel: "webhook", payload: { url: "http://127.0.0.1:9/hook", type: "deal.renamed", data: { id } }, idempotencyKey: key }],
    }));
  const queued = (key: string) => db().outboxMessage.findMany({ where: { idempotencyKey: key } });

  test("are queued in the change's transaction, tied to the deal", async () => {
    const id = await freshDeal();
    await renameAndTell(id, 1, `renamed:${id}`);
    expect((await queued(`renamed:${id}`)).map((m) => [m.opportunityId, m.status])).toEqual([[id, "pending"]]);
  });

  test("are not queued when the change is refused", async () => {
    const id = await freshDeal();
    expect(await refusal(renameAndTell(id, 2, `stale:${id}`))).toBe("VERSION_CONFLICT");
    expect(await queued(`stale:${id}`)).toEqual([]);
  });
});
