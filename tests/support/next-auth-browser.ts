// A browser talking to next-auth: its own request handler (what app/api/auth/[...nextauth]/route.ts
// hands every request to) called in process with the app's options, and a cookie jar. Signing in,
// reading the session and signing out run next-auth's real code, CSRF check included.
// next-auth's package exports do not list its core, which its route handler wraps: reach it by path.
import { AuthHandler, type ResponseInternal } from "../../node_modules/next-auth/core/index.js";
import type { AuthAction } from "../../node_modules/next-auth/core/types.js";
import { authOptions } from "@/src/auth/next-auth-options";
import { sessionCookieName } from "@/src/auth/session";

type Cookie = NonNullable<ResponseInternal["cookies"]>[number];

export class NextAuthBrowser {
  readonly jar = new Map<string, string>();
  /** Every cookie next-auth set, last one of each name, with its options. */
  readonly set = new Map<string, Cookie>();

  async request(method: "GET" | "POST", path: string, body?: Record<string, string>): Promise<ResponseInternal> {
    const [action, providerId] = path.split("/") as [AuthAction, string | undefined];
    const res = await AuthHandler({
      req: { method, action, providerId, body, query: {}, cookies: Object.fromEntries(this.jar), headers: { host: "localhost:3000" } },
      options: authOptions(),
    });
    for (const cookie of res.cookies ?? []) {
      this.set.set(cookie.name, cookie);
      if (cookie.value === "" || cookie.options.maxAge === 0) this.jar.delete(cookie.name);
      else this.jar.set(cookie.name, cookie.value);
    }
    return res;
  }

  private async csrfToken(): Promise<string> {
    return (await this.request("GET", "csrf")).body.csrfToken;
  }

  /** The credentials sign-in the sign-in page makes once hydrated (next-auth's client signIn). */
  async signIn(email: string, password: string): Promise<ResponseInternal> {
    return this.request("POST", "callback/credentials", { email, password, csrfToken: await this.csrfToken(), json: "true" });
  }

  /** GET /api/auth/session, which also renews the cookie. */
  async session(): Promise<Record<string, unknown>> {
    return (await this.request("GET", "session")).body;
  }

  /** What the Sign out button asks next-auth to do. */
  async signOut(): Promise<ResponseInternal> {
    return this.request("POST", "signout", { csrfToken: await this.csrfToken(), callbackUrl: "/signin" });
  }

  /** The session cookie's value, if the browser holds one. */
  get sessionCookie(): string | undefined {
    return this.jar.get(sessionCookieName());
  }
}
