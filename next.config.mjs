/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The PGlite WASM build and its extension bundles are loaded from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite"],
};

export default nextConfig;
