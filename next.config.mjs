/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The PGlite WASM build and its extension bundles are loaded from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite"],
  // Files are uploaded from the board through a server action; uploads are limited to 20 MB
  // (MAX_UPLOAD_BYTES) by the use case, so the action's body may be a little larger than that.
  experimental: { serverActions: { bodySizeLimit: "21mb" } },
};

export default nextConfig;
