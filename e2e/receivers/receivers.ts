// The #wins channel's incoming webhook, a webhook endpoint's receiver and the mail server, standing in
// for Slack, a company's system and SMTP in the end-to-end tests: an HTTP server taking the POSTs
// (/hook for Slack, /webhooks/… for signed deliveries) and an smtp-server taking mail, on
// fixed loopback ports (ports.ts). GET /received answers what both took, for the specs to read.
// Started by playwright.config.ts as a web server: `npx tsx e2e/receivers/receivers.ts`.
import http from "node:http";
import { SMTPServer } from "smtp-server";
import { RECEIVER_HTTP_PORT, RECEIVER_SMTP_PORT, type Received } from "./ports";

const received: Received = { slack: [], mail: [], webhooks: [] };

const web = http.createServer(async (req, res) => {
  if (req.method === "GET" && req.url === "/received") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(received));
    return;
  }
  if (req.method === "POST" && req.url === "/hook") {
    let text = "";
    for await (const chunk of req) text += chunk;
    received.slack.push({ idempotencyKey: String(req.headers["idempotency-key"] ?? ""), body: text ? JSON.parse(text) : {} });
    // Slack's incoming webhooks answer a plain "ok".
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    return;
  }
  if (req.method === "POST" && req.url?.startsWith("/webhooks")) {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    received.webhooks.push({ path: req.url, headers, raw });
    res.writeHead(204).end();
    return;
  }
  res.writeHead(404).end();
});

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    let raw = "";
    stream.on("data", (chunk) => (raw += chunk));
    stream.on("end", () => {
      const messageId = /^message-id:\s*(\S+)/im.exec(raw)?.[1] ?? "";
      received.mail.push({ messageId, to: session.envelope.rcptTo.map((r) => r.address), raw });
      callback();
    });
  },
});

smtp.listen(RECEIVER_SMTP_PORT, "127.0.0.1", () => {
  web.listen(RECEIVER_HTTP_PORT, "127.0.0.1", () =>
    console.log(`Receivers for the e2e tests: webhook and /received on ${RECEIVER_HTTP_PORT}, SMTP on ${RECEIVER_SMTP_PORT}`),
  );
});
