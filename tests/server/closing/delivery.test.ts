// The Closed Won checklist's messages reach real local receivers through the outbox: the #wins post
// as Block Kit JSON to an HTTP endpoint standing in for Slack, the welcome e-mail and the hand-off
// invitation (an iCalendar REQUEST with both attendees) to an SMTP server. With both receivers down,
// the checklist is worked through anyway, and once they are back every message arrives exactly once.
import ICAL from "ical.js";
import { simpleParser } from "mailparser";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import type { Actor } from "@/src/auth/actor";
import { actOnChecklistItem } from "@/src/server/closing/checklist-actions";
import { readChecklist } from "@/src/server/closing/checklist";
import { database } from "@/src/server/db";
import { startOutboxWorker, type OutboxWorker } from "@/src/server/outbox/outbox-worker";
import { sendersFromEnv } from "@/src/server/outbox/senders/senders-from-env";
import { actorOf } from "../../support/board";
import { ensureDefaults } from "../../support/deals";
import { createTeam, createUser, type TestUser } from "../../support/fixtures";
import { FAST, waitFor } from "../../support/outbox";
import { countBy, type HttpReceiver, type SmtpReceiver, startHttpReceiver, startSmtpReceiver } from "../../support/receivers";
import { wonDeal } from "../../support/closing";

const MAIL_FROM = "Stageline <stageline@example.test>";
let slack: HttpReceiver;
let smtp: SmtpReceiver;
let worker: OutboxWorker | null = null;
let rep: TestUser;
let csm: TestUser;
let as: Actor;
let env: Record<string, string>;

beforeAll(async () => {
  await ensureDefaults();
  slack = await startHttpReceiver();
  smtp = await startSmtpReceiver();
  env = { SLACK_WEBHOOK_URL: slack.url("/wins"), SMTP_URL: smtp.url(), MAIL_FROM };
  const team = await createTeam("Closers");
  rep = await createUser({ role: "rep", teamId: team.id, email: "dana@seller.example", name: "Dana Reyes" });
  csm = await createUser({ role: "rep", email: "sam@seller.example", name: "Sam Ortiz" });
  as = await actorOf(rep);
});
afterEach(async () => {
  await worker?.stop();
  worker = null;
});
afterAll(async () => {
  await slack.down();
  await smtp.down();
});

const startWorker = () => {
  worker = startOutboxWorker({ database: database(), senders: sendersFromEnv(env, FAST.sendTimeoutMs), config: FAST });
};

const won = (name: string) => wonDeal(rep, { name, accountName: "Envoy" }, { whyWon: "Integration story" });

async function workThroughChecklist(id: string) {
  await actOnChecklistItem(as, id, "slack_post", { action: "send" }, { env });
  await actOnChecklistItem(as, id, "welcome_email", { action: "send" }, { env });
  await actOnChecklistItem(
    as,
    id,
    "handoff_meeting",
    { action: "send", handoff: { csm: { userId: csm.id }, startsAt: "2030-01-07T15:00:00Z", durationMinutes: 30 } },
    { env },
  );
}

const allDone = async (id: string) => (await readChecklist(database().sql, id, env)).items.every((i) => i.state === "done");

test("the post, the welcome and the invitation arrive as their receivers expect them", async () => {
  const id = await won("Envoy platform");
  await workThroughChecklist(id);
  startWorker();
  await waitFor(() => allDone(id), Boolean);

  const post = slack.acted.find((r) => r.path === "/wins")!;
  expect(post.body.text).toContain("*Envoy platform* is closed won: $48,000.00 with Envoy, by Dana Reyes");
  expect(post.body.blocks[0]).toEqual({ type: "section", text: { type: "mrkdwn", text: post.body.text } });
  expect(post.body.blocks[1].type).toBe("context");

  const welcome = smtp.acted.find((m) => m.to.includes("ana@envoy.example"))!;
  const welcomeMail = await simpleParser(welcome.raw);
  expect(welcomeMail.subject).toBe("Welcome aboard, Envoy");
  expect(welcomeMail.html).toContain("<p>Hello Ana Silva,</p>");
  expect(welcomeMail.text).toContain("Dana Reyes");

  const invitation = smtp.acted.find((m) => m.to.includes("sam@seller.example"))!;
  expect(invitation.to.sort()).toEqual(["dana@seller.example", "sam@seller.example"]);
  const mail = await simpleParser(invitation.raw);
  const part = mail.attachments.find((a) => a.contentType.startsWith("text/calendar"));
  expect(part).toBeDefined();
  const calendar = new ICAL.Component(ICAL.parse(part!.content.toString()));
  expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
  const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
  expect(event.startDate.toJSDate().toISOString()).toBe("2030-01-07T15:00:00.000Z");
  expect(event.attendees.map((a) => String(a.getFirstValue()).toLowerCase()).sort()).toEqual([
    "mailto:dana@seller.example",
    "mailto:sam@seller.example",
  ]);
  expect(event.summary).toBe("Hand-off: Envoy (Envoy platform)");
});

test("with Slack and the mail server down, nothing is lost: once back, each message arrives exactly once", async () => {
  slack.acted.length = 0;
  slack.requests.length = 0;
  smtp.acted.length = 0;
  smtp.mails.length = 0;
  await slack.down();
  await smtp.down();
  const id = await won("Envoy expansion of seats");
  startWorker();
  await workThroughChecklist(id);

  // The worker tries while both are down: the items say they are on their way, none is done.
  await waitFor(
    () => database().sql.selectFrom("OutboxAttempt").select("id").where("status", "=", "failed").execute(),
    (rows) => rows.length >= 3,
  );
  const during = await readChecklist(database().sql, id, env);
  expect(during.items.filter((i) => i.channel).map((i) => i.state)).toEqual(["sending", "sending", "sending"]);

  await slack.up();
  await smtp.up();
  await waitFor(() => allDone(id), Boolean);
  expect(slack.acted.filter((r) => r.path === "/wins")).toHaveLength(1);
  expect(countBy(smtp.acted, (m) => m.messageId)).toSatisfy((counts: Record<string, number>) => Object.values(counts).every((n) => n === 1));
  expect(smtp.acted.filter((m) => m.to.includes("ana@envoy.example"))).toHaveLength(1);
  expect(smtp.acted.filter((m) => m.to.includes("sam@seller.example"))).toHaveLength(1);
  const after = await readChecklist(database().sql, id, env);
  expect(after.open).toBe(0);
  expect(after.items.find((i) => i.kind === "slack_post")!.deliveredAt).not.toBeNull();
});
