// A server action's arguments arrive in React's reply format: JSON chunks (the body's parts "0",
// "1", …) that point at one another and at the body's files with "$" markers. React's decoder
// throws on a reply it cannot read, and Next.js answers that with a 500; so the proxy reads the reply
// first (docs/security.md, "Headers and framing"): every chunk is JSON and not nested too deep,
// every reference names a part that exists, and only the markers the app's own calls produce appear.
// What React's client sends for the app's actions passes.

type Parts = Pick<FormData, "getAll">;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Next.js calls an action with at most this many arguments, and answers more with a 500. */
export const MAX_ARGUMENTS = 1000;
// React revives a chunk recursively: a deeper one overflows the stack.
const MAX_DEPTH = 400;
// React refuses a reply whose arrays add up to more than a million slots (characters of strings
// included), and references can count one value many times: the sum here stays below it.
const MAX_CHARS = 1_000_000;
// References through references: a reply from React's client has one hop at most.
const MAX_HOPS = 8;

class Unreadable extends Error {}
const fail = (message: string): never => {
  throw new Unreadable(message);
};

const HEX = /^[0-9a-f]+$/i;
const isContainer = (v: unknown): v is Json[] | Record<string, Json> => typeof v === "object" && v !== null;
// Markers a revived object loses its property for: "$undefined" and holes.
const isDropped = (v: Json) => typeof v === "string" && (v.startsWith("$u") || v.startsWith("$H"));

/** Reads the chunks of one reply, `prefix` naming its parts. */
class Reply {
  private readonly chunks = new Map<number, Json>();
  private readonly pending: number[] = [];
  private chars = 0;

  constructor(
    private readonly parts: Parts,
    private readonly prefix: string,
  ) {}

  /** The chunk `id` as parsed JSON; it is walked later for its own references. */
  chunk(id: number): Json {
    const known = this.chunks.get(id);
    if (known !== undefined || this.chunks.has(id)) return known as Json;
    const entries = this.parts.getAll(`${this.prefix}${id}`);
    if (entries.length !== 1 || typeof entries[0] !== "string") fail(`part ${id} is missing, repeated or not text`);
    const text = entries[0] as string;
    this.count(text.length);
    let value: Json = null;
    try {
      value = JSON.parse(text);
    } catch {
      fail(`part ${id} is not JSON`);
    }
    this.chunks.set(id, value);
    this.pending.push(id);
    return value;
  }

  /** Walks every chunk reached from chunk 0, checking each marker. */
  walkAll(): void {
    this.chunk(0);
    for (let id = this.pending.pop(); id !== undefined; id = this.pending.pop()) this.walk(this.chunks.get(id)!, id);
  }

  private count(chars: number) {
    this.chars += chars;
    if (this.chars > MAX_CHARS) fail("too large");
  }

  // Iterative, so that a deep chunk is refused rather than overflowing this stack too.
  private walk(root: Json, id: number) {
    const stack: { value: Json; depth: number; keyed: boolean }[] = [{ value: root, depth: 0, keyed: true }];
    for (let item = stack.pop(); item; item = stack.pop()) {
      const { value, depth, keyed } = item;
      if (depth > MAX_DEPTH) fail(`part ${id} is nested too deeply`);
      if (typeof value === "string") {
        if (value.startsWith("$")) this.marker(value, keyed);
      } else if (Array.isArray(value)) {
        for (const v of value) stack.push({ value: v, depth: depth + 1, keyed });
      } else if (isContainer(value)) {
        // React names a value by its path only while no key on the way holds a colon.
        for (const [k, v] of Object.entries(value)) stack.push({ value: v, depth: depth + 1, keyed: keyed && !k.includes(":") });
      }
    }
  }

  // The markers of React's parseModelString that the app's calls can produce; any other is refused.
  private marker(s: string, keyed: boolean) {
    switch (s[1]) {
      case "$": // an escaped "$"
      case "u": // undefined
      case "H":
      case "I": // Infinity
      case "N": // NaN
      case "-": // -0, -Infinity
      case "D": // a date
      case "K": // a FormData, from the parts named after it
        return;
      case "T": // a value only the client holds: React needs its path
        if (!keyed) fail("a temporary reference has no path");
        return;
      case "n":
        if (!/^\$n-?\d{1,300}$/.test(s)) fail("a malformed big integer");
        return;
      case "@": // a promise of another chunk
        if (!HEX.test(s.slice(2))) fail("a malformed reference");
        this.chunk(Number.parseInt(s.slice(2), 16));
        return;
      case "B": {
        const blob = this.parts.getAll(`${this.prefix}${Number.parseInt(s.slice(2), 16)}`);
        if (!HEX.test(s.slice(2)) || !blob.some((b) => b instanceof Blob)) fail("a reference to a missing file");
        return;
      }
      default:
        if (s[1] === undefined || !HEX.test(s[1])) fail(`the marker ${JSON.stringify(s.slice(0, 2))}, which no action of the app sends`);
        this.resolve(s.slice(1), 0);
    }
  }

  /** The value a reference ("<chunk>:<key>:<key>…") names, as React would find it after reviving. */
  private resolve(reference: string, hops: number): Json {
    if (hops > MAX_HOPS) fail("references nest too deeply");
    const [head = "", ...path] = reference.split(":");
    if (!HEX.test(head)) fail("a malformed reference");
    let value = this.chunk(Number.parseInt(head, 16));
    for (const key of path) {
      if (typeof value === "string" && value[0] === "$" && HEX.test(value[1] ?? "")) value = this.resolve(value.slice(1), hops + 1);
      const found =
        isContainer(value) &&
        key !== "__proto__" &&
        Object.hasOwn(value, key) &&
        (Array.isArray(value) || !isDropped((value as Record<string, Json>)[key]!));
      if (!found) fail("a reference to a missing value");
      value = (value as Record<string, Json>)[key]!;
    }
    if (typeof value === "string") this.count(value.length);
    return value;
  }
}

function check(read: () => void): string | null {
  try {
    read();
    return null;
  } catch (e) {
    if (e instanceof Unreadable) return e.message;
    throw e;
  }
}

/** Why a called action's arguments (a text body as part "0", or a multipart body's parts) cannot be decoded, or null. */
export function argumentsProblem(parts: Parts): string | null {
  return check(() => {
    const reply = new Reply(parts, "");
    const args = reply.chunk(0);
    if (!Array.isArray(args)) fail("the arguments are not a list");
    if ((args as Json[]).length > MAX_ARGUMENTS) fail("too many arguments");
    reply.walkAll();
  });
}

/**
 * Why a form posted to an action before hydration cannot be decoded, or null. Such a form names its
 * action in a field `$ACTION_ID_<id>`, or, with bound arguments (useActionState), in a reply of its own
 * under `$ACTION_<n>:`, read like a called action's.
 */
export function postedFormProblem(form: FormData): string | null {
  return check(() => {
    for (const key of form.keys()) {
      if (!key.startsWith("$ACTION_REF_")) continue;
      const reply = new Reply(form, `$ACTION_${key.slice("$ACTION_REF_".length)}:`);
      const meta = reply.chunk(0);
      // React's client writes exactly { id, bound: null | "$@<chunk>" }, the chunk a list of arguments.
      if (!isContainer(meta) || Array.isArray(meta) || typeof meta.id !== "string") fail("the action reference is malformed");
      const { bound } = meta as Record<string, Json>;
      if (bound !== null && bound !== undefined) {
        if (typeof bound !== "string" || !/^\$@[0-9a-f]+$/i.test(bound)) fail("the bound arguments are malformed");
        const args = reply.chunk(Number.parseInt((bound as string).slice(2), 16));
        if (!Array.isArray(args) || args.length > MAX_ARGUMENTS) fail("the bound arguments are not a list");
      }
      reply.walkAll();
    }
  });
}
