// A client of the cluster over real HTTP, through nginx: JSON calls with a bearer token, and a
// browser's sign-in through next-auth's own endpoints with a cookie jar.

export type Reply = { status: number; body: any; requestId: string | null; retryAfter: string | null };

/**
 * fetch, sending a request once more when its kept-alive connection was closed before any answer, as
 * browsers do: nginx closes its idle client connections when it reloads (docs/deployment.md), and a
 * request sent at that moment was never read. (Had it been, a write would be made twice, which the
 * cluster tests count.)
 */
async function send(input: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(input, init);
  } catch (e) {
    const code = ((e as Error).cause as { code?: string } | undefined)?.code;
    if (code !== "UND_ERR_SOCKET" && code !== "ECONNRESET") throw e;
    return fetch(input, init);
  }
}

export async function callJson(url: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const res = await send(`${url}${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the assertion's message
  }
  return { status: res.status, body, requestId: res.headers.get("x-request-id"), retryAfter: res.headers.get("retry-after") };
}

/** A browser's session: its cookies, sent with every request, and the pages it loads. */
export type BrowserSession = {
  user?: { email?: string };
  /** Loads a page as a browser would (no redirect followed): its status, Retry-After and time. */
  load(path: string): Promise<{ status: number; retryAfter: string | null; errorInPlace: boolean }>;
};

/** Signs in with email and password as the sign-in page does; answers the session next-auth reports. */
export async function signInWithBrowser(url: string, email: string, password: string): Promise<BrowserSession> {
  const jar = new Map<string, string>();
  const send = async (path: string, init: RequestInit = {}) => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await fetch(`${url}${path}`, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie, origin: url },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  };
  const { csrfToken } = (await (await send("/api/auth/csrf")).json()) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, email, password, json: "true" });
  const signedIn = await send("/api/auth/callback/credentials", {
    method: "POST",
    body: form.toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  if (signedIn.status >= 400) throw new Error(`sign-in answered ${signedIn.status}: ${await signedIn.text()}`);
  const { user } = (await (await send("/api/auth/session")).json()) as { user?: { email?: string } };
  return {
    user,
    async load(path) {
      const res = await send(path, { headers: { accept: "text/html" } });
      const body = await res.text();
      // A page that had begun to stream when a read failed keeps its 200 and shows its error
      // boundary in place: Next marks such a boundary with the error's digest. A part left to the
      // browser on purpose (a chart loaded without server rendering) carries an empty digest, or
      // the bail-out's own name, and is no error.
      return {
        status: res.status,
        retryAfter: res.headers.get("retry-after"),
        errorInPlace: /data-dgst="(?!BAILOUT_TO_CLIENT_SIDE_RENDERING")[^"]/.test(body),
      };
    },
  };
}
