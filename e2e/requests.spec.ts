// Requests the API must refuse, over real HTTP against the built app: a write from another site's
// page riding on the signed-in user's cookie (a page on another port of the same host created a
// deal this way), a path that does not decode (Next.js's router answered a plain-text 500), and a
// body that never ends (it was read whole before its limit).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { PASSWORD, REP, signIn, uid } from "./support/app";

/** Every deal name the rep can see, through the API with a bearer token. */
async function dealNames(request: APIRequestContext): Promise<string[]> {
  const token = (await (await request.post("/api/v1/tokens", { data: { email: REP, password: PASSWORD } })).json()).token;
  const names: string[] = [];
  let cursor: string | null = "";
  while (cursor !== null) {
    const res = await request.get(`/api/v1/opportunities?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const page = (await res.json()) as { items: { name: string }[]; nextCursor: string | null };
    names.push(...page.items.map((d) => d.name));
    cursor = page.nextCursor;
  }
  return names;
}

const newDeal = (name: string) => ({ name, accountName: "Csrf Inc", amount: 1000, closeDate: "2027-06-30" });

test("a page on another port cannot make a signed-in rep's browser create a deal", async ({ page, request }) => {
  await signIn(page, REP);
  const name = `Planted ${uid()}`;
  // The other site's page: a form-free, no-cors fetch, the kind a browser sends without asking.
  const evil = http.createServer((_, res) => {
    res.setHeader("content-type", "text/html");
    res.end(`<script>
      fetch(${JSON.stringify(`${baseURL}/api/v1/opportunities`)}, {
        method: "POST", mode: "no-cors", credentials: "include",
        headers: { "content-type": "text/plain" }, body: ${JSON.stringify(JSON.stringify(newDeal(name)))},
      }).then(() => { document.title = "sent"; }, () => { document.title = "failed"; });
    </script>`);
  });
  await new Promise<void>((resolve) => evil.listen(0, resolve));
  try {
    const { port } = evil.address() as AddressInfo;
    await page.goto(`http://localhost:${port}/`);
    await expect(page).toHaveTitle(/sent|failed/);
  } finally {
    evil.close();
  }
  expect(await dealNames(request)).not.toContain(name);
});

test("the app's own pages still write through the API with the session cookie", async ({ page, request }) => {
  await signIn(page, REP);
  const name = `Own page ${uid()}`;
  const status = await page.evaluate(
    async (body) =>
      (await fetch("/api/v1/opportunities", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).status,
    newDeal(name),
  );
  expect(status).toBe(201);
  expect(await dealNames(request)).toContain(name);
});

test("a path whose percent-encoding does not decode is a 400, in the API's shape under /api", async ({ request }) => {
  for (const path of ["/api/v1/opportunities/%ff", "/api/v1/opportunities/%E0%A4%A/history", "/api/v1/nope/%ED%A0%80", "/api/v1/%"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(400);
    expect((await res.json()).error.code, path).toBe("VALIDATION_FAILED");
  }
  expect((await request.get("/opportunities/%ff")).status()).toBe(400);
  // A path that decodes is routed as before.
  expect((await request.get("/api/v1/opportunities/%C3%A9")).status()).toBe(401);
});

test("a chunked JSON body that never ends is answered 413 near its limit, not read to its end", async () => {
  const url = new URL("/api/v1/tokens", baseURL);
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let written = 0;
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      req.destroy();
    });
    req.on("error", (e) => (written > 0 ? undefined : reject(e)));
    req.write('{"email":"');
    const pump = () => {
      // Up to 200 MB: far more than any buffer between the client and the handler.
      while (written < 200 * 1024 * 1024 && !req.destroyed) {
        written += chunk.length;
        if (!req.write(chunk)) return req.once("drain", pump);
      }
    };
    pump();
  });
  expect(status).toBe(413);
  expect(written).toBeLessThan(50 * 1024 * 1024);
});
