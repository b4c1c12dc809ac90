// Work the app does when its server stops (SIGTERM, SIGINT): scripts/serve.mjs runs every hook
// registered here side by side with the requests in flight finishing, and exits when all are done or
// its deadline passes (docs/deployment.md, "Stopping an instance"). The registry lives on a global
// symbol because serve.mjs is plain JavaScript outside the app's bundle.
const HOOKS = Symbol.for("stageline.shutdownHooks");
type Hook = () => Promise<void>;

const registry = globalThis as unknown as { [HOOKS]?: Set<Hook> };

/** Runs `hook` when the server stops; returns a function that unregisters it. */
export function onShutdown(hook: Hook): () => void {
  registry[HOOKS] ??= new Set();
  registry[HOOKS].add(hook);
  return () => registry[HOOKS]?.delete(hook);
}
