import { isIP } from "node:net";

// Which addresses a project's webhook may be sent to. A project admin chooses the URL, the server makes the
// request: without these checks the server could be made to post to itself, to the cloud's metadata service
// (169.254.169.254) or to anything on its private network (SSRF). Pure: the caller resolves names and reads env.

type Range = { bytes: number[]; bits: number; reason: string };

function range(cidr: string, reason: string): Range {
  const [ip, bits] = cidr.split("/");
  return { bytes: ipBytes(ip!)!, bits: Number(bits), reason };
}

/** IPv4 ranges that are not the public internet (RFC 6890 and friends). */
const V4: Range[] = [
  range("0.0.0.0/8", "unspecified"),
  range("10.0.0.0/8", "private"),
  range("100.64.0.0/10", "private (CGNAT)"),
  range("127.0.0.0/8", "loopback"),
  range("169.254.0.0/16", "link-local"),
  range("172.16.0.0/12", "private"),
  range("192.0.0.0/24", "reserved"),
  range("192.0.2.0/24", "reserved"),
  range("192.88.99.0/24", "reserved"),
  range("192.168.0.0/16", "private"),
  range("198.18.0.0/15", "reserved"),
  range("198.51.100.0/24", "reserved"),
  range("203.0.113.0/24", "reserved"),
  range("224.0.0.0/4", "multicast"),
  range("255.255.255.255/32", "broadcast"),
  range("240.0.0.0/4", "reserved"),
];

const V6: Range[] = [
  range("::/128", "unspecified"),
  range("::1/128", "loopback"),
  range("100::/64", "reserved"),
  range("2001::/32", "reserved (Teredo)"),
  range("2001:db8::/32", "reserved"),
  range("64:ff9b:1::/48", "private (NAT64)"),
  range("fc00::/7", "private"),
  range("fe80::/10", "link-local"),
  range("fec0::/10", "link-local"),
  range("ff00::/8", "multicast"),
];

/** IPv6 prefixes that carry an IPv4 address, which is then what decides: [prefix, bits, offset of the IPv4 bytes]. */
const V4_INSIDE_V6: [Range, number][] = [
  [range("::ffff:0:0/96", "mapped"), 12],
  [range("::/96", "compatible"), 12],
  [range("64:ff9b::/96", "NAT64"), 12],
  [range("2002::/16", "6to4"), 2],
];

/** An IP address in canonical-enough form (what DNS returns, or a URL's hostname) as 4 or 16 bytes. */
export function ipBytes(ip: string): number[] | null {
  const address = ip.startsWith("[") && ip.endsWith("]") ? ip.slice(1, -1) : ip;
  const version = isIP(address);
  if (version === 4) return address.split(".").map(Number);
  if (version !== 6) return null;
  let text = address.replace(/%.*$/, "").toLowerCase();
  let tail: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    tail = v4[1]!.split(".").map(Number);
    text = text.slice(0, -v4[1]!.length) + "0:0";
  }
  const [head, rest] = text.includes("::") ? text.split("::") : [text, null];
  const groups = (s: string | undefined) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const left = groups(head);
  const right = rest === null ? [] : groups(rest);
  const words = rest === null ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  const bytes = words.flatMap((w) => [w >> 8, w & 0xff]);
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

function inRange(bytes: number[], r: Range): boolean {
  if (bytes.length !== r.bytes.length) return false;
  for (let bit = 0; bit < r.bits; bit += 8) {
    const mask = r.bits - bit >= 8 ? 0xff : (0xff << (8 - (r.bits - bit))) & 0xff;
    if ((bytes[bit / 8]! & mask) !== (r.bytes[bit / 8]! & mask)) return false;
  }
  return true;
}

/**
 * Why an address must not be a webhook target ("loopback", "private", "link-local", ...), or null for a public
 * one. IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4) are judged by that IPv4 address.
 */
export function blockedAddressReason(ip: string): string | null {
  const bytes = ipBytes(ip);
  if (!bytes) return "not an IP address";
  if (bytes.length === 4) return V4.find((r) => inRange(bytes, r))?.reason ?? null;
  for (const [prefix, offset] of V4_INSIDE_V6) {
    if (!inRange(bytes, prefix)) continue;
    // ::/96 also holds :: and ::1, which are IPv6's own unspecified and loopback addresses.
    const own = V6.find((r) => r.bits === 128 && inRange(bytes, r));
    if (own) return own.reason;
    return blockedAddressReason(bytes.slice(offset, offset + 4).join("."));
  }
  return V6.find((r) => inRange(bytes, r))?.reason ?? null;
}

/** The site admin's exceptions: host names (exact, any case) and addresses or CIDR ranges. */
export interface WebhookAllowList {
  hosts: Set<string>;
  ranges: Range[];
}

/** Parses `PREFSCOPE_WEBHOOK_ALLOW_HOSTS`: comma-separated host names, IP addresses and CIDR ranges. */
export function parseWebhookAllowList(value: string | undefined): WebhookAllowList {
  const list: WebhookAllowList = { hosts: new Set(), ranges: [] };
  for (const raw of (value ?? "").split(",")) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    const [ip, bits] = entry.split("/");
    const bytes = ipBytes(ip!);
    if (bytes) list.ranges.push({ bytes, bits: bits === undefined ? bytes.length * 8 : Math.min(Number(bits), bytes.length * 8), reason: "allowed" });
    else list.hosts.add(entry.replace(/\.$/, ""));
  }
  return list;
}

export function isHostAllowed(list: WebhookAllowList, hostname: string): boolean {
  return list.hosts.has(
    hostname
      .toLowerCase()
      .replace(/^\[|\]$/g, "")
      .replace(/\.$/, ""),
  );
}

export function isAddressAllowed(list: WebhookAllowList, ip: string): boolean {
  const bytes = ipBytes(ip);
  return !!bytes && list.ranges.some((r) => inRange(bytes, r));
}

/**
 * A URL's host as the server would connect to it: the WHATWG parser has already turned 127.1, 0x7f000001,
 * 2130706433 and 0177.0.0.1 into 127.0.0.1, and IPv6 into its compressed form. Null for a name (DNS decides).
 */
export function literalAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return isIP(host) ? host : null;
}

/** Why this URL is refused before any lookup (an IP literal in a blocked range, not allowed), or null. */
export function refusedLiteralTarget(url: URL, list: WebhookAllowList): string | null {
  const address = literalAddress(url);
  if (address === null || isHostAllowed(list, url.hostname) || isAddressAllowed(list, address)) return null;
  const reason = blockedAddressReason(address);
  return reason && `${url.hostname} is not a public address (${reason})`;
}
