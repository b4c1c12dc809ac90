// Server actions find their caller through next/headers' cookies(), which only answers inside a
// Next.js request. A test file replaces that one framework function with these cookies, holding a
// real session started and signed like the app's, so that everything after it (decoding the cookie,
// finding the live session, loading the actor, authorizing) runs as in production:
//
//   vi.mock("next/headers", async () => (await import("../support/action-session")).nextHeaders);
//   vi.mock("next/cache", async () => (await import("../support/action-session")).nextCache);
//
// nextCache records what the actions asked of the page cache (no page cache to refresh here).
import { vi } from "vitest";
import { sessionCookieName } from "@/src/auth/session";
import { sessionCookie } from "@/src/auth/session-cookie";
import { database } from "@/src/server/db";

process.env.NEXTAUTH_SECRET ??= "test-session-secret";

let session: string | undefined;

/** The next server actions run for this user, as if their browser sent a new session's cookie. */
export async function signInAs(user: { id: string; email?: string; name?: string }): Promise<string> {
  session = (await sessionCookie(database().sql, { email: "", name: "", ...user })).value;
  return session;
}

/** The next server actions run with this cookie value (an old one, say), or with none. */
export function sendSessionCookie(value: string | undefined): void {
  session = value;
}

export function signOut(): void {
  session = undefined;
}

/** What the action set or deleted, by cookie name (a deletion is an empty value). */
export const cookiesSet = new Map<string, string>();

let requestHeaders = new Headers();

/** The other headers of the next server actions' request (its client address, its request id). */
export function setRequestHeaders(headers: HeadersInit): void {
  requestHeaders = new Headers(headers);
}

export const nextHeaders = {
  cookies: async () => ({
    get: (name: string) => (name === sessionCookieName() && session ? { name, value: session } : undefined),
    set: (name: string, value: string) => void cookiesSet.set(name, value),
    delete: (name: string) => void cookiesSet.set(name, ""),
  }),
  headers: async () => requestHeaders,
};

/** next/cache's functions, recorded: the paths an action revalidated, and whether it re-rendered the calling page. */
export const nextCache = { refresh: vi.fn(), revalidatePath: vi.fn() };

/** redirect() ends a successful action by throwing; that throw is its success. */
export const isRedirect = (e: unknown): boolean => String((e as { digest?: unknown } | null)?.digest ?? "").startsWith("NEXT_REDIRECT");
