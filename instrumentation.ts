// Runs once when the server starts, before it serves: prepares the database in this process.
type NoteRenderError = typeof import("./src/server/ops/unreachable").noteRenderError;
let noteRenderError: NoteRenderError | undefined;

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Loaded here, so that onRequestError runs at once: it must mark the request before Next writes
  // the error page's head (src/server/ops/unreachable.ts).
  ({ noteRenderError } = await import("./src/server/ops/unreachable"));
  const { startServer } = await import("./src/server/boot/start-server");
  await startServer();
}

/** Next reports here every error of a render, a route or an action, before it answers. */
export function onRequestError(error: unknown, request: { headers: Record<string, string | string[] | undefined> }) {
  noteRenderError?.(error, request.headers["x-request-id"]);
}
