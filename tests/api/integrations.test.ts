// The channels' state and their test messages (docs/rules/integrations.md): admins only; a test
// message goes through the outbox and reaches a real Slack-like HTTP receiver and a real SMTP server.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as status from "@/app/api/v1/integrations/route";
import * as testMessage from "@/app/api/v1/integrations/test-message/route";
import { database, db } from "@/src/server/db";
import { channelStatuses } from "@/src/server/integrations/channels";
import { startOutboxWorker } from "@/src/server/outbox/outbox-worker";
import { sendersFromEnv } from "@/src/server/outbox/senders/senders-from-env";
import { ensureDefaults } from "../support/deals";
import { createOrg } from "../support/fixtures";
import { call } from "../support/http";
import { FAST, waitFor } from "../support/outbox";
import { type HttpReceiver, type SmtpReceiver, startHttpReceiver, startSmtpReceiver } from "../support/receivers";

let org: Awaited<ReturnType<typeof createOrg>>;
let http: HttpReceiver;
let smtp: SmtpReceiver;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  http = await startHttpReceiver();
  smtp = await startSmtpReceiver();
});
afterAll(async () => {
  await http.down();
  await smtp.down();
});

describe("the channels' state", () => {
  test("says what each channel needs and where it sends, never the secret part of a URL or a password", () => {
    const env = {
      SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/T000/B000/secretpart",
      SMTP_URL: "smtp://mailer:hunter2@smtp.example.test:587",
      MAIL_FROM: "Stageline <stageline@example.test>",
    };
    const [slack, email] = channelStatuses(env);
    expect(slack).toEqual({ channel: "slack", configured: true, variables: ["SLACK_WEBHOOK_URL"], target: "hooks.slack.com" });
    expect(email).toEqual({
      channel: "email",
      configured: true,
      variables: ["SMTP_URL", "MAIL_FROM"],
      target: "smtp.example.test:587, from Stageline <stageline@example.test>",
    });
    expect(JSON.stringify([slack, email])).not.toMatch(/secretpart|hunter2|mailer/);
  });

  test("a channel missing a variable is not configured", () => {
    const [slack, email] = channelStatuses({ SMTP_URL: "smtp://127.0.0.1:25" });
    expect(slack).toMatchObject({ configured: false, target: null });
    expect(email).toMatchObject({ configured: false, target: "127.0.0.1:25" });
  });

  test("GET /integrations answers an admin, and 403 to every other role", async () => {
    const res = await call(status.GET, { token: org.admin.token });
    expect(res.status).toBe(200);
    expect(res.body.channels.map((c: { channel: string }) => c.channel)).toEqual(["slack", "email"]);
    for (const user of [org.manager, org.rep, org.finance]) expect((await call(status.GET, { token: user.token })).status).toBe(403);
  });
});

describe("a test message", () => {
  test("is refused to every role but admin, and queues nothing", async () => {
    const before = await db().outboxMessage.count();
    for (const user of [org.manager, org.rep, org.finance])
      expect((await call(testMessage.POST, { method: "POST", token: user.token, body: { channel: "slack" } })).status).toBe(403);
    expect(await db().outboxMessage.count()).toBe(before);
  });

  test("an unknown channel is a 400 naming it", async () => {
    const res = await call(testMessage.POST, { method: "POST", token: org.admin.token, body: { channel: "pager" } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual([{ field: "channel", message: "one of slack, email" }]);
  });

  test("goes through the outbox to Slack's receiver and by e-mail to the admin, each delivered once", async () => {
    const slack = await call(testMessage.POST, { method: "POST", token: org.admin.token, body: { channel: "slack" } });
    const email = await call(testMessage.POST, { method: "POST", token: org.admin.token, body: { channel: "email" } });
    expect(slack.status).toBe(202);
    expect(email.body).toMatchObject({ channel: "email", to: org.admin.email, messageId: expect.any(String) });
    const env = { SLACK_WEBHOOK_URL: http.url("/slack"), SMTP_URL: smtp.url(), MAIL_FROM: "Stageline <stageline@example.test>" };
    const worker = startOutboxWorker({ database: database(), senders: sendersFromEnv(env, FAST.sendTimeoutMs), config: FAST });
    try {
      const ids = [slack.body.messageId, email.body.messageId];
      await waitFor(
        () => db().outboxMessage.findMany({ where: { id: { in: ids } } }),
        (rows) => rows.length === 2 && rows.every((r) => r.status === "delivered"),
      );
    } finally {
      await worker.stop();
    }
    const posted = http.acted.filter((r) => r.path === "/slack");
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body.text).toMatch(new RegExp(`^Test message from Stageline, sent by .* \\(${org.admin.email}\\)`));
    const mails = smtp.acted.filter((m) => m.to.includes(org.admin.email));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.raw).toContain("Subject: Stageline test message");
  });
});
