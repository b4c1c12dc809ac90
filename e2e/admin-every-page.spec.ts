// Every page of the admin console passes an accessibility scan (no serious or critical violation),
// at a desktop and at a tablet width: each section the console's own navigation offers the demo admin
// (so a new section is scanned without touching this spec), and the pages behind them: a user, a
// webhook endpoint's deliveries, a process's deal moves and its draft editor without a draft. It only
// reads; the specs of each section scan their pages again in the states they create.
import { expect, type Locator, test } from "@playwright/test";
import { ADMIN, expectNoSeriousViolations, signIn } from "./support/app";

test.describe.configure({ timeout: 180_000 });

const WIDTHS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "tablet", width: 768, height: 1024 },
];

/** The address of the first of `links`, once it shows. */
async function hrefOf(links: Locator): Promise<string> {
  const link = links.first();
  await expect(link).toBeVisible();
  return (await link.getAttribute("href"))!;
}

for (const size of WIDTHS)
  test(`every admin page passes an axe scan at ${size.name} width`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await signIn(page, ADMIN, "/admin/processes");
    const nav = page.getByRole("navigation", { name: "Admin sections" });
    const sections = await nav.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    expect(sections).toEqual(
      expect.arrayContaining(["/admin/processes", "/admin/users", "/admin/teams", "/admin/tokens", "/admin/integrations", "/admin/audit"]),
    );

    const scanned: string[] = [];
    const scan = async (path: string) => {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSeriousViolations(page);
      scanned.push(path);
    };
    for (const path of sections) await scan(path);

    // The pages behind the sections, reached by their own links.
    await page.goto("/admin/users");
    await scan(await hrefOf(page.locator('main a[href^="/admin/users/"]')));
    await page.goto("/admin/integrations");
    await scan(await hrefOf(page.getByRole("main").getByRole("link", { name: /^Deliveries/ })));
    await page.goto("/admin/processes");
    await scan(await hrefOf(page.locator('main a[href$="/deal-moves"]')));
    await scan("/admin/processes/customer_lifecycle/draft");
    expect(scanned.length).toBe(sections.length + 4);
  });
