// React's own decoder of server-action requests, run as Next.js runs it, for the tests of the proxy's
// checks (tests/http/server-action-reply.test.ts): whether a body decodes, or would end in a 500.
// It needs the "react-server" condition, so it runs in a process of its own:
//   node --conditions=react-server tests/support/react-reply-oracle.cjs
// One JSON request per line on stdin, one JSON answer per line on stdout.
const readline = require("node:readline");
const busboy = require("next/dist/compiled/busboy");
const react = require("next/dist/compiled/react-server-dom-turbopack/server.node");

const LIMIT = 21 * 1024 * 1024;
const noModules = {}; // the app's calls pass no server function as an argument
// A form posted before hydration names its action: here every id names an action, as a known one
// does in Next.js's manifest, whose module exports a function under any name.
const everyAction = new Proxy({}, { get: (_, id) => ({ id: "actions", chunks: [], name: String(id) }) });
const action = () => {};
globalThis.__next_require__ = () =>
  new Proxy({}, { get: () => action, getOwnPropertyDescriptor: () => ({ value: action, configurable: true, enumerable: true }) });

function decodeMultipart(type, body) {
  const bb = busboy({ headers: { "content-type": type }, defParamCharset: "utf8", limits: { fieldSize: LIMIT } });
  const args = react.decodeReplyFromBusboy(bb, noModules, { temporaryReferences: react.createTemporaryReferenceSet() });
  const parsed = new Promise((resolve, reject) => bb.on("error", reject).on("close", resolve));
  bb.end(body);
  return Promise.all([parsed, args]).then(([, a]) => a);
}

async function decode({ kind, text, type, body }) {
  if (kind === "text") return react.decodeReply(text, noModules, { temporaryReferences: react.createTemporaryReferenceSet() });
  const bytes = Buffer.from(body, "base64");
  if (kind === "multipart") return decodeMultipart(type, bytes);
  // A form posted before hydration, decoded as Next.js does: its action, then its state.
  const form = await new Request("http://local/", { method: "POST", headers: { "content-type": type }, body: bytes }).formData();
  if (typeof (await react.decodeAction(form, everyAction)) !== "function") throw new Error("no action");
  await react.decodeFormState("result", form, everyAction);
  return [];
}

const within = (promise, ms) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

readline.createInterface({ input: process.stdin }).on("line", async (line) => {
  const request = JSON.parse(line);
  let answer;
  try {
    const args = await within(
      Promise.resolve().then(() => decode(request)),
      2000,
    );
    // Next.js then calls the action with the list (at most 1000 arguments) or fails.
    answer = Array.isArray(args) && args.length <= 1000 ? { ok: true } : { ok: false, error: "not a list of arguments" };
  } catch (e) {
    answer = { ok: false, error: String(e?.message ?? e).slice(0, 200) };
  }
  process.stdout.write(`${JSON.stringify({ id: request.id, ...answer })}\n`);
});
