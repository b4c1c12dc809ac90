// E-mail, calendar invitations included, over SMTP with nodemailer (SMTP_URL, MAIL_FROM). The
// Message-ID is derived from the idempotency key: every try of one message carries the same one, so
// mail systems and clients that drop duplicate Message-IDs show it once.
import crypto from "node:crypto";
import nodemailer from "nodemailer";
import { z } from "zod";
import { EmailPayload } from "../payloads";
import { errorText, type Sender } from "./sender";

export type SmtpConfig = { url: string; from: string; timeoutMs: number };

export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = /@([^@\s>]+)>?\s*$/.exec(from)?.[1] ?? "stageline.invalid";
  return `<${crypto.createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 40)}@${domain}>`;
}

export const emailSender = (smtp: SmtpConfig): Sender => ({
  send: async (delivery, signal) => {
    const parsed = EmailPayload.safeParse(delivery.payload);
    if (!parsed.success) return { status: "failed", error: `Not an e-mail: ${z.prettifyError(parsed.error)}`, permanent: true };
    const { to, subject, text, html, calendar } = parsed.data;
    const timeouts = { connectionTimeout: smtp.timeoutMs, greetingTimeout: smtp.timeoutMs, socketTimeout: smtp.timeoutMs };
    // A pooled transport of one connection: its close() ends the connection, which a plain one's does
    // not, so a send past its timeout stops instead of finishing later beside the next try.
    const transport = nodemailer.createTransport({ url: smtp.url, pool: true, maxConnections: 1, maxMessages: 1, ...timeouts });
    let abort = () => transport.close();
    const aborted = new Promise<never>((_, reject) => {
      abort = () => {
        transport.close();
        reject(new Error("No answer before the send timeout."));
      };
    });
    aborted.catch(() => undefined);
    signal.addEventListener("abort", abort, { once: true });
    try {
      const sending = transport.sendMail({
        from: smtp.from,
        to,
        subject,
        text,
        html,
        icalEvent: calendar ? { method: calendar.method, content: calendar.content } : undefined,
        messageId: messageIdFor(delivery.idempotencyKey, smtp.from),
        headers: { "Idempotency-Key": delivery.idempotencyKey },
      });
      const info = await Promise.race([sending, aborted]);
      return { status: "delivered", responseCode: replyCode(info.response) };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      if (signal.aborted) return { status: "failed", error: "No answer before the send timeout." };
      // SMTP 5xx replies refuse the message (unknown mailbox, policy); 4xx ones ask to try later.
      return { status: "failed", error: errorText(error), responseCode: code, permanent: code !== undefined && code >= 500 };
    } finally {
      signal.removeEventListener("abort", abort);
      transport.close();
    }
  },
});

const replyCode = (response: unknown) => {
  const code = Number(/^\d{3}/.exec(String(response ?? ""))?.[0]);
  return Number.isFinite(code) ? code : undefined;
};
