/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The PGlite WASM build and its extension bundles are loaded from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite"],
  experimental: {
    // Files are uploaded from the board through a server action; uploads are limited to 20 MB
    // (MAX_UPLOAD_BYTES) by the use case, so the action's body may be a little larger than that.
    // proxy.ts refuses a longer body with the same limit (ACTION_BODY_LIMIT, checked by a test).
    serverActions: { bodySizeLimit: "21mb" },
    // proxy.ts sees a copy of a page request's body, cut at this size, and the page gets the same
    // cut copy. Above the actions' limit, so that the proxy refuses a longer body (413) instead.
    proxyClientMaxBodySize: "22mb",
    // forbidden() and app/forbidden.tsx: a page that exists but not for the user's role answers 403
    // with a designed page (the dashboard for a rep), not a 404.
    authInterrupts: true,
  },
  // Every API answer, error and file download included (docs/security.md, "Headers and framing"):
  // never stored by a browser or a shared cache, never sniffed into another type, never a document.
  async headers() {
    const api = [
      { key: "Cache-Control", value: "no-store" },
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    ];
    return [
      { source: "/api/:path*", headers: api },
      { source: "/api/v1/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
      // next-auth's own pages under /api/auth (sign-out confirmation, errors) carry inline styles, so
      // not `default-src 'none'`; but no site may frame them, as no page but /embed may be framed.
      { source: "/api/auth/:path*", headers: [{ key: "Content-Security-Policy", value: "frame-ancestors 'none'" }] },
    ];
  },
};

export default nextConfig;
