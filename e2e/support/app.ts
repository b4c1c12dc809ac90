// What the specs share: demo sign-ins, the API for setting a deal up the way a rep would over weeks,
// the board's keyboard moves, and the accessibility scan.
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

export const PASSWORD = "stageline-demo";
export const REP = "rep@stageline.test";
export const MANAGER = "manager@stageline.test";
export const FINANCE = "finance@stageline.test";
export const LEGAL = "legal@stageline.test";
export const ADMIN = "admin@stageline.test";
export const REP2 = "rep2@stageline.test";

export type Criterion = {
  key: string;
  type: string;
  field?: string;
  condition?: { op: string; role?: string };
  documentKind?: string;
  minSteps?: number;
};
export type Deal = { id: string; version: number; stage: string; accountName: string; name: string; ownerId: string; [k: string]: any };

export const uid = () => Math.random().toString(36).slice(2, 8);

export async function tokenFor(request: APIRequestContext, email: string): Promise<string> {
  const res = await request.post("/api/v1/tokens", { data: { email, password: PASSWORD } });
  expect(res.status()).toBe(201);
  return (await res.json()).token;
}

export async function api<T = Deal>(
  request: APIRequestContext,
  token: string,
  method: "get" | "post" | "patch" | "put",
  path: string,
  data?: unknown,
): Promise<T> {
  const res = await request[method](`/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` }, data });
  expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return res.json();
}

export const current = (request: APIRequestContext, token: string, id: string) => api(request, token, "get", `/opportunities/${id}`);

export const closePlan = (request: APIRequestContext, token: string, id: string, version: number, steps: number) =>
  api(request, token, "put", `/opportunities/${id}/close-plan`, {
    version,
    steps: Array.from({ length: steps }, (_, i) => ({ title: `Step ${i + 1}`, ownerName: "Buyer", dueDate: `2027-0${i + 3}-01` })),
  });

/** Meets every exit criterion of the given stages but approvals, through the API, the way a rep would over weeks. */
export async function satisfy(request: APIRequestContext, token: string, id: string, stageKeys: string[]) {
  const process = await api<{ stages: { key: string; exitCriteria: Criterion[] }[] }>(request, token, "get", "/process");
  const contacts: { name: string; role: string }[] = [];
  for (const stage of process.stages.filter((s) => stageKeys.includes(s.key)))
    for (const c of stage.exitCriteria) {
      const { version } = await current(request, token, id);
      if (c.type === "check") await api(request, token, "post", `/opportunities/${id}/criteria/${c.key}`, { satisfied: true, version });
      if (c.type === "field" && c.condition?.op === "has_contact_role") {
        contacts.push({ name: `Contact ${c.condition.role}`, role: c.condition.role! });
        await api(request, token, "put", `/opportunities/${id}/contacts`, { version, contacts });
      }
      if (c.type === "field" && c.condition?.op === "is_set" && (c.field === "buyingProcess" || c.field === "decisionCriteria"))
        await api(request, token, "patch", `/opportunities/${id}`, { version, [c.field]: "Recorded in discovery" });
      if (c.type === "plan") await closePlan(request, token, id, version, c.minSteps ?? 3);
      if (c.type === "document") {
        const res = await request.post(`/api/v1/opportunities/${id}/files`, {
          headers: { Authorization: `Bearer ${token}` },
          multipart: {
            kind: c.documentKind!,
            file: { name: `${c.documentKind}.pdf`, mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%e2e\n") },
          },
        });
        expect(res.status()).toBe(201);
      }
    }
}

export async function moveByApi(request: APIRequestContext, token: string, id: string, toStage: string) {
  const { version } = await current(request, token, id);
  return api(request, token, "post", `/opportunities/${id}/transitions`, { toStage, version });
}

/** Signs in with the demo password and waits for `path` (the home page, or where the sign-in was asked for). */
export async function signIn(page: Page, email: string, path = "/") {
  await page.goto(path === "/" ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname === path);
}

/** axe on the page, or on the part `include` selects, leaving out what `exclude` selects (a sandboxed frame axe cannot run in). */
export async function expectNoSeriousViolations(page: Page, scope: { include?: string; exclude?: string } = {}) {
  // After a client-side navigation the page's title arrives with its streamed metadata, a moment
  // after its content: scan the page once it is whole.
  // (On a loaded two-core machine that moment once took more than five seconds: fifteen.)
  await expect.poll(() => page.title(), { message: "the page has a title", timeout: 15_000 }).not.toBe("");
  let axe = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]);
  if (scope.include) axe = axe.include(scope.include);
  if (scope.exclude) axe = axe.exclude(scope.exclude);
  // A sandboxed frame (an e-mail preview) takes no script: axe cannot run in it, and its fallback for
  // such frames, a page of its own in the browser context, hangs this Chromium when other contexts are
  // busy. Its content is the customer's template, not the app's page.
  axe = axe.exclude("iframe[sandbox]");
  const results = await axe.analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/**
 * React has taken over the server's markup: its fiber is on the page's first heading. A controlled
 * field filled before that loses what was typed when React renders it from its own (empty) state.
 */
export async function expectHydrated(page: Page) {
  await page.waitForFunction(() => Object.keys(document.querySelector("h1, h2") ?? {}).some((k) => k.startsWith("__reactFiber$")));
}

export async function openBoard(page: Page, query = "") {
  await page.goto(`/board${query}`);
  await expect(page.getByRole("heading", { name: "Pipeline board", level: 1 })).toBeVisible();
  // Drag and drop works once the board is hydrated: dnd-kit then adds its instructions for screen readers.
  await expect(page.locator("#board-dnd")).toBeAttached();
}

export const boardColumn = (page: Page, stage: string) => page.locator(`section[data-stage="${stage}"]`);
export const boardCard = (scope: Page | Locator, account: string) => scope.getByRole("article", { name: new RegExp(`^${account} – `) });
export const cardHandle = (page: Page, account: string) => page.getByRole("button", { name: new RegExp(`^Move ${account} – `) });
export const liveRegion = (page: Page) => page.locator('[id^="DndLiveRegion"]');

/**
 * A drag with the mouse from a card to a column (the closed targets are stacked: no arrow key reaches
 * them reliably). dnd-kit works out the target in a render after the pointer moved, and its code may
 * arrive mid-drag: the button is let go once the target shows the card is over it, as a person does.
 * `release: "at-once"` lets go without waiting, for the drop made before the code is there.
 */
export async function dragByMouse(page: Page, from: Locator, to: Locator, { release = "over" }: { release?: "over" | "at-once" } = {}) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height * 0.6);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height * 0.6, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + Math.min(b.height / 2, 200), { steps: 10 });
  if (release === "over") await expect(to).toHaveAttribute("data-drop-over", "true");
  await page.mouse.up();
}

/**
 * dnd-kit's keyboard sensor starts listening for arrow keys in a timer after the pick-up, and Chromium
 * runs input before timers: an arrow sent the moment "Picked up" is announced can arrive before the
 * listener (no person types that fast). Waiting for two frames and a later timer lets it attach.
 */
export async function keyboardDragReady(page: Page) {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))));
}

/** Space, an arrow × n, Space from the card's handle: each key after the board said what the last one did, as a screen reader user hears it. */
export async function moveByKeyboard(page: Page, account: string, arrows: number, key = "ArrowRight") {
  await cardHandle(page, account).focus();
  await page.keyboard.press("Space");
  await expect(liveRegion(page)).toHaveText(/^Picked up /);
  await keyboardDragReady(page);
  for (let i = 0; i < arrows; i++) {
    const before = await liveRegion(page).textContent();
    await page.keyboard.press(key);
    await expect(liveRegion(page)).not.toHaveText(before ?? "");
  }
  await page.keyboard.press("Space");
  await expect(liveRegion(page)).toHaveText(/^Dropped in /);
}
