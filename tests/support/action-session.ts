// Server actions find their caller through next/headers' cookies(), which only answers inside a
// Next.js request. A test file replaces that one framework function with these cookies, holding a
// real session signed like the app's, so that everything after it (decoding the session, loading the
// actor, authorizing) runs as in production:
//
//   vi.mock("next/headers", async () => (await import("../support/action-session")).nextHeaders);
//   vi.mock("next/cache", () => ({ revalidatePath: () => undefined })); // no page cache to refresh
import { encode } from "next-auth/jwt";
import { SESSION_COOKIES } from "@/src/auth/session";

process.env.NEXTAUTH_SECRET ??= "test-session-secret";

let session: string | undefined;

/** The next server actions run for this user, as if their browser sent its session cookie. */
export async function signInAs(user: { id: string }): Promise<void> {
  session = await encode({ token: { sub: user.id }, secret: process.env.NEXTAUTH_SECRET! });
}

export function signOut(): void {
  session = undefined;
}

const [, plainCookie] = SESSION_COOKIES;

let requestHeaders = new Headers();

/** The other headers of the next server actions' request (its client address, its request id). */
export function setRequestHeaders(headers: HeadersInit): void {
  requestHeaders = new Headers(headers);
}

export const nextHeaders = {
  cookies: async () => ({
    get: (name: string) => (name === plainCookie && session ? { name, value: session } : undefined),
  }),
  headers: async () => requestHeaders,
};

/** redirect() ends a successful action by throwing; that throw is its success. */
export const isRedirect = (e: unknown): boolean => String((e as { digest?: unknown } | null)?.digest ?? "").startsWith("NEXT_REDIRECT");
