import { describe, expect, it } from "vitest";
import { blockedAddressReason, ipBytes, isAddressAllowed, isHostAllowed, literalAddress, parseWebhookAllowList, refusedLiteralTarget } from "./webhook-address";

const host = (url: string) => literalAddress(new URL(url));

describe("ipBytes", () => {
  it("expands compressed, mapped and zoned IPv6", () => {
    expect(ipBytes("::1")).toEqual([...Array(15).fill(0), 1]);
    expect(ipBytes("[::ffff:127.0.0.1]")).toEqual([...Array(10).fill(0), 255, 255, 127, 0, 0, 1]);
    expect(ipBytes("fe80::1%eth0")).toEqual([0xfe, 0x80, ...Array(13).fill(0), 1]);
    expect(ipBytes("2001:db8:0:0:1:0:0:1")).toEqual([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
    expect(ipBytes("example.com")).toBeNull();
  });
});

describe("literal hosts in URLs", () => {
  // Every spelling the WHATWG URL parser (and so the server's connection) reads as an address.
  it.each([
    ["http://127.0.0.1/", "127.0.0.1"],
    ["http://127.1/", "127.0.0.1"],
    ["http://0x7f000001/", "127.0.0.1"],
    ["http://0x7f.0.0.1/", "127.0.0.1"],
    ["http://2130706433/", "127.0.0.1"],
    ["http://0177.0.0.1/", "127.0.0.1"],
    ["http://017700000001/", "127.0.0.1"],
    ["http://0/", "0.0.0.0"],
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254"],
    ["http://0xa9fea9fe/", "169.254.169.254"],
    ["http://[::1]:8080/", "::1"],
    ["http://[0:0:0:0:0:0:0:1]/", "::1"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"],
    ["http://[::ffff:a9fe:a9fe]/", "::ffff:a9fe:a9fe"],
    ["http://[fe80::1]/", "fe80::1"],
    ["http://example.com/", null],
    ["http://127.0.0.1.nip.io/", null],
  ])("%s → %s", (url, expected) => {
    expect(host(url)).toBe(expected);
  });
});

describe("blockedAddressReason", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "private (CGNAT)"],
    ["100.127.255.255", "private (CGNAT)"],
    ["169.254.169.254", "link-local"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:a9fe:a9fe", "link-local"],
    ["::ffff:10.0.0.1", "private"],
    ["::127.0.0.1", "loopback"],
    ["64:ff9b::a9fe:a9fe", "link-local"],
    ["2002:7f00:1::", "loopback"],
    ["2002:c0a8:101::1", "private"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf:ffff::1", "link-local"],
    ["ff02::1", "multicast"],
  ])("%s is %s", (ip, reason) => {
    expect(blockedAddressReason(ip)).toBe(reason);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "172.15.255.255",
    "172.32.0.0",
    "100.63.255.255",
    "100.128.0.0",
    "169.253.255.255",
    "11.0.0.1",
    "126.255.255.255",
    "128.0.0.1",
    "223.255.255.255",
    "2606:4700:4700::1111",
    "2a00:1450::1",
    "::ffff:8.8.8.8",
    "2002:808:808::1",
    "fbff::1",
    "fe7f::1",
  ])("%s is public", (ip) => {
    expect(blockedAddressReason(ip)).toBeNull();
  });

  it("refuses what is not an address", () => {
    expect(blockedAddressReason("localhost")).toBe("not an IP address");
    expect(blockedAddressReason("127.1")).toBe("not an IP address");
  });
});

describe("the site admin's allow list", () => {
  const list = parseWebhookAllowList(" hooks.internal , 127.0.0.1, 10.0.0.0/8,fd00::/8,, LOCALHOST.");
  it("matches host names exactly, in any case", () => {
    expect(isHostAllowed(list, "HOOKS.internal")).toBe(true);
    expect(isHostAllowed(list, "localhost")).toBe(true);
    expect(isHostAllowed(list, "evil.hooks.internal")).toBe(false);
  });
  it("matches addresses and CIDR ranges", () => {
    expect(isAddressAllowed(list, "127.0.0.1")).toBe(true);
    expect(isAddressAllowed(list, "127.0.0.2")).toBe(false);
    expect(isAddressAllowed(list, "10.200.3.4")).toBe(true);
    expect(isAddressAllowed(list, "fd12::1")).toBe(true);
    expect(isAddressAllowed(list, "fe80::1")).toBe(false);
  });
  it("an empty list allows nothing", () => {
    const empty = parseWebhookAllowList(undefined);
    expect(isAddressAllowed(empty, "127.0.0.1")).toBe(false);
    expect(refusedLiteralTarget(new URL("http://0x7f000001:9/hook"), empty)).toBe("127.0.0.1 is not a public address (loopback)");
  });
});

describe("refusedLiteralTarget", () => {
  const none = parseWebhookAllowList("");
  it.each([
    "http://127.1/",
    "http://0x7f000001/",
    "http://2130706433/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://169.254.169.254/",
    "http://[fd00::1]/",
    "http://0.0.0.0:80/",
    "https://10.0.0.1/",
  ])("refuses %s", (url) => {
    expect(refusedLiteralTarget(new URL(url), none)).toMatch(/not a public address/);
  });
  it("leaves names to the lookup, and lets public and allowed addresses through", () => {
    expect(refusedLiteralTarget(new URL("http://localhost/"), none)).toBeNull();
    expect(refusedLiteralTarget(new URL("https://93.184.215.14/x"), none)).toBeNull();
    expect(refusedLiteralTarget(new URL("http://127.0.0.1:9/"), parseWebhookAllowList("127.0.0.0/8"))).toBeNull();
    expect(refusedLiteralTarget(new URL("http://[::1]:9/"), parseWebhookAllowList("::1"))).toBeNull();
  });
});
