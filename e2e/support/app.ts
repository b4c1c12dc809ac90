// What the specs share: demo sign-ins, the API for setting a deal up the way a rep would over weeks,
// the board's keyboard moves, and the accessibility scan.
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const PASSWORD = "stageline-demo";
export const REP = "rep@stageline.test";
export const MANAGER = "manager@stageline.test";
export const FINANCE = "finance@stageline.test";

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

/** Meets every exit criterion of the given stages but approvals, through the API. */
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
      if (c.type === "plan")
        await api(request, token, "put", `/opportunities/${id}/close-plan`, {
          version,
          steps: Array.from({ length: c.minSteps ?? 3 }, (_, i) => ({ title: `Step ${i + 1}`, ownerName: "Buyer", dueDate: `2027-0${i + 3}-01` })),
        });
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

export async function signIn(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/");
}

export async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

export async function openBoard(page: Page, query = "") {
  await page.goto(`/board${query}`);
  await expect(page.getByRole("heading", { name: "Pipeline board", level: 1 })).toBeVisible();
  // Drag and drop works once the board is hydrated: dnd-kit then adds its instructions for screen readers.
  await expect(page.locator("#board-dnd")).toBeAttached();
}

export const boardColumn = (page: Page, stage: string) => page.locator(`section[data-stage="${stage}"]`);
const liveRegion = (page: Page) => page.locator('[id^="DndLiveRegion"]');

/**
 * Space, ArrowRight × n, Space from the card's handle, each key after the board said what the last
 * one did. dnd-kit's keyboard sensor listens for arrows in a timer after the pick-up, and Chromium
 * runs input before timers: two frames and a later timer let it attach.
 */
export async function moveByKeyboard(page: Page, account: string, arrows: number) {
  await page.getByRole("button", { name: new RegExp(`^Move ${account} – `) }).focus();
  await page.keyboard.press("Space");
  await expect(liveRegion(page)).toHaveText(/^Picked up /);
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))));
  for (let i = 0; i < arrows; i++) {
    const before = await liveRegion(page).textContent();
    await page.keyboard.press("ArrowRight");
    await expect(liveRegion(page)).not.toHaveText(before ?? "");
  }
  await page.keyboard.press("Space");
  await expect(liveRegion(page)).toHaveText(/^Dropped in /);
}
