// Prisma CLI configuration. Everything here keeps the CLI offline: no engine download, no
// telemetry, and a driver adapter instead of the native engines (see docs/decisions/001).
import path from "node:path";
import { defineConfig } from "prisma/config";

process.env.DATABASE_URL ??= "postgresql://unused@localhost/unused"; // the schema's url must resolve
// Any existing file stands in for the native engines, so that nothing is downloaded.
const anyFile = path.resolve("prisma/schema.prisma");
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= anyFile;
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= anyFile;
process.env.CHECKPOINT_DISABLE ??= "1";

const serverUrl = /^postgres(ql)?:\/\/(?!unused@)/.test(process.env.DATABASE_URL) ? process.env.DATABASE_URL : undefined;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    if (serverUrl) return serverAdapter(serverUrl);
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const dir = process.env.PGLITE_DIR ?? "./data/pglite";
    (await import("node:fs")).mkdirSync(dir, { recursive: true });
    return new PrismaPGlite(
      new PGlite(dir, {
        startParams: [...PGlite.defaultStartParams, "-c", "log_startup_progress_interval=0"],
      }),
    );
  },
});

// The CLI's catalog queries return `name` and `"char"` columns, which the pg adapter cannot
// deserialize; report them as text. Only the CLI needs this: the app uses the plain adapter.
async function serverAdapter(url: string) {
  const pg = (await import("pg")).default;
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const asText = (result: any) => {
    for (const r of [result].flat()) for (const f of r?.fields ?? []) if (f.dataTypeID === 19 || f.dataTypeID === 18) f.dataTypeID = 25;
    return result;
  };
  class NameAsText extends pg.Client {
    query(...args: any[]): any {
      const i = args.findIndex((a) => typeof a === "function");
      if (i >= 0) {
        const cb = args[i];
        args[i] = (e: unknown, r: unknown) => cb(e, e ? r : asText(r));
        return (super.query as any)(...args);
      }
      const p = (super.query as any)(...args);
      return p?.then ? p.then(asText) : p;
    }
  }
  const u = new URL(url);
  return new PrismaPg(
    new pg.Pool({
      host: u.hostname,
      port: Number(u.port || 5432),
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password) || undefined,
      database: u.pathname.slice(1),
      Client: NameAsText,
      allowExitOnIdle: true,
    }),
    { disposeExternalPool: true },
  );
}
