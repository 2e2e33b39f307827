/**
 * IP address text → bytes → "may a server on the public internet be this?". Pure: used to keep webhook
 * deliveries (and anything else that calls a user-given URL) away from the server's own loopback,
 * private networks and cloud metadata services (SSRF).
 *
 * Only canonical forms are parsed: dotted-quad IPv4 with decimal parts, and RFC 4291 IPv6 text (with
 * `::` and an IPv4 tail). Hostnames reach this module through `new URL()`, whose WHATWG host parser
 * has already turned `2130706433`, `0x7f.1` or `0177.0.0.1` into `127.0.0.1`.
 */

export type IpAddress = { family: 4; bytes: readonly number[] } | { family: 6; bytes: readonly number[] };

/** Why an address is not public. */
export type AddressRange =
  | "public"
  | "unspecified"
  | "loopback"
  | "private"
  | "shared"
  | "link_local"
  | "multicast"
  | "broadcast"
  | "documentation"
  | "benchmarking"
  | "reserved"
  | "unique_local"
  | "site_local"
  | "ipv4_translated";

export const ADDRESS_RANGE_LABELS: Record<AddressRange, string> = {
  public: "a public address",
  unspecified: "the unspecified address",
  loopback: "a loopback address (this machine)",
  private: "a private network address (RFC 1918)",
  shared: "a carrier-grade NAT address (100.64.0.0/10)",
  link_local: "a link-local address (169.254.0.0/16 or fe80::/10, where cloud metadata services live)",
  multicast: "a multicast address",
  broadcast: "the broadcast address",
  documentation: "an address reserved for documentation",
  benchmarking: "an address reserved for benchmarking",
  reserved: "a reserved or special-purpose address",
  unique_local: "a unique local IPv6 address (fc00::/7)",
  site_local: "a site-local IPv6 address (fec0::/10)",
  ipv4_translated: "an IPv6 form of a non-public IPv4 address",
};

const DECIMAL_OCTET = /^(0|[1-9][0-9]{0,2})$/;

/** `a.b.c.d`, each part 0–255 in decimal without leading zeros; otherwise null. */
export function parseIpv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!DECIMAL_OCTET.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    bytes.push(n);
  }
  return bytes;
}

const HEXTET = /^[0-9a-fA-F]{1,4}$/;

/** RFC 4291 text (`::1`, `2001:db8::8a2e:370:7334`, `::ffff:10.0.0.1`), brackets and a zone allowed; otherwise null. */
export function parseIpv6(input: string): number[] | null {
  let text = input;
  if (text.startsWith("[") && text.endsWith("]")) text = text.slice(1, -1);
  const zone = text.indexOf("%");
  if (zone >= 0) text = text.slice(0, zone);
  if (text.length === 0 || text.length > 45) return null;

  const lastColon = text.lastIndexOf(":");
  if (lastColon < 0) return null;
  if (text.slice(lastColon + 1).includes(".")) {
    // An IPv4 tail stands for the last two groups.
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (!v4) return null;
    const [a = 0, b = 0, c = 0, d = 0] = v4;
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }

  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = (half: string | undefined) => (half ? half.split(":") : []);
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  for (const group of [...head, ...rest]) if (!HEXTET.test(group)) return null;
  const present = head.length + rest.length;
  if (halves.length === 2 ? present > 7 : present !== 8) return null;
  const zeros = halves.length === 2 ? 8 - present : 0;
  const hextets = [...head, ...Array<string>(zeros).fill("0"), ...rest].map((g) => Number.parseInt(g, 16));
  const bytes: number[] = [];
  for (const h of hextets) bytes.push(h >> 8, h & 0xff);
  return bytes;
}

/** An IPv4 or IPv6 literal (IPv6 optionally in brackets, as in URL hostnames), or null for a name. */
export function parseIpAddress(text: string): IpAddress | null {
  const v4 = parseIpv4(text);
  if (v4) return { family: 4, bytes: v4 };
  const v6 = parseIpv6(text);
  if (v6) return { family: 6, bytes: v6 };
  return null;
}

type Cidr = { prefix: readonly number[]; bits: number; range: AddressRange };

const V4: Cidr[] = [
  { prefix: [0], bits: 8, range: "unspecified" }, // "this network"; 0.0.0.0 reaches the local host
  { prefix: [10], bits: 8, range: "private" },
  { prefix: [100, 64], bits: 10, range: "shared" },
  { prefix: [127], bits: 8, range: "loopback" },
  { prefix: [169, 254], bits: 16, range: "link_local" },
  { prefix: [172, 16], bits: 12, range: "private" },
  { prefix: [192, 0, 0], bits: 24, range: "reserved" }, // IETF protocol assignments (incl. DS-Lite, NAT64 discovery)
  { prefix: [192, 0, 2], bits: 24, range: "documentation" },
  { prefix: [192, 31, 196], bits: 24, range: "reserved" }, // AS112
  { prefix: [192, 52, 193], bits: 24, range: "reserved" }, // AMT
  { prefix: [192, 88, 99], bits: 24, range: "reserved" }, // 6to4 relay anycast
  { prefix: [192, 168], bits: 16, range: "private" },
  { prefix: [192, 175, 48], bits: 24, range: "reserved" }, // direct delegation AS112
  { prefix: [198, 18], bits: 15, range: "benchmarking" },
  { prefix: [198, 51, 100], bits: 24, range: "documentation" },
  { prefix: [203, 0, 113], bits: 24, range: "documentation" },
  { prefix: [224], bits: 4, range: "multicast" },
  { prefix: [255, 255, 255, 255], bits: 32, range: "broadcast" },
  { prefix: [240], bits: 4, range: "reserved" },
];

const V6: Cidr[] = [
  { prefix: [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], bits: 48, range: "reserved" }, // local-use NAT64
  { prefix: [0x01, 0x00, 0, 0, 0, 0, 0, 0], bits: 64, range: "reserved" }, // discard-only
  { prefix: [0x20, 0x01, 0x0d, 0xb8], bits: 32, range: "documentation" },
  { prefix: [0x20, 0x01, 0x00, 0x02, 0, 0], bits: 48, range: "benchmarking" },
  { prefix: [0x20, 0x01, 0x00, 0x00], bits: 32, range: "reserved" }, // Teredo: tunnels to anywhere
  { prefix: [0x20, 0x01, 0x00], bits: 23, range: "reserved" }, // IETF protocol assignments (ORCHID etc.)
  { prefix: [0x3f, 0xff], bits: 20, range: "documentation" },
  { prefix: [0x5f], bits: 8, range: "reserved" }, // SRv6 SIDs
  { prefix: [0xfc], bits: 7, range: "unique_local" },
  { prefix: [0xfe, 0x80], bits: 10, range: "link_local" },
  { prefix: [0xfe, 0xc0], bits: 10, range: "site_local" },
  { prefix: [0xff], bits: 8, range: "multicast" },
];

function inCidr(bytes: readonly number[], cidr: Cidr): boolean {
  let bits = cidr.bits;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((bytes[i] ?? 0) & mask) !== ((cidr.prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

function classifyIpv4(bytes: readonly number[]): AddressRange {
  return V4.find((cidr) => inCidr(bytes, cidr))?.range ?? "public";
}

/**
 * The IPv4 address an IPv6 one carries and reaches, or null; `routable`: whether the IPv6 form itself
 * is used on the internet (IPv4-mapped on dual-stack sockets, NAT64 behind DNS64, 6to4).
 */
function embeddedIpv4(bytes: readonly number[]): { v4: number[]; routable: boolean } | null {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  const last4 = bytes.slice(12, 16);
  // ::ffff:a.b.c.d (IPv4-mapped)
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return { v4: last4, routable: true };
  // ::ffff:0:a.b.c.d (IPv4-translated, RFC 2765)
  if (zeros(0, 8) && bytes[8] === 0xff && bytes[9] === 0xff && zeros(10, 12)) {
    return { v4: last4, routable: false };
  }
  // ::a.b.c.d (IPv4-compatible, deprecated)
  if (zeros(0, 12)) return { v4: last4, routable: false };
  // 64:ff9b::/96 (NAT64, well-known prefix)
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) {
    return { v4: last4, routable: true };
  }
  // 2002::/16 (6to4): the IPv4 address in bytes 2–5
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return { v4: bytes.slice(2, 6), routable: true };
  return null;
}

const isLoopbackV6 = (bytes: readonly number[]) =>
  bytes.slice(0, 15).every((b) => b === 0) && bytes[15] === 1;

/** Which range `address` falls in: "public" only for ordinary unicast on the internet. */
export function classifyIpAddress(address: IpAddress): AddressRange {
  if (address.family === 4) return classifyIpv4(address.bytes);
  const bytes = address.bytes;
  if (bytes.every((b) => b === 0)) return "unspecified";
  if (isLoopbackV6(bytes)) return "loopback";
  const embedded = embeddedIpv4(bytes);
  if (embedded) {
    if (classifyIpv4(embedded.v4) !== "public") return "ipv4_translated";
    return embedded.routable ? "public" : "reserved";
  }
  const special = V6.find((cidr) => inCidr(bytes, cidr));
  if (special) return special.range;
  // Global unicast is 2000::/3; everything else is unassigned or special.
  return ((bytes[0] ?? 0) & 0xe0) === 0x20 ? "public" : "reserved";
}

/** True for an address a server on the internet may have; false for any text that is not an address. */
export function isPublicIpAddress(text: string): boolean {
  const address = parseIpAddress(text);
  return address !== null && classifyIpAddress(address) === "public";
}

/** Names that never leave the machine or the local network (RFC 6761, 6762, 8375, ICANN `.internal`). */
const LOCAL_SUFFIXES = [".localhost", ".local", ".internal", ".home.arpa", ".lan", ".intranet"];

/**
 * Why a URL's hostname (as `URL.hostname` gives it) cannot be a public server, or null when it may be
 * one: an IP literal outside public ranges, `localhost` and local-only suffixes, or a single label
 * (resolved through the machine's search domains, i.e. the LAN). A public-looking name can still
 * resolve to a private address: check the resolved addresses too.
 */
export function nonPublicHostReason(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  const address = parseIpAddress(host);
  if (address) {
    const range = classifyIpAddress(address);
    return range === "public" ? null : `${hostname} is ${ADDRESS_RANGE_LABELS[range]}`;
  }
  if (host === "localhost" || LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) {
    return `${hostname} is a name for this machine or the local network`;
  }
  if (!host.includes(".")) return `${hostname} is a single-label name, resolved on the local network`;
  return null;
}
