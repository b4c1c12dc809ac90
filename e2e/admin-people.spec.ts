// People in the admin console (docs/rules/people.md): the demo admin invites someone, the invitation
// e-mail reaches the e2e mail server, and the invitee follows its link, chooses a password, is signed
// in, and signs in again with it; the used link then says so. The admin deactivates a user (made by
// this spec, so that no other spec's sign-in is touched), whose API token answers 401 on the next
// request. Every page passes an accessibility scan. Runs after the rest: it adds users.
import { type APIRequestContext, expect, test } from "@playwright/test";
import { simpleParser } from "mailparser";
import { RECEIVED_URL, type Received } from "./receivers/ports";
import { ADMIN, api, expectNoSeriousViolations, signIn, tokenFor, uid } from "./support/app";

test.describe.configure({ timeout: 120_000 });

const received = async (request: APIRequestContext): Promise<Received> => (await request.get(RECEIVED_URL)).json();
const STRONG = "violet harbour lantern 42 quietly";

test("the demo admin invites a user, who follows the e-mailed link, chooses a password and signs in", async ({ page, browser, request }) => {
  const email = `invitee.${uid()}@e2e.test`;
  await signIn(page, ADMIN, "/admin/users");
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  // The demo's pending invitation is listed as such.
  await page.goto("/admin/users?status=invited");
  await expect(page.getByRole("link", { name: "Jamie Ortiz" })).toBeVisible();
  await expectNoSeriousViolations(page);

  const invite = page.getByRole("form", { name: "Invite a user" });
  await invite.getByLabel("Name").fill("Casey Newcomer");
  await invite.getByLabel("E-mail").fill(email);
  await invite.getByLabel("Role").selectOption({ label: "Sales rep" });
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Invitation sent to ${email}` })).toBeVisible();
  await expect(page.getByRole("link", { name: "Casey Newcomer" })).toBeVisible();

  // The mail, through the outbox, at the e2e mail server: a link to this app, and single sign-on named.
  await expect.poll(async () => (await received(request)).mail.filter((m) => m.to.includes(email)).length, { timeout: 30_000 }).toBe(1);
  const mail = await simpleParser((await received(request)).mail.find((m) => m.to.includes(email))!.raw);
  expect(mail.subject).toBe("You are invited to Stageline");
  expect(mail.text).toContain("sign in with");
  const link = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(mail.text ?? "")?.[0];
  expect(link).toBeTruthy();

  // The invitee, in a browser of their own.
  const context = await browser.newContext();
  const invitee = await context.newPage();
  await invitee.goto(link!);
  await expect(invitee.getByRole("heading", { name: "Welcome, Casey Newcomer", level: 1 })).toBeVisible();
  await expectNoSeriousViolations(invitee);
  // A weak password is refused, beside its field.
  await invitee.getByLabel("Password", { exact: true }).fill("password1234");
  await invitee.getByLabel("Password again").fill("password1234");
  await invitee.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(invitee.getByText(/too easy to guess/i)).toBeVisible();
  await invitee.getByLabel("Password", { exact: true }).fill(STRONG);
  await invitee.getByLabel("Password again").fill(STRONG);
  await invitee.getByRole("button", { name: "Set password and sign in" }).click();
  await invitee.waitForURL((url) => url.pathname === "/");
  await invitee.goto("/settings");
  await expect(invitee.getByText(email)).toBeVisible();

  // The link worked once.
  await invitee.goto(link!);
  await expect(invitee.getByRole("heading", { name: "This invitation has already been used", level: 1 })).toBeVisible();
  await expectNoSeriousViolations(invitee);
  await context.close();

  // And the password signs in, in a fresh browser.
  const fresh = await browser.newContext();
  const again = await fresh.newPage();
  await again.goto("/signin");
  await again.getByLabel("Email", { exact: true }).fill(email);
  await again.getByLabel("Password", { exact: true }).fill(STRONG);
  await again.getByRole("button", { name: "Sign in", exact: true }).click();
  await again.waitForURL((url) => url.pathname === "/");
  await fresh.close();

  // The admin now sees them active.
  await page.goto("/admin/users?status=active");
  await expect(page.getByRole("link", { name: "Casey Newcomer" })).toBeVisible();

  // The audit log holds the invitation, by the admin, and its acceptance.
  const invited = await api<{ items: { id: string; email: string }[] }>(
    request,
    await tokenFor(request, ADMIN),
    "get",
    `/users?q=${encodeURIComponent(email)}`,
  );
  const userId = invited.items.find((u) => u.email === email)!.id;
  expect(await auditOf(request, userId)).toEqual(expect.arrayContaining([`user.invited by ${ADMIN}`, "user.invitation_accepted"]));
});

type Audit = { items: { action: string; actorEmail: string }[] };
/** The audit log's entries about one user, oldest first: "action by actor" for the admin's, the action alone for others. */
async function auditOf(request: APIRequestContext, userId: string): Promise<string[]> {
  const audit = await api<Audit>(request, await tokenFor(request, ADMIN), "get", `/audit?objectType=user&objectId=${encodeURIComponent(userId)}`);
  return audit.items.map((e) => (e.actorEmail === ADMIN ? `${e.action} by ${ADMIN}` : e.action)).reverse();
}

test("deactivating a user makes their API token answer 401 on the next request", async ({ page, request }) => {
  const adminToken = await tokenFor(request, ADMIN);
  const email = `leaver.${uid()}@e2e.test`;
  const leaver = await api<{ id: string }>(request, adminToken, "post", "/users", {
    email,
    name: `Leaving Rep ${uid()}`,
    password: STRONG,
    role: "rep",
  });
  const created = await request.post("/api/v1/tokens", { data: { email, password: STRONG } });
  expect(created.status()).toBe(201);
  const token = (await created.json()).token as string;
  const me = () => request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  expect((await me()).status()).toBe(200);

  await signIn(page, ADMIN, `/admin/users/${leaver.id}`);
  await expect(page.getByText("No open deals")).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByRole("button", { name: "Deactivate…" }).click();
  await page.getByRole("button", { name: "Deactivate", exact: true }).click();
  await expect(page.getByText("Deactivated", { exact: true })).toBeVisible();
  expect((await me()).status()).toBe(401);
  // The audit log holds both of the admin's changes (beside the leaver's own sign-in for the token).
  expect((await auditOf(request, leaver.id)).filter((e) => e.endsWith(` by ${ADMIN}`))).toEqual([
    `user.created by ${ADMIN}`,
    `user.deactivated by ${ADMIN}`,
  ]);

  // The teams page, scanned too.
  await page.goto("/admin/teams");
  await expect(page.getByRole("heading", { name: "Teams", level: 1 })).toBeVisible();
  await expect(page.getByText("Enterprise", { exact: true })).toBeVisible();
  await expectNoSeriousViolations(page);
});
