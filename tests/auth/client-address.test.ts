// The client address over real HTTP: the app's server (scripts/client-address.mjs, which
// scripts/serve.mjs puts in front of Next) against a client that sends the headers itself. Next's own
// `next start` passes a client-sent X-Forwarded-For through, so before the app had its own server,
// every per-client limit trusted whatever the client wrote.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { withClientAddress } from "@/scripts/client-address.mjs";
import { clientKey, normalizeAddress, PEER_HEADER } from "@/src/auth/client-address";
import { clientAddress } from "@/src/auth/request-actor";
import { requestId } from "@/src/server/security/security-log";

/** What the app would read from a request: its client address and request id. */
const app = (req: http.IncomingMessage, res: http.ServerResponse) => {
  const headers = new Headers(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ address: clientAddress({ headers }), requestId: requestId({ headers }) }));
};

const servers: http.Server[] = [];
async function listen(handler: http.RequestListener): Promise<number> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}
let served: number; // the app behind its own server
let plain: number; // the app with nothing in front, as under `next start`
beforeAll(async () => {
  served = await listen(withClientAddress(app));
  plain = await listen(app);
});
afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));
afterEach(() => {
  delete process.env.TRUST_PROXY;
});

/** A GET with the given headers; an array value sends the header once per item. */
function get(
  port: number,
  headers: Record<string, string | string[]> = {},
): Promise<{ body: { address: string | null; requestId: string }; id: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/", headers }, (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ body: JSON.parse(text), id: String(res.headers["x-request-id"]) }));
    });
    req.on("error", reject);
  });
}

const FORGED = { [PEER_HEADER]: ["forged-secret 6.6.6.6", "another 7.7.7.7"], "x-forwarded-for": "6.6.6.6" };

describe("through the app's server", () => {
  test("the address is the connection's, whatever address headers the client sent", async () => {
    expect((await get(served)).body.address).toBe("127.0.0.1");
    expect((await get(served, FORGED)).body.address).toBe("127.0.0.1");
  });

  test("each request gets an id, in the app and in the answer: a sane one given is kept", async () => {
    const given = await get(served, { "x-request-id": "lb-1234" });
    expect([given.body.requestId, given.id]).toEqual(["lb-1234", "lb-1234"]);
    const made = await get(served, { "x-request-id": "not sane\u00e9" });
    expect(made.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.id).toBe(made.body.requestId);
  });

  test("behind a trusted proxy (TRUST_PROXY=1) it is the last hop the proxy appended", async () => {
    process.env.TRUST_PROXY = "1";
    expect((await get(served, { "x-forwarded-for": "6.6.6.6, 203.0.113.9" })).body.address).toBe("203.0.113.9");
    expect((await get(served, { "x-forwarded-for": "::ffff:203.0.113.9" })).body.address).toBe("203.0.113.9");
    expect((await get(served)).body.address).toBe("127.0.0.1"); // no proxy in between: the connection
  });
});

test("served any other way, a client-sent address header is not believed", async () => {
  expect((await get(plain, FORGED)).body.address).toBeNull();
});

describe("addresses", () => {
  test.each([
    ["203.0.113.9", "203.0.113.9"],
    [" ::FFFF:203.0.113.9 ", "203.0.113.9"],
    ["[2001:DB8::1]", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["unknown", null],
    ["203.0.113.9:5000", null],
  ])("%j is read as %j", (raw, address) => {
    expect(normalizeAddress(raw)).toBe(address);
  });

  test.each([
    ["203.0.113.9", "203.0.113.9"],
    ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
    ["2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["2001:0db8:0001:0003::", "2001:db8:1:3::/64"],
    ["64:ff9b::203.0.113.9", "64:ff9b:0:0::/64"],
  ])("the client %s is counted as %s", (address, key) => {
    expect(clientKey(address)).toBe(key);
  });
});
