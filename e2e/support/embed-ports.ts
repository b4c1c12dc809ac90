// The port of the page that embeds the app in e2e/embed.spec.ts: playwright.config.ts names its
// origin in the app server's EMBED_ORIGINS. Another port of localhost, so the same site as the app.
export const EMBED_PARENT_PORT = Number(process.env.E2E_EMBED_PARENT_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 1);
export const EMBED_PARENT_ORIGIN = `http://localhost:${EMBED_PARENT_PORT}`;
