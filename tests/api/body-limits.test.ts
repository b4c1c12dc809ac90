// A 16 KB body of nested brackets sent without credentials to POST /api/v1/tokens took seconds of
// CPU and answered 500 (the stack overflowed), and bodies were read whole before any size limit: a
// chunked 30 MB JSON body was buffered, a chunked 60 MB upload read before its 20 MB limit. Bodies
// are now read as streams and given up at their limit; the tests count the bytes the handler pulled.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import * as files from "@/app/api/v1/opportunities/[id]/files/route";
import * as opportunities from "@/app/api/v1/opportunities/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { DEFAULT_MAX_UPLOAD_BYTES } from "@/src/domain/files/upload-rules";
import { createDeal, dealBody, ensureDefaults } from "../support/deals";
import { createOrg } from "../support/fixtures";
import { call } from "../support/http";

process.env.STORAGE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-limits-"));

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});

const JSON_LIMIT = 1024 * 1024;
const CHUNK = 64 * 1024;

/**
 * A body of `head`, then `filler` repeated up to `total` bytes, then `tail`, produced only as it is
 * pulled (highWaterMark 0: nothing is read ahead), counting what was pulled.
 */
function countedStream(head: Uint8Array, filler: number, total: number, tail = new Uint8Array(0)) {
  const counter = { pulled: 0 };
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        let chunk: Uint8Array;
        if (sent === 0) chunk = head;
        else if (sent < total) chunk = new Uint8Array(Math.min(CHUNK, total - sent)).fill(filler);
        else {
          if (tail.length > 0 && sent === total) {
            sent += tail.length;
            counter.pulled += tail.length;
            controller.enqueue(tail);
            return;
          }
          controller.close();
          return;
        }
        sent += chunk.length;
        counter.pulled += chunk.length;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, counter };
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function send(handler: Handler, url: string, init: { body: ReadableStream<Uint8Array>; headers: Record<string, string> }, params = {}) {
  const req = new Request(url, { method: "POST", headers: init.headers, body: init.body, duplex: "half" } as RequestInit);
  const res = await handler(req, { params: Promise.resolve(params) });
  return { status: res.status, body: await res.json() };
}

const encode = (text: string) => new TextEncoder().encode(text);

describe("JSON nested too deep", () => {
  test("a 16 KB body of nested brackets to POST /api/v1/tokens is a 400, before it is parsed", async () => {
    for (const body of ["[".repeat(8192) + "]".repeat(8192), `${'{"a":'.repeat(3300)}1${"}".repeat(3300)}`, "[".repeat(16_384)]) {
      const res = await call(tokens.POST, { body });
      expect(res.status).toBe(400);
      expect(res.body.error.details.fields).toEqual([{ field: "(body)", message: "nested deeper than 400 levels" }]);
    }
  });

  test("400 levels are read; brackets inside strings, escaped quotes included, do not count", async () => {
    const atLimit = await call(tokens.POST, { body: "[".repeat(400) + "]".repeat(400) });
    expect(atLimit.status).toBe(400);
    expect(atLimit.body.error.details.fields[0].message).not.toMatch(/nested/);
    const inString = await call(tokens.POST, { body: JSON.stringify({ email: `\\"${"[".repeat(5000)}`, password: "{".repeat(5000) }) });
    expect(inString.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(["email", "password"]); // too long, not too deep
  });
});

describe("a body over its limit", () => {
  test("a chunked JSON body is refused with 413 once the limit is passed, the rest left unread", async () => {
    const { stream, counter } = countedStream(encode('{"email":"'), 0x61, 30 * 1024 * 1024);
    const res = await send(tokens.POST, "http://localhost/api/v1/tokens", { body: stream, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual({ code: "PAYLOAD_TOO_LARGE", message: "The request body is limited to 1 MB." });
    expect(counter.pulled).toBeGreaterThan(JSON_LIMIT);
    expect(counter.pulled).toBeLessThanOrEqual(JSON_LIMIT + CHUNK);
  });

  test("a body announcing a length over the limit is refused before a byte is read", async () => {
    const { stream, counter } = countedStream(encode("{}"), 0x20, 2 * JSON_LIMIT);
    const headers = { "content-type": "application/json", "content-length": String(2 * JSON_LIMIT) };
    const res = await send(tokens.POST, "http://localhost/api/v1/tokens", { body: stream, headers });
    expect(res.status).toBe(413);
    expect(counter.pulled).toBe(0);
  });

  test("a chunked multipart upload is refused with 413 once it passes the 20 MB limit, the rest left unread", async () => {
    const deal = await createDeal(org.rep.token);
    const boundary = "----limit";
    const head = encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nquote\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n`,
    );
    const { stream, counter } = countedStream(head, 0x61, 60 * 1024 * 1024, encode(`\r\n--${boundary}--\r\n`));
    const res = await send(
      files.POST,
      `http://localhost/api/v1/opportunities/${deal.id}/files`,
      { body: stream, headers: { authorization: `Bearer ${org.rep.token}`, "content-type": `multipart/form-data; boundary=${boundary}` } },
      { id: deal.id },
    );
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual({ code: "PAYLOAD_TOO_LARGE", message: "The request body is limited to 20 MB." });
    const limit = DEFAULT_MAX_UPLOAD_BYTES + 64 * 1024;
    expect(counter.pulled).toBeGreaterThan(limit);
    expect(counter.pulled).toBeLessThanOrEqual(limit + CHUNK);
  });
});

describe("a body within its limit, in chunks", () => {
  test("a JSON body split anywhere, inside a character too, is read whole", async () => {
    const bytes = encode(JSON.stringify(dealBody({ name: "Zürich rollout 🚀" })));
    let at = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(at, at + 3));
        at += 3;
      },
    });
    const res = await send(opportunities.POST, "http://localhost/api/v1/opportunities", {
      body: stream,
      headers: { authorization: `Bearer ${org.rep.token}`, "content-type": "application/json" },
    });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe("Zürich rollout 🚀");
  });

  test("a chunked upload under the limit is stored", async () => {
    const deal = await createDeal(org.rep.token);
    const boundary = "----fits";
    const head = encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nquote\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="notes.txt"\r\nContent-Type: text/plain\r\n\r\n`,
    );
    const { stream } = countedStream(head, 0x61, 3 * CHUNK, encode(`\r\n--${boundary}--\r\n`));
    const res = await send(
      files.POST,
      `http://localhost/api/v1/opportunities/${deal.id}/files`,
      { body: stream, headers: { authorization: `Bearer ${org.rep.token}`, "content-type": `multipart/form-data; boundary=${boundary}` } },
      { id: deal.id },
    );
    expect(res.status).toBe(201);
    expect(res.body.sizeBytes).toBe(3 * CHUNK - head.length);
  });

  test("bytes that are not UTF-8 are a 400, not a guess", async () => {
    // ED A0 80 is how a lone surrogate would be written in UTF-8, which forbids it.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([0x7b, 0x22, 0x65, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]));
        controller.close();
      },
    });
    const res = await send(tokens.POST, "http://localhost/api/v1/tokens", { body: stream, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual([{ field: "(body)", message: "not valid UTF-8" }]);
  });
});
