// The proxy's checks of server-action requests (src/http/server-action-guard.ts), on real Requests.
// Over HTTP against the built app, with Next.js's answers before and after: e2e/headers.spec.ts.
import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, test } from "vitest";
import { ACTION_BODY_LIMIT, isSameOrigin, serverActionRefusal } from "@/src/http/server-action-guard";
import { captureSecurityLog } from "@/src/server/security/security-log";

const require = createRequire(import.meta.url);
const client = require("next/dist/compiled/react-server-dom-turbopack/client.node");

const ACTION = "4009be9995c80917e4792bdd673cb2900cf24dc83c";
const SITE = "http://localhost:3000";

type Init = { method?: string; headers?: Record<string, string>; body?: BodyInit };

function request(path: string, { method = "POST", headers = {}, body }: Init = {}) {
  return new Request(`${SITE}${path}`, { method, headers: { host: "localhost:3000", ...headers }, body, duplex: "half" } as RequestInit);
}

const call = (body: BodyInit, headers: Record<string, string> = {}) =>
  request("/board", { headers: { "next-action": ACTION, "content-type": "text/plain;charset=UTF-8", origin: SITE, ...headers }, body });

async function answer(req: Request) {
  const res = await serverActionRefusal(req, "req-1");
  return res && { status: res.status, body: await res.json() };
}

describe("the origin rule Next.js applies to actions", () => {
  const cases: [string, Record<string, string>, boolean][] = [
    ["no Origin (no browser sends an unsafe request without one)", { host: "localhost:3000" }, true],
    ["the page's own origin", { host: "localhost:3000", origin: SITE }, true],
    ["another port of the same host", { host: "localhost:3000", origin: "http://localhost:3001" }, false],
    ["another site", { host: "localhost:3000", origin: "https://evil.test" }, false],
    ["a sandboxed frame or a redirect from elsewhere", { host: "localhost:3000", origin: "null" }, false],
    ["not a URL", { host: "localhost:3000", origin: "::::" }, false],
    [
      "the host the proxy in front was asked for",
      { host: "app:3000", "x-forwarded-host": "crm.example.com", origin: "https://crm.example.com" },
      true,
    ],
    [
      "the first of several forwarded hosts",
      { host: "app:3000", "x-forwarded-host": "crm.example.com, app", origin: "https://crm.example.com" },
      true,
    ],
    [
      "the internal host, when a proxy forwarded another",
      { host: "app:3000", "x-forwarded-host": "crm.example.com", origin: "http://app:3000" },
      false,
    ],
  ];
  for (const [name, headers, same] of cases) test(name, () => expect(isSameOrigin(new Headers(headers))).toBe(same));
});

describe("a request from another origin", () => {
  test("is refused with 403 and logged, whatever it posts to a page", async () => {
    for (const req of [
      call("[]", { origin: "http://localhost:3001" }),
      request("/signin", { headers: { origin: "https://evil.test", "content-type": "application/x-www-form-urlencoded" }, body: "a=b" }),
      request("/settings", { method: "DELETE", headers: { origin: "null" } }),
    ]) {
      const { result, lines } = await captureSecurityLog(() => answer(req));
      expect(result).toEqual({ status: 403, body: { error: { code: "FORBIDDEN", message: "This request comes from another site." } } });
      expect(lines).toEqual([
        expect.objectContaining({ event: "cross_origin_refused", requestId: "req-1", method: req.method, path: new URL(req.url).pathname }),
      ]);
    }
  });

  test("reading a page is not refused", async () => {
    expect(await answer(request("/board", { method: "GET", headers: { origin: "https://evil.test" } }))).toBeNull();
  });
});

describe("a called action", () => {
  test("with React's own encoding passes, text or multipart", async () => {
    const upload = new FormData();
    upload.append("id", "c1");
    upload.append("file", new File(["%PDF-1.4"], "quote.pdf", { type: "application/pdf" }));
    for (const args of [[{ id: "c1", version: 2, toStage: "qualify" }], [upload]]) {
      const reply = await client.encodeReply(args, { temporaryReferences: client.createTemporaryReferenceSet() });
      const body = new Response(reply);
      expect(await answer(call(await body.arrayBuffer(), { "content-type": body.headers.get("content-type")! }))).toBeNull();
    }
  });

  const refused: [string, Request, number, RegExp][] = [
    ["a body of another type", call("[]", { "content-type": "application/json" }), 400, /a body of type "application\/json"/],
    ["no body type", call("[]", { "content-type": "" }), 400, /a body of type ""/],
    ["garbage", call("{not json"), 400, /part 0 is not JSON/],
    ["multipart without a boundary", call("x", { "content-type": "multipart/form-data" }), 400, /not a readable multipart body/],
    ["multipart that is not", call("garbage", { "content-type": "multipart/form-data; boundary=X" }), 400, /not a readable multipart body/],
    [
      "a base64-encoded file, which React refuses",
      call(
        '--X\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$B1"]\r\n--X\r\nContent-Disposition: form-data; name="1"; filename="a"\r\nContent-Transfer-Encoding: base64\r\n\r\naGk=\r\n--X--\r\n',
        {
          "content-type": "multipart/form-data; boundary=X",
        },
      ),
      400,
      /base64/,
    ],
    ["an announced length over the limit", call("[]", { "content-length": String(ACTION_BODY_LIMIT + 1) }), 413, /limited to 21 MB/],
  ];
  for (const [name, req, status, message] of refused)
    test(`with ${name} is refused`, async () => {
      const res = await answer(req);
      expect(res?.status).toBe(status);
      expect(res?.body.error.message).toMatch(message);
    });

  test("with a streamed body past the limit is refused once it passes it", async () => {
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 22) controller.enqueue(chunk);
        else controller.close();
      },
    });
    expect((await answer(call(body)))?.status).toBe(413);
  });
});

test("the limit is the one Next.js applies to actions, and the proxy's copy of a body goes past it", () => {
  const config = fs.readFileSync("next.config.mjs", "utf8");
  const megabytes = (name: string) => Number(new RegExp(`${name}: "(\\d+)mb"`).exec(config)![1]) * 1024 * 1024;
  expect(megabytes("bodySizeLimit")).toBe(ACTION_BODY_LIMIT);
  expect(megabytes("proxyClientMaxBodySize")).toBeGreaterThan(ACTION_BODY_LIMIT);
});

describe("a form posted before hydration", () => {
  const posted = (form: FormData | string, type?: string) =>
    request("/signin", { headers: { origin: SITE, ...(type ? { "content-type": type } : {}) }, body: form });

  test("naming its action passes", async () => {
    const form = new FormData();
    form.append("$ACTION_ID_40344d349dd77a4049efe0ec6e1406343c4b10a2e2", "");
    form.append("email", "rep@stageline.test");
    expect(await answer(posted(form))).toBeNull();
  });

  test("that is not readable multipart is refused", async () => {
    expect(await answer(posted("garbage", "multipart/form-data; boundary=X"))).toEqual({
      status: 400,
      body: { error: { code: "VALIDATION_FAILED", message: "The server action's request is not valid: not a readable multipart body." } },
    });
  });

  test("of another kind is no action, and left to the page", async () => {
    expect(await answer(posted("a=b", "application/x-www-form-urlencoded"))).toBeNull();
  });
});
