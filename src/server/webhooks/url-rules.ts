// Where webhooks may go (docs/webhooks.md#urls): `https://` only, except loopback hosts when
// WEBHOOKS_ALLOW_HTTP=1; and never to an address inside the network (private, loopback, link-local,
// and the like) unless the admin setting allows private addresses. Checked when an endpoint is
// registered or changed, and again at every delivery, on the addresses the connection actually uses.
import dns from "node:dns";
import net from "node:net";

export type UrlPolicy = {
  /** WEBHOOKS_ALLOW_HTTP=1: plain http:// and loopback addresses, for tests and development. */
  allowHttp: boolean;
  /** The admin setting `webhooks.allowPrivateAddresses`: private, loopback and link-local addresses. */
  allowPrivate: boolean;
};

export type LookupAll = (host: string) => Promise<{ address: string; family: number }[]>;

const systemLookup: LookupAll = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/** Addresses inside a network or not meant to be reached: none of them is a public receiver. */
const INTERNAL = new net.BlockList();
for (const [prefix, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata services
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  INTERNAL.addSubnet(prefix, bits, "ipv4");
for (const [prefix, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
  ["64:ff9b::", 96], // NAT64 of any IPv4 address, internal ones included
] as const)
  INTERNAL.addSubnet(prefix, bits, "ipv6");

/** An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is. */
function unmapped(address: string): { address: string; family: "ipv4" | "ipv6" } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, family: "ipv4" };
  return { address, family: net.isIPv4(address) ? "ipv4" : "ipv6" };
}

export const isLoopbackAddress = (address: string) => {
  const a = unmapped(address);
  return LOOPBACK.check(a.address, a.family);
};

export const isInternalAddress = (address: string) => {
  const a = unmapped(address);
  return INTERNAL.check(a.address, a.family);
};

/** Why a resolved address may not be connected to, or null when it may. */
export function refusedAddress(address: string, policy: UrlPolicy): string | null {
  if (policy.allowPrivate || !isInternalAddress(address)) return null;
  if (policy.allowHttp && isLoopbackAddress(address)) return null;
  return `${address} is a private, loopback or link-local address, which webhooks may not reach (docs/webhooks.md#urls).`;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/** Why the URL's scheme and host are refused before any lookup, or null. */
export function refusedScheme(url: URL, policy: UrlPolicy): string | null {
  if (url.protocol === "https:") return null;
  if (url.protocol !== "http:") return "Only https:// URLs are accepted.";
  if (!policy.allowHttp) return "Only https:// URLs are accepted.";
  const host = hostOf(url);
  const loopbackName = host === "localhost" || host.endsWith(".localhost");
  if (loopbackName || (net.isIP(host) && isLoopbackAddress(host))) return null;
  return "http:// is accepted only for loopback hosts (with WEBHOOKS_ALLOW_HTTP=1); use https://.";
}

/** Why this URL may not be a webhook's, or null when it may: its scheme, then every address its host resolves to. */
export async function checkWebhookUrl(raw: string, policy: UrlPolicy, lookup: LookupAll = systemLookup): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Not a URL.";
  }
  if (url.username || url.password) return "A webhook URL may not carry a user name or password.";
  const scheme = refusedScheme(url, policy);
  if (scheme) return scheme;
  const host = hostOf(url);
  let addresses: { address: string }[];
  try {
    addresses = net.isIP(host) ? [{ address: host }] : await lookup(host);
  } catch {
    return `The host ${host} does not resolve.`;
  }
  if (addresses.length === 0) return `The host ${host} does not resolve.`;
  for (const { address } of addresses) {
    const refused = refusedAddress(address, policy);
    if (refused) return refused;
  }
  return null;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for node:http(s) requests that refuses internal addresses as the connection is made:
 * the address checked is the address connected to, so a name that resolves differently between a
 * check and the connection (DNS rebinding) cannot slip through.
 */
export function guardedLookup(policy: UrlPolicy) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as dns.LookupAddress[];
      for (const { address } of list) {
        const refused = refusedAddress(address, policy);
        if (refused) return callback(Object.assign(new Error(refused), { code: "EWEBHOOKADDRESS" }), "", 0);
      }
      if (options.all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`The host ${hostname} does not resolve.`), { code: "ENOTFOUND" }), "", 0);
      callback(null, first.address, first.family);
    });
  };
}
