// Where webhooks may go (docs/webhooks.md#urls): the address classes, the scheme rule, a host's every
// resolved address, and the lookup that judges the address a connection is actually made to.
import { describe, expect, test } from "vitest";
import { checkWebhookUrl, guardedLookup, isInternalAddress, refusedAddress, type UrlPolicy } from "@/src/server/webhooks/url-rules";

const STRICT: UrlPolicy = { allowHttp: false, allowPrivate: false };
const DEV: UrlPolicy = { allowHttp: true, allowPrivate: false };
const PRIVATE: UrlPolicy = { allowHttp: false, allowPrivate: true };

describe("addresses", () => {
  test.each([
    "10.0.0.1",
    "172.16.5.4",
    "172.31.255.255",
    "192.168.1.1",
    "127.0.0.1",
    "127.8.8.8",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fd12:3456::1",
    "fe80::1",
    "::ffff:10.0.0.1",
    "::ffff:127.0.0.1",
    "64:ff9b::a00:1",
  ])("%s is internal", (address) => {
    expect(isInternalAddress(address)).toBe(true);
    expect(refusedAddress(address, STRICT)).toBe(
      `${address} is a private, loopback or link-local address, which webhooks may not reach (docs/webhooks.md#urls).`,
    );
    expect(refusedAddress(address, PRIVATE)).toBeNull();
  });

  test.each(["93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8"])("%s is public", (address) => {
    expect(isInternalAddress(address)).toBe(false);
    expect(refusedAddress(address, STRICT)).toBeNull();
  });

  test("WEBHOOKS_ALLOW_HTTP lets loopback through, and nothing else internal", () => {
    expect(refusedAddress("127.0.0.1", DEV)).toBeNull();
    expect(refusedAddress("::1", DEV)).toBeNull();
    expect(refusedAddress("10.0.0.1", DEV)).not.toBeNull();
    expect(refusedAddress("169.254.169.254", DEV)).not.toBeNull();
  });
});

describe("checkWebhookUrl", () => {
  const resolvesTo =
    (...addresses: string[]) =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

  test("a host is refused when any of its addresses is internal", async () => {
    expect(await checkWebhookUrl("https://hooks.example.com/x", STRICT, resolvesTo("93.184.215.14"))).toBeNull();
    expect(await checkWebhookUrl("https://hooks.example.com/x", STRICT, resolvesTo("93.184.215.14", "10.0.0.7"))).toBe(
      "10.0.0.7 is a private, loopback or link-local address, which webhooks may not reach (docs/webhooks.md#urls).",
    );
    expect(await checkWebhookUrl("https://hooks.example.com/x", PRIVATE, resolvesTo("10.0.0.7"))).toBeNull();
  });

  test("a host that does not resolve, credentials and other schemes are refused", async () => {
    const fails = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    };
    expect(await checkWebhookUrl("https://nowhere.example/x", STRICT, fails)).toBe("The host nowhere.example does not resolve.");
    expect(await checkWebhookUrl("https://nowhere.example/x", STRICT, resolvesTo())).toBe("The host nowhere.example does not resolve.");
    expect(await checkWebhookUrl("https://user:pw@hooks.example.com/x", STRICT, resolvesTo("93.184.215.14"))).toBe(
      "A webhook URL may not carry a user name or password.",
    );
    expect(await checkWebhookUrl("http://hooks.example.com/x", STRICT, resolvesTo("93.184.215.14"))).toBe("Only https:// URLs are accepted.");
    expect(await checkWebhookUrl("ftp://hooks.example.com/x", DEV, resolvesTo("93.184.215.14"))).toBe("Only https:// URLs are accepted.");
  });

  test("http:// with WEBHOOKS_ALLOW_HTTP: loopback hosts only, named or not", async () => {
    expect(await checkWebhookUrl("http://localhost:3000/x", DEV, resolvesTo("127.0.0.1", "::1"))).toBeNull();
    expect(await checkWebhookUrl("http://127.0.0.1:3000/x", DEV)).toBeNull();
    expect(await checkWebhookUrl("http://[::1]:3000/x", DEV)).toBeNull();
    expect(await checkWebhookUrl("http://hooks.example.com/x", DEV, resolvesTo("127.0.0.1"))).toBe(
      "http:// is accepted only for loopback hosts (with WEBHOOKS_ALLOW_HTTP=1); use https://.",
    );
  });
});

describe("the lookup of a delivery", () => {
  const lookup = (policy: UrlPolicy, all: boolean) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
      guardedLookup(policy)("localhost", { all }, (error, address) => resolve({ error, address })),
    );

  test("refuses a name that resolves to an internal address, as the connection is made", async () => {
    for (const all of [true, false]) {
      const { error } = await lookup(STRICT, all);
      expect(error?.code).toBe("EWEBHOOKADDRESS");
      expect(error?.message).toMatch(/^(127\.0\.0\.1|::1) is a private, loopback or link-local address/);
    }
  });

  test("answers the addresses as node:net asks for them when they are allowed", async () => {
    const many = await lookup(DEV, true);
    expect(many.error).toBeNull();
    expect((many.address as { address: string }[]).map((a) => a.address)).toContain("127.0.0.1");
    const one = await lookup(DEV, false);
    expect(one.error).toBeNull();
    expect(["127.0.0.1", "::1"]).toContain(one.address);
  });
});
