// What `npm run screenshots` captures: each page, as whom, and how it is brought on screen.
const PASSWORD = "stageline-demo";
const REP = "rep@stageline.test";
const MANAGER = "manager@stageline.test";
const DEAL_DESK = "finance@stageline.test";
const ADMIN = "admin@stageline.test";

async function api(baseURL, token, pathAndQuery) {
  const res = await fetch(`${baseURL}/api/v1${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${pathAndQuery}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** The rep's deals to show: one open in a middle stage, one lost, and one whose next move is refused. */
export async function pickDeals(baseURL) {
  const res = await fetch(`${baseURL}/api/v1/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: REP, password: PASSWORD }),
  });
  if (res.status !== 201) throw new Error(`POST /tokens: ${res.status} ${await res.text()}`);
  const { token } = await res.json();
  const { stages } = await api(baseURL, token, "/process");
  const open = stages.filter((s) => s.kind === "open").map((s) => s.key);
  const { items: openDeals } = await api(baseURL, token, "/opportunities?status=open&limit=200");
  const { items: lostDeals } = await api(baseURL, token, "/opportunities?status=lost&limit=200");

  const middle = Math.floor((open.length - 1) / 2);
  const byDistance = [...openDeals].sort((a, b) => Math.abs(open.indexOf(a.stage) - middle) - Math.abs(open.indexOf(b.stage) - middle));
  const unmet = (d) => d.exitCriteria.filter((c) => !c.satisfied).length;
  // In the first stage with criteria unmet: preferably one the rep has started on, with the most left to fix.
  const isStarted = (d) => unmet(d) < d.exitCriteria.length;
  const refusable = openDeals
    .filter((d) => d.stage === open[0] && unmet(d) > 0)
    .sort((a, b) => Number(isStarted(b)) - Number(isStarted(a)) || unmet(b) - unmet(a));
  if (!byDistance[0] || !lostDeals[0] || !refusable[0]) throw new Error("the demo data has no open, lost or refusable deal for the rep");
  // A lost deal with a play under way, and the won deal whose checklist has the most left to do.
  const lost =
    (await firstMatching(lostDeals, async (d) =>
      (await api(baseURL, token, `/opportunities/${d.id}/plays`)).plays.some((p) => p.status === "active"),
    )) ?? lostDeals[0];
  const { items: wonDeals } = await api(baseURL, token, "/opportunities?status=won&limit=200");
  let won = null;
  let mostOpen = -1;
  for (const d of wonDeals) {
    const { open } = await api(baseURL, token, `/opportunities/${d.id}/checklist`);
    if (open > mostOpen) [won, mostOpen] = [d, open];
  }
  if (!won) throw new Error("the demo data has no won deal for the rep");
  return { open: byDistance[0], lost, refused: refusable[0], won };
}

async function firstMatching(items, test) {
  for (const item of items) if (await test(item)) return item;
  return null;
}

export async function signIn(page, email) {
  await page.goto("/signin");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await page.close();
}

async function openBoard(page, query = "", { hasCards = true } = {}) {
  await page.goto(`/board${query}`);
  await page.getByRole("heading", { name: "Pipeline board", level: 1 }).waitFor();
  // Drag and drop works once the board is hydrated: dnd-kit then adds its screen reader instructions.
  if (hasCards) await page.locator("#board-dnd").waitFor({ state: "attached" });
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Space, ArrowRight, Space on the card's handle, as e2e/board.spec.ts moves by keyboard. dnd-kit
 * listens for arrows in a timer after the pick-up; two frames and a timer let it attach.
 */
async function refuseMove(page, deal) {
  await openBoard(page);
  let handle = page.getByRole("button", { name: new RegExp(`^Move ${escapeRegExp(deal.accountName)} – `) });
  if ((await handle.count()) === 0) {
    // Not among the cards the column has rendered: show it alone.
    await openBoard(page, `?q=${encodeURIComponent(deal.accountName)}`);
    handle = page.getByRole("button", { name: new RegExp(`^Move ${escapeRegExp(deal.accountName)} – `) });
  }
  const live = page.locator('[id^="DndLiveRegion"]');
  await handle.first().focus();
  await page.keyboard.press("Space");
  await live.filter({ hasText: /^Picked up / }).waitFor({ state: "attached" });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))));
  await page.keyboard.press("ArrowRight");
  await live.filter({ hasText: /^Moved over / }).waitFor({ state: "attached" });
  await page.keyboard.press("Space");
  await page.getByRole("dialog", { name: /can't move to .* yet/ }).waitFor();
}

const goto = (path) => (page) => page.goto(path);

/** The first request of the deal desk's queue, opened from its row (the late rock, in the demo data). */
async function openFirstRequest(page) {
  await page.goto("/deal-desk");
  await page.getByRole("table").getByRole("link").first().click();
  await page.waitForURL((url) => /^\/deal-desk\/[^/]+$/.test(url.pathname));
  await page.getByRole("form", { name: "Decide this request" }).waitFor();
}

/** The manager's dashboard for this year, once its charts (loaded after the page) are drawn. */
async function openDashboard(page) {
  await page.goto("/dashboard?period=this_year");
  await page.locator(`#balance figure[role="img"] svg`).first().waitFor();
}

/** Standard B2B's next version in the draft editor: "Edit" on the processes page starts the draft (or opens the one there is). */
async function openDraftEditor(page) {
  await page.goto("/admin/processes");
  await page
    .getByRole("button", { name: "Edit Standard B2B" })
    .or(page.getByRole("link", { name: /^Edit the draft of Standard B2B/ }))
    .first()
    .click();
  await page.waitForURL((url) => url.pathname === "/admin/processes/standard_b2b/draft");
  await page.getByTestId("problems-summary").waitFor();
}

/** name: the file's stem; user: who is signed in (none for the sign-in page); open: brings the page up. */
export const SHOTS = [
  { name: "signin", user: null, open: goto("/signin") },
  { name: "home-rep", user: REP, open: goto("/") },
  { name: "board-rep", user: REP, open: (page) => openBoard(page), fullPage: false },
  { name: "board-refused", user: REP, open: (page, deals) => refuseMove(page, deals.refused), fullPage: false },
  { name: "board-empty", user: REP, open: (page) => openBoard(page, "?q=zzzz-no-match", { hasCards: false }) },
  { name: "opportunity", user: REP, open: (page, deals) => page.goto(`/opportunities/${deals.open.id}`) },
  { name: "opportunity-lost", user: REP, open: (page, deals) => page.goto(`/opportunities/${deals.lost.id}`) },
  { name: "opportunity-won", user: REP, open: (page, deals) => page.goto(`/opportunities/${deals.won.id}`) },
  { name: "opportunity-new", user: REP, open: goto("/opportunities/new") },
  { name: "reminders", user: REP, open: goto("/reminders") },
  { name: "settings", user: REP, open: goto("/settings") },
  { name: "not-found", user: REP, open: goto("/opportunities/does-not-exist") },
  { name: "home-manager", user: MANAGER, open: goto("/") },
  { name: "board-manager", user: MANAGER, open: (page) => openBoard(page), fullPage: false },
  { name: "dashboard", user: MANAGER, open: openDashboard },
  { name: "dashboard-deals", user: MANAGER, open: goto("/dashboard/deals?period=this_year&figure=open&sort=amount&direction=desc") },
  { name: "home-deal-desk", user: DEAL_DESK, open: goto("/") },
  { name: "deal-desk", user: DEAL_DESK, open: goto("/deal-desk") },
  { name: "deal-desk-request", user: DEAL_DESK, open: openFirstRequest },
  { name: "deal-desk-rules", user: ADMIN, open: goto("/deal-desk/rules") },
  {
    name: "admin-closing",
    user: ADMIN,
    open: async (page) => {
      await page.goto("/admin/closing");
      // The previews are filled a moment after the page loads.
      await page.getByTestId("slack-preview").waitFor();
    },
  },
  { name: "admin-outbox", user: ADMIN, open: goto("/admin/outbox") },
  { name: "admin-processes", user: ADMIN, open: goto("/admin/processes") },
  { name: "admin-process-editor", user: ADMIN, open: openDraftEditor },
  { name: "admin-deal-moves", user: ADMIN, open: goto("/admin/processes/standard_b2b/deal-moves") },
  { name: "admin-users", user: ADMIN, open: goto("/admin/users") },
  { name: "admin-integrations", user: ADMIN, open: goto("/admin/integrations") },
  { name: "admin-tokens", user: ADMIN, open: goto("/admin/tokens") },
  { name: "admin-audit", user: ADMIN, open: goto("/admin/audit") },
  { name: "imports", user: REP, open: goto("/imports") },
  { name: "home-admin", user: ADMIN, open: goto("/") },
];
