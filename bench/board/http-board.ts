// The board over HTTP from `next start` (the last `next build`): the full HTML response of /board
// for a signed-in manager, and the JavaScript that page loads first (every script it names).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { encode } from "next-auth/jwt";

const SECRET = "board-bench-secret";

export type Timing = { runs: number; medianMs: number; p95Ms: number; minMs: number };

export function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { runs: sorted.length, medianMs: round(at(0.5)), p95Ms: round(at(0.95)), minMs: round(sorted[0]!) };
}

/** `next start` of the last build on the prepared PGlite folder; resolves once it is ready. */
export async function startServer(pgliteDir: string, port: number): Promise<ChildProcess> {
  const next = path.resolve("node_modules/next/dist/bin/next");
  const child = spawn(process.execPath, [next, "start", "-p", String(port)], {
    env: {
      ...process.env,
      PGLITE_DIR: pgliteDir,
      DATABASE_URL: "",
      NEXTAUTH_SECRET: SECRET,
      NEXTAUTH_URL: `http://localhost:${port}`,
      STAGELINE_DEMO_DATA: "0",
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (b) => (log += b));
  child.stderr!.on("data", (b) => (log += b));
  for (let i = 0; i < 240; i++) {
    if (log.includes("Ready.")) return child;
    if (child.exitCode !== null) throw new Error(`next start exited:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error(`next start did not get ready:\n${log}`);
}

async function get(url: string, cookie: string) {
  const start = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return { ms: performance.now() - start, body };
}

/**
 * The scripts a page's HTML names: what the browser fetches before the page is interactive. Not the
 * `noModule` polyfills, which a browser that runs module scripts (every one the app supports) skips.
 */
export const scriptsOf = (html: string) =>
  new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js[^"]*)"[^>]*>/g)].filter((m) => !/\bnoModule\b/i.test(m[0])).map((m) => m[1]!));

/** Scripts fetched once: bytes as sent uncompressed, and gzipped as a server would. */
async function jsSize(base: string, sources: string[]) {
  let raw = 0;
  let gzip = 0;
  for (const src of sources) {
    const bytes = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { scripts: sources.length, rawKiB: Math.round(raw / 102.4) / 10, gzipKiB: Math.round(gzip / 102.4) / 10 };
}

/** The cookie of a signed-in session, as next-auth sets it (signed with the secret the server is started with). */
export async function sessionCookie(session: { userId: string; sessionId: string }) {
  const token = { sub: session.userId, sid: session.sessionId };
  return `next-auth.session-token=${await encode({ token, secret: SECRET })}`;
}

/** Serves the prepared database folder, and measures /board as the user of session `sessionId` sees it. */
export async function measureHttp(
  pgliteDir: string,
  session: { userId: string; sessionId: string },
  runs: number,
  port = Number(process.env.BENCH_PORT ?? 3390),
) {
  const server = await startServer(pgliteDir, port);
  try {
    const base = `http://localhost:${port}`;
    const cookie = await sessionCookie(session);
    const first = await get(`${base}/board`, cookie);
    const board = scriptsOf(first.body);
    const home = scriptsOf((await get(`${base}/`, cookie)).body);
    for (let i = 0; i < 3; i++) await get(`${base}/board`, cookie); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) samples.push((await get(`${base}/board`, cookie)).ms);
    return {
      firstRequestMs: Math.round(first.ms),
      page: timing(samples),
      htmlKiB: Math.round(first.body.length / 102.4) / 10,
      js: await jsSize(base, [...board]),
      /** What /board loads beyond the home page: its own share of the first load. */
      boardOnlyJs: await jsSize(
        base,
        [...board].filter((s) => !home.has(s)),
      ),
    };
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
}
