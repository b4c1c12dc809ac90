// The deal page's checklist actions (app/opportunities/_actions/checklist-actions.ts): each runs the
// use case the API runs for the signed-in user, answers with the checklist or with the API's error
// (fields named as the form sends them, 409 with its reason and the item's state), and revalidates
// the deal page after a write and after a refusal that says the item moved on.
import { beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { actOnChecklist, addChecklistContact } from "@/app/opportunities/_actions/checklist-actions";
import type { ActionError, ActionResult } from "@/src/http/action-result";
import type { ChecklistResponse } from "@/src/schemas/closing";
import { database, db } from "@/src/server/db";
import { signInAs, signOut, nextCache as cache } from "../../support/action-session";
import { createDeal, currentVersion, ensureDefaults } from "../../support/deals";
import { createOrg } from "../../support/fixtures";
import { wonDeal } from "../../support/closing";

vi.mock("next/headers", async () => (await import("../../support/action-session")).nextHeaders);
vi.mock("next/cache", async () => (await import("../../support/action-session")).nextCache);

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});
beforeEach(async () => {
  process.env.SLACK_WEBHOOK_URL = "http://127.0.0.1:9/hook";
  process.env.SMTP_URL = "smtp://127.0.0.1:9";
  process.env.MAIL_FROM = "Stageline <stageline@example.test>";
  cache.revalidatePath.mockClear();
  await signInAs(org.rep);
});

const won = (options: { customerContact?: boolean } = {}) => wonDeal(org.rep, { name: "Envoy rollout", accountName: "Envoy" }, options);

function data(result: ActionResult<ChecklistResponse>): ChecklistResponse {
  if (!result.ok) throw new Error(`refused: ${result.error.code} ${result.error.message}`);
  return result.data;
}
function refusal(result: ActionResult<ChecklistResponse>): ActionError {
  if (result.ok) throw new Error("expected a refusal");
  return result.error;
}
const itemOf = (checklist: ChecklistResponse, kind: string) => checklist.items.find((i) => i.kind === kind)!;
const fields = (error: ActionError) => ((error.details as { fields?: { field: string }[] } | undefined)?.fields ?? []).map((f) => f.field);
const reason = (error: ActionError) => (error.details as { reason?: string } | undefined)?.reason;
const revalidated = () => cache.revalidatePath.mock.calls.map((c) => c[0]);
const messagesOf = (id: string) =>
  database().sql.selectFrom("OutboxMessage").select(["idempotencyKey", "status"]).where("opportunityId", "=", id).orderBy("createdAt").execute();
const deliverAll = (id: string) =>
  database().sql.updateTable("OutboxMessage").set({ status: "delivered", deliveredAt: new Date() }).where("opportunityId", "=", id).execute();

describe("send", () => {
  test("the #wins post is queued, the item reads sending and the deal page is revalidated", async () => {
    const id = await won();
    const checklist = data(await actOnChecklist({ id, item: "slack_post", action: { action: "send" } }));
    expect(itemOf(checklist, "slack_post")).toMatchObject({ state: "sending", sent: 1 });
    expect(checklist.open).toBe(3);
    expect(await messagesOf(id)).toEqual([expect.objectContaining({ status: "pending" })]);
    expect(revalidated()).toEqual([`/opportunities/${id}`]);
  });

  test("a second send while the first is on its way is refused as in flight, and the page still refreshes", async () => {
    const id = await won();
    data(await actOnChecklist({ id, item: "slack_post", action: { action: "send" } }));
    cache.revalidatePath.mockClear();
    const error = refusal(await actOnChecklist({ id, item: "slack_post", action: { action: "send" } }));
    expect(error.code).toBe("CONFLICT");
    expect(error.details).toMatchObject({ reason: "in_flight", state: "sending" });
    expect(revalidated()).toEqual([`/opportunities/${id}`]);
    expect(await messagesOf(id)).toHaveLength(1);
  });

  test("once delivered, sending again needs confirm: true, and then queues a second message", async () => {
    const id = await won();
    data(await actOnChecklist({ id, item: "slack_post", action: { action: "send" } }));
    await deliverAll(id);
    expect(reason(refusal(await actOnChecklist({ id, item: "slack_post", action: { action: "send" } })))).toBe("already_sent");
    const again = data(await actOnChecklist({ id, item: "slack_post", action: { action: "send", confirm: true } }));
    expect(itemOf(again, "slack_post").sent).toBe(2);
    expect((await messagesOf(id)).map((m) => m.idempotencyKey)).toEqual([expect.stringMatching(/:1$/), expect.stringMatching(/:2$/)]);
  });

  test("the welcome e-mail without a customer contact is refused as such; nothing is queued", async () => {
    const id = await won({ customerContact: false });
    expect(reason(refusal(await actOnChecklist({ id, item: "welcome_email", action: { action: "send" } })))).toBe("no_customer_contact");
    expect(await messagesOf(id)).toHaveLength(0);
  });

  test("the hand-off sends with its form's values, and its problems are named by field", async () => {
    const id = await won();
    const past = refusal(
      await actOnChecklist({
        id,
        item: "handoff_meeting",
        action: { action: "send", handoff: { csm: { name: "Sam Ortiz", email: "sam@seller.example" }, startsAt: "2020-01-01T10:00:00Z" } },
      }),
    );
    expect(fields(past)).toEqual(["handoff.startsAt"]);
    const badMail = refusal(
      await actOnChecklist({
        id,
        item: "handoff_meeting",
        action: { action: "send", handoff: { csm: { name: "Sam", email: "nope" }, startsAt: "2030-01-01T10:00:00Z" } },
      }),
    );
    expect(badMail.code).toBe("VALIDATION_FAILED");
    expect(fields(badMail)[0]).toMatch(/^action\.handoff\.csm/);
    const sent = data(
      await actOnChecklist({
        id,
        item: "handoff_meeting",
        action: {
          action: "send",
          handoff: { csm: { userId: org.teammate.id }, startsAt: "2030-01-07T15:00:00Z", durationMinutes: 45, agenda: "Intro" },
        },
      }),
    );
    expect(itemOf(sent, "handoff_meeting")).toMatchObject({
      state: "sending",
      details: { csm: { userId: org.teammate.id }, startsAt: "2030-01-07T15:00:00.000Z", durationMinutes: 45 },
    });
  });

  test("an item done by the move has nothing to send", async () => {
    const id = await won();
    expect(reason(refusal(await actOnChecklist({ id, item: "signed_contract", action: { action: "send" } })))).toBe("not_sendable");
  });
});

describe("retry", () => {
  test("only a failed item is retried; its message is queued again", async () => {
    const id = await won();
    expect(reason(refusal(await actOnChecklist({ id, item: "slack_post", action: { action: "retry" } })))).toBe("not_failed");
    data(await actOnChecklist({ id, item: "slack_post", action: { action: "send" } }));
    await database()
      .sql.updateTable("OutboxMessage")
      .set({ status: "failed", lastError: "HTTP 500: down" })
      .where("opportunityId", "=", id)
      .execute();
    const retried = data(await actOnChecklist({ id, item: "slack_post", action: { action: "retry" } }));
    expect(itemOf(retried, "slack_post")).toMatchObject({ state: "sending", lastError: null });
    expect(await messagesOf(id)).toEqual([expect.objectContaining({ status: "pending" })]);
  });
});

describe("mark done", () => {
  test("needs a note, named as the form sends it", async () => {
    const id = await won();
    const error = refusal(await actOnChecklist({ id, item: "slack_post", action: { action: "mark_done", note: "  " } }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(fields(error)).toEqual(["action.note"]);
    expect(revalidated()).toEqual([]);
  });

  test("a channel not configured is marked done by hand with its note, once", async () => {
    delete process.env.SLACK_WEBHOOK_URL;
    const id = await won();
    const done = data(await actOnChecklist({ id, item: "slack_post", action: { action: "mark_done", note: "Posted from my phone" } }));
    expect(itemOf(done, "slack_post")).toMatchObject({ state: "done", note: "Posted from my phone", doneBy: { id: org.rep.id } });
    expect(reason(refusal(await actOnChecklist({ id, item: "slack_post", action: { action: "mark_done", note: "again" } })))).toBe("already_done");
  });

  test("refused while the message is on its way", async () => {
    const id = await won();
    data(await actOnChecklist({ id, item: "slack_post", action: { action: "send" } }));
    expect(reason(refusal(await actOnChecklist({ id, item: "slack_post", action: { action: "mark_done", note: "x" } })))).toBe("in_flight");
  });
});

describe("why we won", () => {
  test("is edited in place and the edit is in the history", async () => {
    const id = await won();
    const edited = data(await actOnChecklist({ id, item: "why_won", action: { action: "edit_why_won", whyWon: "The champion's push" } }));
    expect(edited.whyWon).toBe("The champion's push");
    const entry = await db().historyEntry.findFirst({ where: { opportunityId: id, type: "checklist_updated" } });
    expect(entry?.details).toMatchObject({ action: "edit_why_won", from: "Best integration story", to: "The champion's push" });
  });

  test("a blank one is refused by field", async () => {
    const id = await won();
    expect(fields(refusal(await actOnChecklist({ id, item: "why_won", action: { action: "edit_why_won", whyWon: "" } })))).toEqual(["action.whyWon"]);
  });
});

describe("the customer contact", () => {
  test("is added to a won deal without one: the welcome e-mail then has a preview and no blocker", async () => {
    const id = await won({ customerContact: false });
    const before = await currentVersion(id);
    const checklist = data(await addChecklistContact({ id, contact: { name: "Ana Silva", email: "Ana@Envoy.example" } }));
    expect(itemOf(checklist, "welcome_email")).toMatchObject({ blocker: null, preview: { channel: "email", to: ["ana@envoy.example"] } });
    expect(checklist.version).toBe(before + 1);
    const contacts = await db().opportunityContact.findMany({ where: { opportunityId: id } });
    expect(contacts.map((c) => [c.name, c.role])).toContainEqual(["Ana Silva", "customer_contact"]);
    expect(revalidated()).toEqual([`/opportunities/${id}`]);
  });

  test("needs a name and a valid address, named by field", async () => {
    const id = await won({ customerContact: false });
    const error = refusal(await addChecklistContact({ id, contact: { name: "", email: "not-mail" } }));
    expect(fields(error).sort()).toEqual(["contact.email", "contact.name"]);
  });

  test("is refused on a deal that is not won", async () => {
    const deal = await createDeal(org.rep.token);
    expect(refusal(await addChecklistContact({ id: deal.id, contact: { name: "Ana", email: "ana@envoy.example" } })).code).toBe("CONFLICT");
  });
});

describe("who may", () => {
  test("the owner's manager works the checklist", async () => {
    const id = await won();
    await signInAs(org.manager);
    expect(itemOf(data(await actOnChecklist({ id, item: "slack_post", action: { action: "send" } })), "slack_post").state).toBe("sending");
  });

  test.each(["outsider", "teammate"] as const)("a %s learns nothing of the deal", async (who) => {
    const id = await won();
    await signInAs(org[who]);
    expect(refusal(await actOnChecklist({ id, item: "slack_post", action: { action: "send" } })).code).toBe("NOT_FOUND");
    expect(refusal(await addChecklistContact({ id, contact: { name: "Eve", email: "eve@example.test" } })).code).toBe("NOT_FOUND");
    expect(await messagesOf(id)).toHaveLength(0);
  });

  test("an admin reads every deal but does not work its checklist", async () => {
    const id = await won();
    await signInAs(org.admin);
    expect(refusal(await actOnChecklist({ id, item: "slack_post", action: { action: "mark_done", note: "done" } })).code).toBe("FORBIDDEN");
  });

  test("nobody signed in is asked to sign in", async () => {
    const id = await won();
    signOut();
    expect(refusal(await actOnChecklist({ id, item: "slack_post", action: { action: "send" } })).code).toBe("UNAUTHENTICATED");
    expect(refusal(await addChecklistContact({ id, contact: { name: "Eve", email: "eve@example.test" } })).code).toBe("UNAUTHENTICATED");
  });
});
