// Runs once when the server starts, before it serves: prepares the database in this process.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./src/server/boot/start-server");
  await startServer();
}
