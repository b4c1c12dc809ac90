// The one interface every channel's sender implements (docs/outbox.md, "Senders").
import type { OutboxChannel } from "../payloads";

/** A claimed message as a sender sees it. */
export type Delivery = {
  id: string;
  channel: OutboxChannel;
  payload: unknown;
  /** Sent with the message so that a receiver which honours it acts once, however often it arrives. */
  idempotencyKey: string;
  createdAt: Date;
};

export type SendResult =
  | { status: "delivered"; responseCode?: number }
  /** `permanent`: the receiver refused the message itself, so trying again changes nothing. */
  | { status: "failed"; error: string; responseCode?: number; permanent?: boolean }
  | { status: "not_configured"; error: string };

export type Sender = {
  /** Never throws: every outcome, a timeout included, is a SendResult. */
  send(delivery: Delivery, signal: AbortSignal): Promise<SendResult>;
};

export type Senders = Record<OutboxChannel, Sender>;

/** The sender of a channel whose configuration is missing: its messages wait, visibly. */
export const notConfigured = (what: string): Sender => ({
  send: async () => ({ status: "not_configured", error: `${what} is not configured.` }),
});

/** What is recorded of a failure: text columns refuse NUL characters, so a receiver's reply loses them. */
export const safeText = (text: string, max: number) => text.replaceAll("\u0000", "").slice(0, max);

export const errorText = (error: unknown) => safeText(error instanceof Error ? error.message : String(error), 1000);
