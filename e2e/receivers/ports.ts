// Where the end-to-end receivers listen (loopback, fixed ports): the app's SLACK_WEBHOOK_URL and
// SMTP_URL point here (playwright.config.ts), and the specs read what arrived from RECEIVED_URL.
export const RECEIVER_HTTP_PORT = Number(process.env.E2E_RECEIVER_HTTP_PORT ?? 3196);
export const RECEIVER_SMTP_PORT = Number(process.env.E2E_RECEIVER_SMTP_PORT ?? 3197);

export const SLACK_HOOK_URL = `http://127.0.0.1:${RECEIVER_HTTP_PORT}/hook`;
export const SMTP_RECEIVER_URL = `smtp://127.0.0.1:${RECEIVER_SMTP_PORT}`;
export const RECEIVED_URL = `http://127.0.0.1:${RECEIVER_HTTP_PORT}/received`;
/** Where a spec registers a webhook endpoint (below it, any path): the app signs what it sends there. */
export const WEBHOOK_RECEIVER_URL = `http://127.0.0.1:${RECEIVER_HTTP_PORT}/webhooks`;
export const E2E_MAIL_FROM = "Stageline <stageline@e2e.test>";

export type Received = {
  slack: { idempotencyKey: string; body: { text?: string; blocks?: unknown[] } }[];
  mail: { messageId: string; to: string[]; raw: string }[];
  /** Signed webhook deliveries, with the raw body and headers a receiver verifies them with. */
  webhooks: { path: string; headers: Record<string, string>; raw: string }[];
};
