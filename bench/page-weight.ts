// Page weight: the first-load JavaScript of every page of the app, gzipped (level 9), against
// `next start` of the last build on a throwaway PGlite folder with the demo data. Every page found
// under app/ (app/**/page.tsx) is opened as each demo user (rep, manager, admin, deal desk) and, for
// /signin, signed out; a page weighs what the heaviest of the views that open it loads. Exits 1 when
// a page is over the limit, or when a page cannot be measured. Run by `npm run bench` after the moves
// (scripts/bench.mjs); docs/performance.md ("Page weight") has the figures.
//
//   npx next build && npx tsx bench/page-weight.ts
//
// Settings (env): PAGE_WEIGHT_LIMIT_KIB=200 BENCH_PORT=3391 BENCH_OUT=file.json (the figures as JSON).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Actor } from "@/src/auth/actor";
import { findActor } from "@/src/auth/load-actor";
import { startSession } from "@/src/auth/user-sessions";
import { prepareDatabase } from "@/src/server/boot/prepare-database";
import { closeDatabase, database, db } from "@/src/server/db";
import { createDraft } from "@/src/server/process/drafts";
import { inviteUser } from "@/src/server/users/invitations";
import { chromium } from "@playwright/test";
import { scriptsOf, sessionCookie, startServer } from "./board/http-board";
import { pageWeightTable } from "./report.mjs";

process.chdir(path.resolve(import.meta.dirname, ".."));
const LIMIT_KIB = Number(process.env.PAGE_WEIGHT_LIMIT_KIB ?? 200);
const PORT = Number(process.env.BENCH_PORT ?? 3391);
const CHROMIUM = "/usr/bin/chromium"; // Debian's (scripts/ensure-system.mjs), as the e2e tests use

/** The demo users (README), one per kind of view. */
const USERS = {
  rep: "rep@stageline.test",
  manager: "manager@stageline.test",
  admin: "admin@stageline.test",
  "deal desk": "finance@stageline.test",
} as const;
type Viewer = keyof typeof USERS | "signed out";

/** Every page of the app as a route pattern ("/opportunities/[id]"): app/**\/page.tsx, route groups left out of the path. */
function appPages(dir = "app", prefix = ""): string[] {
  const pages: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && entry.name === "page.tsx") pages.push(prefix || "/");
    if (!entry.isDirectory() || entry.name.startsWith("_") || entry.name.startsWith("@") || entry.name === "api") continue;
    const group = entry.name.startsWith("(") && entry.name.endsWith(")");
    pages.push(...appPages(full, group ? prefix : `${prefix}/${entry.name}`));
  }
  return pages.sort();
}

/**
 * The dynamic pages' paths with real ids of the demo data: a deal of the demo rep (its page and its
 * embeds, by id and by its Salesforce id), a deal desk request, the demo's webhook endpoint, the rep's
 * page in the admin console, the demo's pending invitation, and Standard B2B's deal moves and draft
 * (a draft is started for it here, so that the editor is measured with one).
 */
async function demoPaths(): Promise<Record<string, string>> {
  const rep = await db().user.findUniqueOrThrow({ where: { email: USERS.rep } });
  const admin = await findActor(db(), (await db().user.findUniqueOrThrow({ where: { email: USERS.admin } })).id);
  const process = "standard_b2b";
  if (!(await db().processDraft.findUnique({ where: { processKey: process } }))) await createDraft(admin!, process, {});
  const invitation = await invitationToken(admin!);
  const deal = await db().opportunity.findFirstOrThrow({
    where: { ownerId: rep.id, status: "open", externalId: { not: null } },
    orderBy: { id: "asc" },
  });
  const request = await db().approvalRequest.findFirstOrThrow({ where: { status: "pending" }, orderBy: { createdAt: "asc" } });
  const webhook = await db().webhookEndpoint.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
  const id = encodeURIComponent(deal.id);
  return {
    "/opportunities/[id]": `/opportunities/${id}`,
    "/embed/opportunities/[id]": `/embed/opportunities/${id}`,
    "/embed/by-external/[source]/[externalId]": `/embed/by-external/${encodeURIComponent(deal.externalSource!)}/${encodeURIComponent(deal.externalId!)}`,
    "/deal-desk/[id]": `/deal-desk/${encodeURIComponent(request.id)}`,
    "/admin/integrations/webhooks/[id]": `/admin/integrations/webhooks/${encodeURIComponent(webhook.id)}`,
    "/admin/users/[id]": `/admin/users/${encodeURIComponent(rep.id)}`,
    "/admin/processes/[key]/deal-moves": `/admin/processes/${process}/deal-moves`,
    "/admin/processes/[key]/draft": `/admin/processes/${process}/draft`,
    "/invite/[token]": `/invite/${encodeURIComponent(invitation)}`,
  };
}

/** A new invitation's one-time token, read from the e-mail the invitation queued (only a hash is stored). */
async function invitationToken(admin: Actor): Promise<string> {
  const { user } = await inviteUser(admin, { name: "Page Weight", email: `page.weight.${Date.now()}@stageline.test`, role: "rep" });
  const mails = await database()
    .sql.selectFrom("OutboxMessage")
    .select("payload")
    .where("channel", "=", "email")
    .where("idempotencyKey", "like", "invitation:%")
    .execute();
  const mail = mails.find((m) => JSON.stringify(m.payload).includes(user.email));
  const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(JSON.stringify(mail?.payload ?? ""))?.[1];
  if (!token) throw new Error(`No invitation link in the e-mail to ${user.email}`);
  return token;
}

function pathOf(route: string, paths: Record<string, string>): string {
  if (!route.includes("[")) return route;
  const path = paths[route];
  if (!path) throw new Error(`${route}: no demo path for this dynamic page (add one to demoPaths in bench/page-weight.ts)`);
  return path;
}

type View = { viewer: Viewer; status: number; location?: string; opens: boolean };

type Loaded = { srcs: string[]; raw: number; gzip: number };

export type PageWeight = {
  route: string;
  path: string;
  /** The view that loads the most, and the views that open the page at all. */
  viewer: Viewer | null;
  viewers: Viewer[];
  /** Where the page sends every viewer instead (a page without content of its own). */
  redirectsTo?: string;
  /** The scripts the HTML names (module scripts: a browser that runs them skips the `noModule` polyfills). */
  html: { scripts: number; rawKiB: number; gzipKiB: number };
  /**
   * Everything the browser loads on opening the page, until the network is quiet: the HTML's scripts
   * and what they import at once (the dashboard's charts), not what links prefetch for the pages they
   * open. The limit applies to this.
   */
  opening: { scripts: number; rawKiB: number; gzipKiB: number };
  /** The heaviest view's scripts on opening with their gzipped size, heaviest first: where to look when a page grows. */
  files: { src: string; gzipKiB: number; lazy: boolean }[];
  overLimit: boolean;
};

const kib = (bytes: number) => Math.round(bytes / 102.4) / 10;
const figures = (l: Loaded) => ({ scripts: l.srcs.length, rawKiB: kib(l.raw), gzipKiB: kib(l.gzip) });

async function measure(base: string, routes: string[], ids: Record<string, string>, cookies: Map<Viewer, string | null>) {
  const sizes = new Map<string, { raw: number; gzip: number }>();
  async function load(srcs: Iterable<string>): Promise<Loaded> {
    const loaded: Loaded = { srcs: [...new Set(srcs)], raw: 0, gzip: 0 };
    for (const src of loaded.srcs) {
      let size = sizes.get(src);
      if (!size) {
        const res = await fetch(new URL(src, base));
        if (!res.ok) throw new Error(`${src}: ${res.status}`);
        const bytes = Buffer.from(await res.arrayBuffer());
        size = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
        sizes.set(src, size);
      }
      loaded.raw += size.raw;
      loaded.gzip += size.gzip;
    }
    return loaded;
  }

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
  /** What the browser loads on opening `url`: every script of this origin, until the network is quiet. */
  async function open(url: string, cookie: string | null): Promise<string[]> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      if (cookie) {
        const [name, value] = cookie.split(/=(.*)/s) as [string, string];
        await context.addCookies([{ name, value, url: base }]);
      }
      const page = await context.newPage();
      // Links in view are prefetched once the page is idle, with the code of the pages they open
      // (the board's from every navigation bar): that is the next page's weight, not this one's.
      await page.route("**/*", (route) => (route.request().headers()["next-router-prefetch"] ? route.abort() : route.continue()));
      const scripts: string[] = [];
      page.on("response", (res) => {
        if (res.request().resourceType() === "script" && res.url().startsWith(base)) scripts.push(new URL(res.url()).pathname);
      });
      const res = await page.goto(url, { waitUntil: "networkidle" });
      if (!res || res.status() >= 400) throw new Error(`${url}: ${res?.status()} in the browser`);
      return scripts;
    } finally {
      await context.close();
    }
  }

  const pages: PageWeight[] = [];
  const loadedBy = new Map<string, Set<string>>(); // script → routes that load it on opening
  try {
    for (const route of routes) {
      const url = `${base}${pathOf(route, ids)}`;
      const views: View[] = [];
      let heaviest: { viewer: Viewer; html: Loaded; opening: Loaded } | null = null;
      for (const [viewer, cookie] of cookies) {
        const res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
        const body = await res.text();
        if (res.status >= 500) throw new Error(`${url} as ${viewer}: ${res.status}\n${body.slice(0, 500)}`);
        // A page that redirects or refuses once its response has started streaming still answers 200:
        // its payload then carries the redirect or the error instead of the page.
        const location = res.headers.get("location") ?? /NEXT_REDIRECT;\w+;([^;]+);/.exec(body)?.[1];
        const opens = res.status === 200 && !location && !/NEXT_HTTP_ERROR_FALLBACK;\d+/.test(body);
        views.push({ viewer, status: res.status, location, opens });
        if (!opens) continue;
        const html = await load(scriptsOf(body));
        const opening = await load([...html.srcs, ...(await open(url, cookie))]);
        for (const src of opening.srcs) {
          if (!loadedBy.has(src)) loadedBy.set(src, new Set());
          loadedBy.get(src)!.add(route);
        }
        if (!heaviest || opening.gzip > heaviest.opening.gzip) heaviest = { viewer, html, opening };
      }
      // Signed-in viewers sent elsewhere (not to sign in): the page has no content of its own.
      const redirect = views.find((v) => v.location && !v.location.includes("/signin"))?.location;
      if (!heaviest && !redirect) throw new Error(`${url}: no demo user opens this page (${views.map((v) => `${v.viewer} ${v.status}`).join(", ")})`);
      const none = { scripts: 0, rawKiB: 0, gzipKiB: 0 };
      pages.push({
        route,
        path: pathOf(route, ids),
        viewer: heaviest?.viewer ?? null,
        viewers: views.filter((v) => v.opens).map((v) => v.viewer),
        ...(heaviest ? {} : { redirectsTo: new URL(redirect!, base).pathname }),
        html: heaviest ? figures(heaviest.html) : none,
        opening: heaviest ? figures(heaviest.opening) : none,
        files: (heaviest?.opening.srcs ?? [])
          .map((src) => ({ src, gzipKiB: kib(sizes.get(src)!.gzip), lazy: !heaviest!.html.srcs.includes(src) }))
          .sort((a, b) => b.gzipKiB - a.gzipKiB),
        overLimit: !!heaviest && kib(heaviest.opening.gzip) > LIMIT_KIB,
      });
    }
  } finally {
    await browser.close();
  }
  // What every measured page loads: the framework and the shared layout.
  const measured = pages.filter((p) => p.viewer).length;
  const shared = [...loadedBy].filter(([, routes]) => routes.size === measured).map(([src]) => sizes.get(src)!);
  return {
    pages,
    shared: { scripts: shared.length, gzipKiB: kib(shared.reduce((n, s) => n + s.gzip, 0)), rawKiB: kib(shared.reduce((n, s) => n + s.raw, 0)) },
  };
}

async function main() {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("no build: run `npx next build` first (npm run bench builds when needed)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-page-weight-"));
  const pgliteDir = path.join(dir, "pglite");
  process.env.PGLITE_DIR = pgliteDir;
  process.env.DATABASE_URL = "";
  process.env.PASSWORD_HASH_COST ??= "10"; // the demo users' hashes: not what is measured
  try {
    await prepareDatabase(database(), { demoData: true });
    const ids = await demoPaths();
    const cookies = new Map<Viewer, string | null>([["signed out", null]]);
    for (const [viewer, email] of Object.entries(USERS) as [Viewer, string][]) {
      const userId = (await db().user.findUniqueOrThrow({ where: { email } })).id;
      const sessionId = (await startSession(database().sql, userId)).id;
      cookies.set(viewer, await sessionCookie({ userId, sessionId }));
    }
    await closeDatabase(); // next start opens the folder next

    const routes = appPages();
    const server = await startServer(pgliteDir, PORT);
    let result: Awaited<ReturnType<typeof measure>>;
    try {
      result = await measure(`http://localhost:${PORT}`, routes, ids, cookies);
    } finally {
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
    }

    const weights = { at: new Date().toISOString(), limitKiB: LIMIT_KIB, ...result };
    console.log(`\n${pageWeightTable(weights)}`);
    const over = result.pages.filter((p) => p.overLimit);
    if (over.length) console.error(`\nOver ${LIMIT_KIB} KiB: ${over.map((p) => `${p.route} ${p.opening.gzipKiB} KiB`).join(", ")}`);
    if (process.env.BENCH_OUT) fs.writeFileSync(process.env.BENCH_OUT, JSON.stringify(weights, null, 2));
    return over.length ? 1 : 0;
  } finally {
    await closeDatabase();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
