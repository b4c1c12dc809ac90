// Local receivers for the outbox tests: an HTTP endpoint and an SMTP server on ephemeral ports of
// 127.0.0.1, each able to go down and come back on the same port. Both honour the idempotency key
// the way a careful receiver would: a message acts once, a repeat is acknowledged and ignored.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

type Switchable = { port: number; up(): Promise<void>; down(): Promise<void> };

async function switchable(listen: (port: number) => Promise<AddressInfo>, close: () => Promise<void>): Promise<Switchable> {
  let port = (await listen(0)).port;
  let isUp = true;
  return {
    get port() {
      return port;
    },
    up: async () => {
      if (isUp) return;
      port = (await listen(port)).port;
      isUp = true;
    },
    down: async () => {
      if (!isUp) return;
      isUp = false;
      await close();
    },
  };
}

/** `raw` is the body as it arrived: what a signature is computed over. */
export type HttpRequestSeen = { path: string; headers: http.IncomingHttpHeaders; body: any; raw: string };

export type HttpReceiver = Switchable & {
  url(path?: string): string;
  /** Every request that reached it, repeats included. */
  requests: HttpRequestSeen[];
  /** The requests it acted on: a repeat of an idempotency key already acted on is only acknowledged. */
  acted: HttpRequestSeen[];
  /** Answers this status instead of acting (null: act normally). */
  failWith: number | null;
  /** The body of that answer. */
  failBody: string;
  /** Waits this long before answering. */
  delayMs: number;
};

export async function startHttpReceiver(): Promise<HttpReceiver> {
  const requests: HttpRequestSeen[] = [];
  const acted: HttpRequestSeen[] = [];
  const seenKeys = new Set<string>();
  const server = http.createServer(async (req, res) => {
    let text = "";
    for await (const chunk of req) text += chunk;
    const key = String(req.headers["idempotency-key"] ?? "");
    const request = { path: req.url ?? "", headers: req.headers, body: text ? JSON.parse(text) : null, raw: text };
    requests.push(request);
    if (receiver.delayMs) await new Promise((r) => setTimeout(r, receiver.delayMs));
    if (receiver.failWith !== null) return void res.writeHead(receiver.failWith).end(receiver.failBody);
    // Acted on and remembered before the answer goes out: a sender that never hears the answer
    // sends again, and the repeat changes nothing.
    if (!key || !seenKeys.has(key)) acted.push(request);
    seenKeys.add(key);
    res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
  });
  server.keepAliveTimeout = 100; // a client must not ride a kept-alive socket over a restart
  const base = await switchable(
    (port) => new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server.address() as AddressInfo))),
    () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  const receiver: HttpReceiver = Object.assign(base, {
    url: (path = "/hook") => `http://127.0.0.1:${base.port}${path}`,
    requests,
    acted,
    failWith: null as number | null,
    failBody: "not now",
    delayMs: 0,
  });
  return receiver;
}

export type MailSeen = { messageId: string; to: string[]; raw: string };

export type SmtpReceiver = Switchable & {
  url(): string;
  mails: MailSeen[];
  /** The mails it kept: a repeat of a Message-ID already kept is accepted and dropped. */
  acted: MailSeen[];
};

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const mails: MailSeen[] = [];
  const acted: MailSeen[] = [];
  const options = {
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream: NodeJS.ReadableStream, session: { envelope: { rcptTo: { address: string }[] } }, callback: (e?: Error) => void) {
      let raw = "";
      stream.on("data", (chunk) => (raw += chunk));
      stream.on("end", () => {
        const messageId = /^message-id:\s*(\S+)/im.exec(raw)?.[1] ?? "";
        const mail = { messageId, to: session.envelope.rcptTo.map((r) => r.address), raw };
        if (!messageId || !mails.some((m) => m.messageId === messageId)) acted.push(mail);
        mails.push(mail);
        callback();
      });
    },
  };
  let server = new SMTPServer(options);
  const base = await switchable(
    (port) =>
      new Promise((resolve) => {
        server = new SMTPServer(options); // a closed SMTPServer cannot listen again
        server.listen(port, "127.0.0.1", () => resolve(server.server.address() as AddressInfo));
      }),
    () => new Promise((resolve) => server.close(() => resolve())),
  );
  return Object.assign(base, { url: () => `smtp://127.0.0.1:${base.port}`, mails, acted });
}

/** How many of `items` fall under each key. */
export function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
