// docs/webhooks.md shows receivers how to verify a delivery with nothing but node:crypto. The example
// is run here as the guide prints it, against what the app signs: a receiver who copies it must be
// able to trust it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import { newWebhookSecret, signatureHeader } from "@/src/server/webhooks/signature";

type Verify = (secret: string, headers: Record<string, string>, body: string, now?: number) => unknown;
let verify: Verify;

beforeAll(async () => {
  const guide = fs.readFileSync(path.join(__dirname, "../../docs/webhooks.md"), "utf8");
  const example = /With nothing but `node:crypto`:\s*```ts\n([\s\S]*?)```/.exec(guide)?.[1];
  if (!example) throw new Error("docs/webhooks.md no longer holds the node:crypto example");
  // A TypeScript file of its own, which the test runner compiles on import as it does this one.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stageline-verify-")), "verify.ts");
  fs.writeFileSync(file, example);
  ({ verify } = (await import(/* @vite-ignore */ file)) as { verify: Verify });
});

const body = JSON.stringify({ type: "opportunity.stage_changed", data: { id: "deal-1", toStage: "qualify" } });
const now = Date.UTC(2026, 11, 4, 12, 0, 0);
const headersFor = (secrets: string[], timestamp = now / 1000, id = "msg_1") => ({
  "webhook-id": id,
  "webhook-timestamp": String(timestamp),
  "webhook-signature": signatureHeader(secrets, id, timestamp, body),
});

test("the guide's example accepts what the app signs, and during a rotation either secret", () => {
  const secret = newWebhookSecret();
  expect(verify(secret, headersFor([secret]), body, now)).toEqual(JSON.parse(body));
  const next = newWebhookSecret();
  expect(verify(secret, headersFor([next, secret]), body, now)).toEqual(JSON.parse(body));
  expect(verify(next, headersFor([next, secret]), body, now)).toEqual(JSON.parse(body));
});

test("the guide's example refuses another secret, a changed body or id, and a timestamp over five minutes off", () => {
  const secret = newWebhookSecret();
  expect(() => verify(newWebhookSecret(), headersFor([secret]), body, now)).toThrow("no matching signature");
  expect(() => verify(secret, headersFor([secret]), body.replace("qualify", "propose"), now)).toThrow("no matching signature");
  expect(() => verify(secret, { ...headersFor([secret]), "webhook-id": "msg_2" }, body, now)).toThrow("no matching signature");
  expect(() => verify(secret, headersFor([secret], now / 1000 - 301), body, now)).toThrow("timestamp too old or too new");
  expect(verify(secret, headersFor([secret], now / 1000 - 299), body, now)).toEqual(JSON.parse(body));
  expect(() => verify(secret, { "webhook-id": "msg_1" }, body, now)).toThrow("missing headers");
});
