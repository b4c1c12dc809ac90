// Security headers and server-action refusals in a real browser and over real HTTP against the built
// app (docs/security.md, "Headers and framing"): every main page carries its policy and still renders
// and hydrates under it with no violation, another origin cannot frame the board, API answers are
// never stored or sniffed, and server actions from another origin or with a body Next.js cannot
// decode answer 403 and 400 rather than 500.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext, type APIResponse, type Page, type Response } from "@playwright/test";
import { expectHydrated, PASSWORD, REP, signIn, tokenFor, uid } from "./support/app";

test.describe.configure({ timeout: 90_000 });

async function createDeal(request: APIRequestContext, token: string): Promise<{ id: string; accountName: string }> {
  const account = `Headers ${uid()}`;
  const res = await request.post("/api/v1/opportunities", {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      name: "Platform rollout",
      accountName: account,
      amount: 42000,
      closeDate: "2027-06-30",
      nextStep: "Discovery call",
      nextStepDue: "2027-05-01",
    },
  });
  expect(res.status()).toBe(201);
  return res.json();
}

/**
 * Every policy violation the page reports: the DOM's securitypolicyviolation events, and the lines
 * Chromium writes to its log ("Refused to …"), which are not console calls.
 */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  const log = await page.context().newCDPSession(page);
  log.on("Log.entryAdded", ({ entry }) => {
    if (/Refused to|Content Security Policy/i.test(entry.text)) violations.push(entry.text);
  });
  await log.send("Log.enable");
  page.on("console", (message) => {
    if (message.text().startsWith("securitypolicyviolation")) violations.push(message.text());
  });
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`securitypolicyviolation: ${e.violatedDirective} refused ${e.blockedURI}`),
    ),
  );
  return violations;
}

function expectPageHeaders(response: Response | null) {
  const headers = response!.headers();
  const policy = headers["content-security-policy"]!;
  expect(policy).toMatch(/(^|; )script-src 'self' 'nonce-[A-Za-z0-9+/]+=*' 'strict-dynamic'(;|$)/);
  expect(policy).not.toContain("unsafe-eval");
  for (const directive of ["object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"])
    expect(policy).toContain(directive);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-powered-by"]).toBeUndefined();
  expect(headers["strict-transport-security"]).toBeUndefined(); // this app is served over plain HTTP
  expect(headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
}

test.describe("pages under their Content-Security-Policy", () => {
  test("every main page carries the headers, renders and hydrates with no violation", async ({ page, request }) => {
    const violations = await watchViolations(page);
    const deal = await createDeal(request, await tokenFor(request, REP));

    const signin = await page.goto("/signin");
    expectPageHeaders(signin);
    await expectHydrated(page);
    // Hydrated: a demo account fills the form, and next-auth's client signs in.
    await page.getByRole("button", { name: "Use rep@stageline.test" }).click();
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue(REP);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome back");

    const nonces = new Set<string>();
    for (const [path, heading] of [
      ["/", /Welcome back/],
      ["/board", /Pipeline board/],
      [`/opportunities/${deal.id}`, /Platform rollout/],
      ["/settings", /Settings/],
      ["/opportunities/new", /New opportunity/],
    ] as const) {
      const response = await page.goto(path);
      expectPageHeaders(response);
      nonces.add(/'nonce-([^']+)'/.exec(response!.headers()["content-security-policy"]!)![1]!);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
      await expectHydrated(page);
    }
    expect(nonces.size).toBe(5); // one per response

    // The deal page's dialog: its scroll lock adds a style element, which carries the nonce.
    await page.goto(`/opportunities/${deal.id}`);
    await page.getByRole("button", { name: "Disqualify" }).click();
    await expect(page.getByRole("dialog", { name: "Disqualify this deal" })).toBeVisible();
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).overflow)).toBe("hidden");
    await page.keyboard.press("Escape");

    // A server action from a hydrated page (a token made on the settings page) passes the proxy's checks.
    await page.goto("/settings");
    await page.getByLabel("Token name").fill(`headers ${uid()}`);
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByLabel("New API token")).toHaveValue(/^stl_/);

    expect(violations).toEqual([]);
  });

  test("the board's drag and drop works under the policy", async ({ page, request }) => {
    const violations = await watchViolations(page);
    const deal = await createDeal(request, await tokenFor(request, REP));
    await signIn(page, REP);
    await page.goto(`/board?q=${encodeURIComponent(deal.accountName)}`);
    await expect(page.locator("#board-dnd")).toBeAttached(); // dnd-kit's instructions: hydrated
    const card = page.getByRole("article", { name: new RegExp(`^${deal.accountName} – `) });
    const from = (await card.boundingBox())!;
    const to = (await page.locator('section[data-stage="negotiate"]').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height * 0.6);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height * 0.6, { steps: 3 });
    await page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height / 2, 200), { steps: 10 });
    await page.mouse.up();
    // A move past unmet criteria is refused: the server action answered, and its panel opened.
    await expect(page.getByRole("dialog", { name: "Platform rollout can't move to Negotiate yet" })).toBeVisible();
    expect(violations).toEqual([]);
  });

  test("the sign-in form posted before hydration still signs in", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/signin");
    await page.getByLabel("Email", { exact: true }).fill(REP);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/");
    // A form of useActionState posts its state along (bound arguments): it passes the checks too.
    await page.goto("/settings");
    const name = `no script ${uid()}`;
    await page.getByLabel("Token name").fill(name);
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();
    await context.close();
  });
});

test("a page of another origin cannot frame the board", async ({ page, baseURL }) => {
  await signIn(page, REP);
  const violations = await watchViolations(page);
  // Another port of the same host: the same site, so the session cookie goes along.
  const framing = http.createServer((_, res) => {
    res.setHeader("content-type", "text/html");
    res.end(`<!doctype html><title>Framing</title><iframe src="${baseURL}/board" width="900" height="600"></iframe>`);
  });
  await new Promise<void>((resolve) => framing.listen(0, "localhost", resolve));
  try {
    await page.goto(`http://localhost:${(framing.address() as AddressInfo).port}/`);
    await expect
      .poll(() => violations.join("\n"))
      .toMatch(/Framing '[^']*\/' violates the following Content Security Policy directive: "frame-ancestors 'none'"/);
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    expect(frame.url()).not.toContain("/board");
    await expect(frame.getByRole("heading", { name: "Pipeline board" })).toHaveCount(0);
  } finally {
    framing.close();
  }
});

test("API answers and file downloads are never stored or sniffed", async ({ request }) => {
  const token = await tokenFor(request, REP);
  const auth = { Authorization: `Bearer ${token}` };
  const deal = await createDeal(request, token);
  const upload = await request.post(`/api/v1/opportunities/${deal.id}/files`, {
    headers: auth,
    multipart: { kind: "quote", file: { name: "quote.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%e2e\n") } },
  });
  expect(upload.status()).toBe(201);
  const file = await upload.json();

  const answers: [string, APIResponse][] = [
    ["a signed-in read", await request.get("/api/v1/me", { headers: auth })],
    ["a list", await request.get("/api/v1/opportunities", { headers: auth })],
    ["a write", upload],
    ["a new token", await request.post("/api/v1/tokens", { data: { email: REP, password: PASSWORD } })],
    ["a refusal", await request.get("/api/v1/me")],
    ["an unknown endpoint", await request.get("/api/v1/nothing-here", { headers: auth })],
    ["a file download", await request.get(`/api/v1/opportunities/${deal.id}/files/${file.id}`, { headers: auth })],
  ];
  for (const [name, res] of answers) {
    expect(res.headers()["cache-control"], name).toBe("no-store");
    expect(res.headers()["x-content-type-options"], name).toBe("nosniff");
    expect(res.headers()["content-security-policy"], name).toBe("default-src 'none'; frame-ancestors 'none'");
  }
  expect(answers.at(-1)![1].headers()["content-disposition"]).toMatch(/^attachment;/);

  // next-auth's own page, the sign-out confirmation, may not be framed either.
  const signOut = await request.get("/api/auth/signout", { maxRedirects: 0 });
  expect(signOut.status()).toBe(200);
  expect(signOut.headers()["content-type"]).toMatch(/^text\/html/);
  expect(signOut.headers()["content-security-policy"]).toBe("frame-ancestors 'none'");
});

test.describe("server actions", () => {
  // Action ids are made by the build; its manifest names each action's function.
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")).node as Record<
    string,
    { exportedName: string }
  >;
  const actionId = (name: string) => Object.entries(manifest).find(([, a]) => a.exportedName === name)![0];
  const UPLOAD = actionId("uploadDealFile");
  const SIGN_IN = actionId("signInWithPassword");
  const TEXT = "text/plain;charset=UTF-8";

  const call = (request: APIRequestContext, baseURL: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    request.post("/board", { headers: { origin: baseURL, "next-action": UPLOAD, "content-type": TEXT, ...headers }, data: body });

  async function expectRefusal(res: APIResponse, status: number, code: string) {
    expect(res.status(), await res.text()).toBe(status);
    expect((await res.json()).error.code).toBe(code);
  }

  test("from another origin are refused with 403, called or posted as a form", async ({ request, baseURL }) => {
    for (const origin of ["http://localhost:9", "https://evil.test", "null"])
      await expectRefusal(await call(request, baseURL!, "[]", { origin }), 403, "FORBIDDEN");
    const form = await request.post("/signin", {
      headers: { origin: "http://localhost:9" },
      multipart: { [`$ACTION_ID_${SIGN_IN}`]: "", email: REP, password: PASSWORD },
    });
    await expectRefusal(form, 403, "FORBIDDEN");
    expect(form.headers()["set-cookie"]).toBeUndefined(); // no session was made
  });

  test("whose body cannot be decoded are refused with 400", async ({ request, baseURL }) => {
    const MULTIPART = { "content-type": "multipart/form-data; boundary=X" };
    const cases: [string, string, Record<string, string>][] = [
      ["garbage", "{not json", {}],
      ["an empty body", "", {}],
      ["a number for the arguments", "5", {}],
      ["a reference to nothing", '["$1"]', {}],
      ["nesting past React's stack", `${"[".repeat(50_000)}${"]".repeat(50_000)}`, {}],
      ["JSON sent as JSON", "[]", { "content-type": "application/json" }],
      ["a form encoding", "a=b", { "content-type": "application/x-www-form-urlencoded" }],
      ["multipart without a boundary", "--X--", { "content-type": "multipart/form-data" }],
      ["multipart that is not", "garbage", MULTIPART],
      ["multipart without the arguments", '--X\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--X--\r\n', MULTIPART],
    ];
    for (const [name, body, headers] of cases) {
      const res = await call(request, baseURL!, body, headers);
      expect(res.status(), `${name}: ${await res.text()}`).toBe(400);
      expect((await res.json()).error.code, name).toBe("VALIDATION_FAILED");
    }
    const form = await request.post("/signin", { headers: { origin: baseURL!, "content-type": "multipart/form-data; boundary=X" }, data: "garbage" });
    await expectRefusal(form, 400, "VALIDATION_FAILED");
  });

  test("past the size limit are refused with 413", async ({ request, baseURL }) => {
    await expectRefusal(await call(request, baseURL!, Buffer.alloc(21 * 1024 * 1024 + 1, 32)), 413, "PAYLOAD_TOO_LARGE");
  });

  test("with well-formed arguments of the wrong kind answer, never fail", async ({ request, baseURL }) => {
    // The upload action takes a form: called with text, it answers that the session is missing.
    const res = await call(request, baseURL!, '["not a form"]');
    expect(res.status()).toBe(200);
    expect(await res.text()).toContain("UNAUTHENTICATED");
  });

  test("naming no action of this build answer 400, or 409 for an id of another build", async ({ request, baseURL }) => {
    expect((await call(request, baseURL!, "[]", { "next-action": "not-an-action" })).status()).toBe(400);
    // Next.js's answer to a page older than the server (a new deployment): the page reloads.
    const stale = await call(request, baseURL!, "[]", { "next-action": `40${"a".repeat(40)}` });
    expect(stale.status()).toBe(409);
    expect(stale.headers()["x-nextjs-action-not-found"]).toBe("1");
  });
});
