// The Closed Won checklist through the API (docs/rules/closing.md): born with the win, each item's
// state from its outbox message, the actions and their refusals, and who may see and act.
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import * as item from "@/app/api/v1/opportunities/[id]/checklist/[item]/route";
import * as checklist from "@/app/api/v1/opportunities/[id]/checklist/route";
import * as history from "@/app/api/v1/opportunities/[id]/history/route";
import { database, db } from "@/src/server/db";
import { createDeal, currentVersion, ensureDefaults } from "../support/deals";
import { createOrg } from "../support/fixtures";
import { call } from "../support/http";
import { wonDeal } from "../support/closing";

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});
beforeEach(() => {
  process.env.SLACK_WEBHOOK_URL = "http://127.0.0.1:9/hook";
  process.env.SMTP_URL = "smtp://127.0.0.1:9";
  process.env.MAIL_FROM = "Stageline <stageline@example.test>";
});

const won = (extra: Record<string, unknown> = {}, customerContact = true) =>
  wonDeal(org.rep, { name: "Envoy <rollout>", accountName: "Envoy", ...extra }, { customerContact });

const get = (id: string, token = org.rep.token) => call(checklist.GET, { token, params: { id } });
const act = (id: string, kind: string, body: Record<string, unknown>, token = org.rep.token) =>
  call(item.POST, { token, params: { id, item: kind }, body });
const stateOf = async (id: string) => Object.fromEntries(((await get(id)).body.items as any[]).map((i) => [i.kind, i.state]));
const messagesOf = (id: string) =>
  database()
    .sql.selectFrom("OutboxMessage")
    .select(["idempotencyKey", "channel", "payload", "status"])
    .where("opportunityId", "=", id)
    .orderBy("createdAt")
    .execute();

describe("the checklist is born with the win", () => {
  test("a new customer's deal gets five items; the contract and why we won are done by the move", async () => {
    const id = await won();
    const res = await get(id);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: any) => [i.kind, i.state])).toEqual([
      ["signed_contract", "done"],
      ["why_won", "done"],
      ["slack_post", "pending"],
      ["welcome_email", "pending"],
      ["handoff_meeting", "pending"],
    ]);
    expect(res.body).toMatchObject({ whyWon: "Best integration story", open: 3 });
    expect(res.body.items[0].doneBy).toMatchObject({ id: org.rep.id });
  });

  test("an expansion has no welcome e-mail", async () => {
    const id = await won({ type: "expansion", users: 11 });
    expect((await get(id)).body.items.map((i: any) => i.kind)).toEqual(["signed_contract", "why_won", "slack_post", "handoff_meeting"]);
  });

  test("an open deal has no checklist", async () => {
    const deal = await createDeal(org.rep.token);
    const res = await get(deal.id);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/not won/);
  });

  test("the previews show the messages as they would leave, values escaped", async () => {
    const id = await won();
    const items = (await get(id)).body.items as any[];
    const slack = items.find((i) => i.kind === "slack_post").preview;
    expect(slack.channel).toBe("slack");
    expect(slack.text).toContain("*Envoy &lt;rollout&gt;* is closed won: $48,000.00 with Envoy");
    expect(slack.text).toContain("Best integration story");
    const welcome = items.find((i) => i.kind === "welcome_email").preview;
    expect(welcome).toMatchObject({ channel: "email", to: ["ana@envoy.example"], subject: "Welcome aboard, Envoy" });
    expect(welcome.html).toContain("<p>Hello Ana Silva,</p>");
  });
});

describe("who may see and work the checklist", () => {
  test.each([
    ["the owner", "rep", 200],
    ["their manager", "manager", 200],
    ["an admin", "admin", 200],
    ["a rep of another team", "outsider", 404],
    ["a teammate", "teammate", 404],
  ] as const)("%s (%s) reads it: %i", async (_who, role, status) => {
    const id = await won();
    expect((await get(id, org[role].token)).status).toBe(status);
  });

  test("a rep of another team cannot act on it, and learns nothing of it", async () => {
    const id = await won();
    const res = await act(id, "slack_post", { action: "mark_done", note: "Posted by hand" }, org.outsider.token);
    expect(res.status).toBe(404);
    expect((await stateOf(id)).slack_post).toBe("pending");
  });
});

describe("sending", () => {
  test("send queues one message for the item; its state is sending until the outbox delivers it", async () => {
    const id = await won();
    const before = await currentVersion(id);
    const res = await act(id, "slack_post", { action: "send" });
    expect(res.status).toBe(200);
    expect(res.body.items.find((i: any) => i.kind === "slack_post")).toMatchObject({ state: "sending", sent: 1 });
    expect(res.body.version).toBe(before + 1);
    const [message] = await messagesOf(id);
    expect(message).toMatchObject({ channel: "slack", status: "pending" });
    expect((message!.payload as any).blocks[0].type).toBe("section");
  });

  test("two sends at once queue one message: the second is told it is on its way", async () => {
    const id = await won();
    const [a, b] = await Promise.all([act(id, "slack_post", { action: "send" }), act(id, "slack_post", { action: "send" })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.error.details).toMatchObject({ reason: "in_flight", state: "sending" });
    expect(await messagesOf(id)).toHaveLength(1);
  });

  test("sending again once delivered asks for confirmation, then sends a second message", async () => {
    const id = await won();
    await act(id, "slack_post", { action: "send" });
    await database().sql.updateTable("OutboxMessage").set({ status: "delivered", deliveredAt: new Date() }).where("opportunityId", "=", id).execute();
    expect((await stateOf(id)).slack_post).toBe("done");
    const again = await act(id, "slack_post", { action: "send" });
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe("already_sent");
    const confirmed = await act(id, "slack_post", { action: "send", confirm: true });
    expect(confirmed.status).toBe(200);
    expect((await messagesOf(id)).map((m) => m.idempotencyKey)).toEqual([expect.stringMatching(/:1$/), expect.stringMatching(/:2$/)]);
  });

  test("a failed message shows its error and is retried under its own key", async () => {
    const id = await won();
    await act(id, "slack_post", { action: "send" });
    await database()
      .sql.updateTable("OutboxMessage")
      .set({ status: "failed", lastError: "HTTP 500: down", attempts: 9 })
      .where("opportunityId", "=", id)
      .execute();
    const failed = (await get(id)).body.items.find((i: any) => i.kind === "slack_post");
    expect(failed).toMatchObject({ state: "failed", lastError: "HTTP 500: down" });
    expect((await act(id, "handoff_meeting", { action: "retry" })).body.error.details.reason).toBe("not_failed");
    const retried = await act(id, "slack_post", { action: "retry" });
    expect(retried.status).toBe(200);
    expect(retried.body.items.find((i: any) => i.kind === "slack_post").state).toBe("sending");
    const messages = await messagesOf(id);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.status).toBe("pending");
  });

  test("without SLACK_WEBHOOK_URL the post says not configured, and may be marked done by hand with a note", async () => {
    delete process.env.SLACK_WEBHOOK_URL;
    const id = await won();
    const slack = (await get(id)).body.items.find((i: any) => i.kind === "slack_post");
    expect(slack).toMatchObject({ state: "not_configured", configured: false });
    const noNote = await act(id, "slack_post", { action: "mark_done", note: " " });
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.details.fields).toEqual([expect.objectContaining({ field: "note" })]);
    const done = await act(id, "slack_post", { action: "mark_done", note: "Posted in #wins by hand" });
    expect(done.body.items.find((i: any) => i.kind === "slack_post")).toMatchObject({
      state: "done",
      note: "Posted in #wins by hand",
      doneBy: { id: org.rep.id },
    });
    expect((await act(id, "slack_post", { action: "mark_done", note: "again" })).body.error.details.reason).toBe("already_done");
  });

  test("without SMTP_URL or MAIL_FROM both mail items say not configured", async () => {
    delete process.env.MAIL_FROM;
    const id = await won();
    expect(await stateOf(id)).toMatchObject({ welcome_email: "not_configured", handoff_meeting: "not_configured", slack_post: "pending" });
  });

  test("the welcome e-mail needs a customer contact, and says so", async () => {
    const id = await won({}, false);
    const welcome = (await get(id)).body.items.find((i: any) => i.kind === "welcome_email");
    expect(welcome).toMatchObject({ state: "pending", preview: null, blocker: expect.stringMatching(/Customer contact/) });
    const res = await act(id, "welcome_email", { action: "send" });
    expect(res.status).toBe(409);
    expect(res.body.error.details.reason).toBe("no_customer_contact");
    expect(await messagesOf(id)).toHaveLength(0);
  });

  test("the welcome e-mail goes to the customer contacts with the template's words", async () => {
    const id = await won();
    expect((await act(id, "welcome_email", { action: "send" })).status).toBe(200);
    const [message] = await messagesOf(id);
    expect(message!.payload).toMatchObject({ to: ["ana@envoy.example"], subject: "Welcome aboard, Envoy" });
  });

  test("the hand-off needs a CSM and a time in the future", async () => {
    const id = await won();
    expect((await act(id, "handoff_meeting", { action: "send" })).body.error.details.fields).toEqual([expect.objectContaining({ field: "handoff" })]);
    const past = await act(id, "handoff_meeting", {
      action: "send",
      handoff: { csm: { name: "Sam Ortiz", email: "sam@seller.example" }, startsAt: "2020-01-01T10:00:00Z" },
    });
    expect(past.body.error.details.fields).toEqual([expect.objectContaining({ field: "handoff.startsAt" })]);
    const badMail = await act(id, "handoff_meeting", {
      action: "send",
      handoff: { csm: { name: "Sam", email: "not-an-address" }, startsAt: "2030-01-01T10:00:00Z" },
    });
    expect(badMail.status).toBe(400);
    const nobody = await act(id, "handoff_meeting", { action: "send", handoff: { csm: { userId: "nobody" }, startsAt: "2030-01-01T10:00:00Z" } });
    expect(nobody.body.error.details.fields).toEqual([expect.objectContaining({ field: "handoff.csm.userId" })]);
    expect(await messagesOf(id)).toHaveLength(0);
  });

  test("the hand-off invitation goes to the CSM user and the owner, and the deal records its CSM", async () => {
    const id = await won();
    const res = await act(id, "handoff_meeting", {
      action: "send",
      handoff: { csm: { userId: org.teammate.id }, startsAt: "2030-01-07T15:00:00Z", durationMinutes: 45 },
    });
    expect(res.status).toBe(200);
    const handoff = res.body.items.find((i: any) => i.kind === "handoff_meeting");
    expect(handoff.details).toMatchObject({
      csm: { userId: org.teammate.id, email: org.teammate.email },
      startsAt: "2030-01-07T15:00:00.000Z",
      durationMinutes: 45,
    });
    const [message] = await messagesOf(id);
    const payload = message!.payload as any;
    expect(payload.to.sort()).toEqual([org.rep.email, org.teammate.email].sort());
    expect(payload.calendar.method).toBe("REQUEST");
    expect(payload.calendar.content).toContain("DTSTART:20300107T150000Z");
    expect((await db().opportunity.findUniqueOrThrow({ where: { id } })).csmUserId).toBe(org.teammate.id);
  });

  test("items done by the move have nothing to send", async () => {
    const id = await won();
    const res = await act(id, "signed_contract", { action: "send" });
    expect(res.status).toBe(409);
    expect(res.body.error.details.reason).toBe("not_sendable");
  });
});

describe("why we won", () => {
  test("stays editable after the win, and each edit is in the history", async () => {
    const id = await won();
    const res = await act(id, "why_won", { action: "edit_why_won", whyWon: "Integration story, and the champion's push" });
    expect(res.status).toBe(200);
    expect(res.body.whyWon).toBe("Integration story, and the champion's push");
    const entries = (await call(history.GET, { token: org.rep.token, params: { id } })).body.items as any[];
    expect(entries.find((e) => e.type === "checklist_updated")?.details).toMatchObject({
      item: "why_won",
      from: "Best integration story",
      to: "Integration story, and the champion's push",
    });
  });

  test("an empty answer is refused, and so is the edit on another item", async () => {
    const id = await won();
    expect((await act(id, "why_won", { action: "edit_why_won", whyWon: "  " })).status).toBe(400);
    expect((await act(id, "slack_post", { action: "edit_why_won", whyWon: "x" })).status).toBe(400);
  });
});

describe("bad input", () => {
  test.each([
    [{}, "action"],
    [{ action: "explode" }, "action"],
    [{ action: "send", confirm: "yes" }, "confirm"],
    [{ action: "mark_done" }, "note"],
  ])("%j names %s", async (body, field) => {
    const id = await won();
    const res = await act(id, "slack_post", body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.details.fields)).toContain(field);
  });

  test("an unknown item is a 400 naming it", async () => {
    const id = await won();
    const res = await act(id, "balloons", { action: "send" });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.details.fields)).toContain("item");
  });
});
