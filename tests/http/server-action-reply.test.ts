// The proxy's reading of a server action's arguments (src/http/server-action-reply.ts), checked
// against React itself: what React's client sends must pass, and a body that passes must decode
// with React's server decoder as Next.js runs it (tests/support/react-reply-oracle.cjs), since a
// body that does not ends in a 500.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createRequire } from "node:module";
import readline from "node:readline";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { argumentsProblem, postedFormProblem } from "@/src/http/server-action-reply";

const require = createRequire(import.meta.url);
const client = require("next/dist/compiled/react-server-dom-turbopack/client.node");

type Verdict = { ok: boolean; error?: string };
let oracle: ChildProcessWithoutNullStreams;
const waiting = new Map<number, (v: Verdict) => void>();
let nextId = 0;

beforeAll(() => {
  oracle = spawn(process.execPath, ["--conditions=react-server", "tests/support/react-reply-oracle.cjs"]);
  readline.createInterface({ input: oracle.stdout }).on("line", (line) => {
    const { id, ...verdict } = JSON.parse(line);
    waiting.get(id)?.(verdict);
    waiting.delete(id);
  });
});
afterAll(() => oracle.kill());

function decode(request: Record<string, string>): Promise<Verdict> {
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    oracle.stdin.write(`${JSON.stringify({ id, ...request })}\n`);
  });
}

/** A body as the proxy sees it (its parts) and as Next.js reads it (text, or multipart bytes). */
type Body = { parts: FormData; react: Record<string, string> };

function textBody(text: string): Body {
  const parts = new FormData();
  parts.append("0", text);
  return { parts, react: { kind: "text", text } };
}

async function multipartBody(parts: FormData, kind: "multipart" | "form" = "multipart"): Promise<Body> {
  const encoded = new Response(parts);
  const body = Buffer.from(await encoded.arrayBuffer()).toString("base64");
  return { parts, react: { kind, type: encoded.headers.get("content-type")!, body } };
}

/** What React's client sends for a call with these arguments. */
async function encoded(args: unknown[]): Promise<Body> {
  const reply = await client.encodeReply(args, { temporaryReferences: client.createTemporaryReferenceSet() });
  return typeof reply === "string" ? textBody(reply) : multipartBody(reply);
}

const form = (entries: [string, string | Blob][]) => {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
};

describe("what React's client sends for the app's calls passes, and React decodes it", () => {
  const shared = { x: 1 };
  class Opaque {}
  const upload = form([
    ["id", "cmx6hun730000mv7d85vl2iij"],
    ["kind", "quote"],
    ["file", new File(["%PDF-1.4"], "quote.pdf", { type: "application/pdf" })],
  ]);
  const calls: [string, unknown[]][] = [
    ["a move", [{ id: "cmx6hun730000mv7d85vl2iij", version: 3, toStage: "qualify" }]],
    ["no arguments", []],
    ["values JSON has no word for", [{ a: undefined, d: new Date(0), n: Number.NaN, inf: -Number.POSITIVE_INFINITY, z: -0, big: 10n }]],
    ["text starting with $", [{ s: "$1", t: "$$", u: "$undefined" }]],
    ["nested lists", [{ steps: [[1, [2, [3, [4]]]], []] }]],
    ["one object twice", [{ a: shared, b: shared, c: [shared] }]],
    ["a value only the client holds", [{ handler: new Opaque() }]],
    ["an upload (a form with a file)", [upload]],
    ["a form after useActionState's state", [{ status: "idle" }, form([["name", "CI token"]])]],
    ["a file alone", [new Blob(["bytes"])]],
  ];
  for (const [name, args] of calls)
    test(name, async () => {
      const body = await encoded(args);
      expect(argumentsProblem(body.parts)).toBeNull();
      expect(await decode(body.react)).toEqual({ ok: true });
    });

  // Some values React's client encodes and its server then fails on (a value without a plain
  // prototype under a key holding a colon): refused too, which is right, as Next.js would answer 500.
  test("any arguments made of JSON values, dates, undefined and shared objects: passed exactly when React decodes them", async () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.date({ noInvalidDate: true }), fc.bigInt(), fc.string({ unit: "binary" })),
      tree: fc.oneof(
        { depthSize: "small" },
        tie("leaf"),
        fc.array(tie("tree"), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie("tree"), { maxKeys: 4 }),
      ),
    })).tree;
    await fc.assert(
      fc.asyncProperty(fc.array(value, { maxLength: 3 }), async (args) => {
        const body = await encoded(args);
        const problem = argumentsProblem(body.parts);
        expect(await decode(body.react), String(problem)).toEqual(problem === null ? { ok: true } : expect.objectContaining({ ok: false }));
      }),
      { numRuns: 150 },
    );
  });
});

describe("a body React cannot decode (a 500 from Next.js) is refused", () => {
  const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
  const texts: [string, string, RegExp][] = [
    ["not JSON", "{not json", /not JSON/],
    ["empty", "", /not JSON/],
    ["a number, not a list", "5", /not a list/],
    ["a reference to a missing part", '["$1"]', /missing/],
    ["a malformed reference", '["$zz"]', /marker/],
    ["a lone $", '["$"]', /marker/],
    ["a path to nothing", '[{"a":1},"$0:0:b"]', /missing value/],
    ["a path to a value React drops", '[{"a":"$undefined"},"$0:0:a"]', /missing value/],
    ["a path through text", '["text","$0:0:length"]', /missing value/],
    ["a malformed big integer", '["$nxyz"]', /big integer/],
    ["a server function", '["$h1"]', /marker/],
    ["a typed array", '["$o1"]', /marker/],
    ["a file that is not there", '["$B1"]', /missing file/],
    ["an unnamed temporary reference", '[{"a:b":"$T"}]', /temporary/],
    ["nesting past React's stack", deep, /nested too deeply/],
    ["more arguments than Next.js passes", JSON.stringify(Array(1001).fill(0)), /too many/],
  ];
  for (const [name, text, problem] of texts)
    test(name, async () => {
      const body = textBody(text);
      expect(argumentsProblem(body.parts)).toMatch(problem);
      expect((await decode(body.react)).ok).toBe(false);
    });

  // Never sent by React's client for the app's calls, and refused although React decodes them: a
  // promise that never settles, a stream with no data.
  test("markers the app's calls never send", () => {
    expect(argumentsProblem(textBody('["$@2"]').parts)).toMatch(/part 2/);
    expect(argumentsProblem(textBody('["$R1"]').parts)).toMatch(/marker/);
  });

  const multiparts: [string, FormData, RegExp][] = [
    ["no part 0", form([["a", "b"]]), /part 0 is missing/],
    ["part 0 is a file", form([["0", new Blob(["[]"])]]), /part 0 is missing, repeated or not text/],
    [
      "a reference to a file that is text",
      form([
        ["0", '["$B1"]'],
        ["1", "text"],
      ]),
      /missing file/,
    ],
    [
      "a reference to a part that is a file",
      form([
        ["0", '["$1"]'],
        ["1", new Blob(["[]"])],
      ]),
      /part 1/,
    ],
  ];
  for (const [name, parts, problem] of multiparts)
    test(`multipart: ${name}`, async () => {
      const body = await multipartBody(parts);
      expect(argumentsProblem(body.parts)).toMatch(problem);
      expect((await decode(body.react)).ok).toBe(false);
    });

  test("whatever is cut or changed in a valid reply passes only if React decodes it", async () => {
    const valid = (await encoded([{ id: "c1", version: 2, stages: ["a", "b"], when: new Date(0), none: undefined, n: 12n, nested: { x: [1, 2] } }]))
      .react.text!;
    const markers = [
      "$1",
      "$0",
      "$0:0",
      "$0:0:id",
      "$0:0:stages:1",
      "$@0",
      "$@1",
      "$Q0",
      "$W0",
      "$i0",
      "$K1",
      "$B0",
      "$T",
      "$n",
      "$n1",
      "$D",
      "$u",
      "$-",
      "$h0",
      "$",
    ];
    const edit = fc.oneof(
      fc.record({ kind: fc.constant("cut"), at: fc.nat() }),
      fc.record({ kind: fc.constant("char"), at: fc.nat(), char: fc.constantFrom(...'[]{}",:$0123456789abcdefnu ') }),
      fc.record({ kind: fc.constant("marker"), at: fc.nat(), marker: fc.constantFrom(...markers) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
        let text = valid;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          if (e.kind === "cut") text = text.slice(0, at);
          else if (e.kind === "char") text = text.slice(0, at) + e.char + text.slice(at + 1);
          else {
            // The marker replaces one of the strings, a key or a value.
            const strings = [...text.matchAll(/"(?:[^"\\]|\\.)*"/g)];
            const s = strings[at % Math.max(strings.length, 1)];
            if (s) text = text.slice(0, s.index) + JSON.stringify(e.marker) + text.slice(s.index + s[0].length);
          }
        }
        const body = textBody(text);
        if (argumentsProblem(body.parts) === null) expect(await decode(body.react), text).toEqual({ ok: true });
      }),
      { numRuns: 300 },
    );
  });
});

describe("forms posted before hydration", () => {
  const id = "60753cacb70424492d6b8d7284adaf8660e9780bcf";
  // The hidden fields React renders for a form of useActionState (app/settings).
  const actionState = (meta: string, args = '[{"status":"idle"}]') =>
    form([
      ["$ACTION_REF_2", ""],
      ["$ACTION_2:0", meta],
      ["$ACTION_2:1", args],
      ["$ACTION_KEY", "k89668ed535b0942739c161f89b592bab"],
      ["name", "CI token"],
    ]);

  test("a form naming its action, and one with bound arguments, pass and decode", async () => {
    for (const posted of [
      form([
        [`$ACTION_ID_${id}`, ""],
        ["email", "rep@stageline.test"],
      ]),
      actionState(`{"id":"${id}","bound":"$@1"}`),
    ]) {
      const body = await multipartBody(posted, "form");
      expect(postedFormProblem(body.parts)).toBeNull();
      expect(await decode(body.react)).toEqual({ ok: true });
    }
  });

  const broken: [string, FormData, RegExp][] = [
    ["bound arguments that are missing", actionState(`{"id":"${id}","bound":"$@9"}`), /part 9/],
    ["bound arguments that are not JSON", actionState(`{"id":"${id}","bound":"$@1"}`, "[{"), /part 1 is not JSON/],
    ["bound arguments that are not a list", actionState(`{"id":"${id}","bound":"$@1"}`, "null"), /not a list/],
    ["an action reference that is not JSON", actionState(`{"id":"${id}", garbage`), /part 0 is not JSON/],
  ];
  for (const [name, posted, problem] of broken)
    test(name, async () => {
      const body = await multipartBody(posted, "form");
      expect(postedFormProblem(body.parts)).toMatch(problem);
      expect((await decode(body.react)).ok).toBe(false);
    });

  test("an action reference whose id is not text", async () => {
    // Next.js checks the id's first characters only; React then finds no action.
    const body = await multipartBody(actionState(`{"id":"${id}","id":5,"bound":null}`), "form");
    expect(postedFormProblem(body.parts)).toMatch(/action reference/);
    expect((await decode(body.react)).ok).toBe(false);
  });
});
