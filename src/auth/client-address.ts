// Who is at the other end of a request, for rate limits and the security log. The app is served by
// scripts/serve.mjs, which writes each connection's address into a private header (PEER_HEADER),
// after a secret it made at start and keeps in this process's memory only (PEER_SECRET): a client
// that sends the header itself has it removed by the server, and cannot know the secret if the app
// is ever served some other way (plain `next start`), where the header is then ignored.
import crypto from "node:crypto";
import net from "node:net";

/** Set by scripts/serve.mjs on every request, as "<secret> <address>"; the two files must agree. */
export const PEER_HEADER = "x-stageline-peer";
/** Where scripts/serve.mjs keeps its secret: on globalThis, which the app shares with its server. */
export const PEER_SECRET = Symbol.for("stageline.peerSecret");

type Headed = { headers: Pick<Headers, "get"> };

/** True when the process was started by scripts/serve.mjs, so connection addresses are known. */
export const isServedWithPeerAddress = () => typeof (globalThis as Record<symbol, unknown>)[PEER_SECRET] === "string";

/** An IP address in one spelling (IPv4-mapped IPv6 as IPv4, no zone, lower case), or null if it is none. */
export function normalizeAddress(raw: string): string | null {
  let address = raw.trim().replace(/^\[(.*)\]$/, "$1");
  const zone = address.indexOf("%");
  if (zone >= 0) address = address.slice(0, zone);
  if (net.isIPv4(address)) return address;
  if (!net.isIPv6(address)) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address.toLowerCase();
}

/** The connection's address the server vouched for, or null when it did not (or was not there). */
export function peerAddress(req: Headed): string | null {
  const secret = (globalThis as Record<symbol, unknown>)[PEER_SECRET];
  const value = req.headers.get(PEER_HEADER);
  if (typeof secret !== "string" || !value) return null;
  const space = value.indexOf(" ");
  const given = Buffer.from(space > 0 ? value.slice(0, space) : "");
  const expected = Buffer.from(secret);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  return normalizeAddress(value.slice(space + 1));
}

/**
 * The key a client's attempts are counted under: its IPv4 address, or the /64 network of its IPv6
 * address, since one IPv6 subscriber is usually given a whole /64 and could rotate within it.
 */
export function clientKey(address: string): string {
  if (!address.includes(":")) return address;
  const groups = (part: string) => (part ? part.split(":") : []).flatMap((g) => (g.includes(".") ? ["0", "0"] : [g]));
  const [head = "", tail] = address.split("::");
  const start = groups(head);
  const end = tail === undefined ? [] : groups(tail);
  const all = [...start, ...Array(Math.max(0, 8 - start.length - end.length)).fill("0"), ...end];
  return `${all
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}
