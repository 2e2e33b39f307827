import { describe, expect, it } from "vitest";
import {
  classifyIpAddress,
  isPublicIpAddress,
  nonPublicHostReason,
  parseIpAddress,
  parseIpv4,
  parseIpv6,
} from "./network-address.js";

const range = (text: string) => {
  const address = parseIpAddress(text);
  if (!address) throw new Error(`${text} did not parse`);
  return classifyIpAddress(address);
};
/** What `new URL()` makes of a host before we see it. */
const hostOf = (url: string) => new URL(url).hostname;

describe("parseIpv4", () => {
  it("reads dotted quads and refuses everything else", () => {
    expect(parseIpv4("127.0.0.1")).toEqual([127, 0, 0, 1]);
    expect(parseIpv4("255.255.255.255")).toEqual([255, 255, 255, 255]);
    expect(parseIpv4("0.0.0.0")).toEqual([0, 0, 0, 0]);
    for (const bad of [
      "256.0.0.1",
      "1.2.3",
      "1.2.3.4.5",
      "01.2.3.4",
      "0x7f.0.0.1",
      "1.2.3.-4",
      "",
      "a.b.c.d",
    ]) {
      expect(parseIpv4(bad), bad).toBeNull();
    }
  });
});

describe("parseIpv6", () => {
  const hex = (bytes: number[] | null) => bytes && Buffer.from(bytes).toString("hex");
  it("expands ::, reads IPv4 tails, brackets and zones", () => {
    expect(hex(parseIpv6("::"))).toBe("0".repeat(32));
    expect(hex(parseIpv6("::1"))).toBe(`${"0".repeat(31)}1`);
    expect(hex(parseIpv6("[::1]"))).toBe(`${"0".repeat(31)}1`);
    expect(hex(parseIpv6("fe80::1%eth0"))).toBe(`fe80${"0".repeat(27)}1`);
    expect(hex(parseIpv6("2001:db8::8a2e:370:7334"))).toBe("20010db80000000000008a2e03707334");
    expect(hex(parseIpv6("1:2:3:4:5:6:7:8"))).toBe("00010002000300040005000600070008");
    expect(hex(parseIpv6("1:2:3:4:5:6:7::"))).toBe("00010002000300040005000600070000");
    expect(hex(parseIpv6("::ffff:127.0.0.1"))).toBe("00000000000000000000ffff7f000001");
    expect(hex(parseIpv6("::ffff:7f00:1"))).toBe("00000000000000000000ffff7f000001");
    expect(hex(parseIpv6("::10.0.0.1"))).toBe("0000000000000000000000000a000001");
    expect(hex(parseIpv6("1:2:3:4:5:6:1.2.3.4"))).toBe("00010002000300040005000601020304");
  });
  it("refuses malformed text", () => {
    for (const bad of [
      "",
      ":",
      ":1",
      "1:",
      "1::2::3",
      "1:2:3:4:5:6:7:8:9",
      "1:2:3:4:5:6:7",
      "::1:2:3:4:5:6:7:8",
      "12345::",
      "g::1",
      "::ffff:256.0.0.1",
      "::1.2.3.4:5",
      "1:2:3:4:5:6:7:1.2.3.4",
      "127.0.0.1",
      "example.com",
    ]) {
      expect(parseIpv6(bad), bad).toBeNull();
    }
  });
});

describe("classifyIpAddress", () => {
  it("IPv4: loopback, RFC 1918, CGNAT, link-local and metadata, and the special ranges are not public", () => {
    const cases: [string, string][] = [
      ["127.0.0.1", "loopback"],
      ["127.255.255.254", "loopback"],
      ["0.0.0.0", "unspecified"],
      ["0.1.2.3", "unspecified"],
      ["10.0.0.1", "private"],
      ["10.255.255.255", "private"],
      ["172.16.0.1", "private"],
      ["172.31.255.255", "private"],
      ["192.168.1.1", "private"],
      ["100.64.0.1", "shared"],
      ["100.127.255.255", "shared"],
      ["169.254.169.254", "link_local"],
      ["169.254.0.1", "link_local"],
      ["224.0.0.1", "multicast"],
      ["239.255.255.250", "multicast"],
      ["255.255.255.255", "broadcast"],
      ["240.0.0.1", "reserved"],
      ["192.0.0.8", "reserved"],
      ["192.0.2.1", "documentation"],
      ["198.51.100.7", "documentation"],
      ["203.0.113.9", "documentation"],
      ["198.18.0.1", "benchmarking"],
      ["198.19.255.255", "benchmarking"],
    ];
    for (const [text, expected] of cases) expect(range(text), text).toBe(expected);
  });

  it("IPv4: neighbours of the special ranges are public", () => {
    for (const text of [
      "8.8.8.8",
      "1.1.1.1",
      "9.255.255.255",
      "11.0.0.0",
      "100.63.255.255",
      "100.128.0.0",
      "126.255.255.255",
      "128.0.0.0",
      "169.253.255.255",
      "169.255.0.0",
      "172.15.255.255",
      "172.32.0.0",
      "192.167.255.255",
      "192.169.0.0",
      "198.17.255.255",
      "198.20.0.0",
      "223.255.255.255",
    ]) {
      expect(range(text), text).toBe("public");
    }
  });

  it("IPv6: loopback, unspecified, ULA, link-local, site-local, multicast, documentation are not public", () => {
    const cases: [string, string][] = [
      ["::1", "loopback"],
      ["::", "unspecified"],
      ["fc00::1", "unique_local"],
      ["fd12:3456:789a::1", "unique_local"],
      ["fe80::1", "link_local"],
      ["febf:ffff::1", "link_local"],
      ["fec0::1", "site_local"],
      ["ff02::1", "multicast"],
      ["ff0e::1", "multicast"],
      ["2001:db8::1", "documentation"],
      ["2001::1", "reserved"], // Teredo
      ["100::1", "reserved"], // discard-only
      ["64:ff9b:1::a00:1", "reserved"], // local-use NAT64
      ["4000::1", "reserved"], // outside 2000::/3
      ["::2", "ipv4_translated"], // ::0.0.0.2, IPv4-compatible
    ];
    for (const [text, expected] of cases) expect(range(text), text).toBe(expected);
  });

  it("IPv6 forms of non-public IPv4 addresses are not public; of public ones, only the routable forms are", () => {
    for (const text of [
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:10.0.0.1",
      "::ffff:169.254.169.254",
      "::ffff:100.64.0.1",
      "::ffff:0.0.0.0",
      "::ffff:0:127.0.0.1", // IPv4-translated
      "::127.0.0.1", // IPv4-compatible
      "64:ff9b::127.0.0.1", // NAT64
      "64:ff9b::a9fe:a9fe",
      "2002:7f00:1::", // 6to4 of 127.0.0.1
      "2002:c0a8:101::1", // 6to4 of 192.168.1.1
    ]) {
      expect(range(text), text).toBe("ipv4_translated");
    }
    expect(range("::ffff:8.8.8.8")).toBe("public");
    expect(range("64:ff9b::808:808")).toBe("public");
    expect(range("2002:808:808::1")).toBe("public");
    expect(range("::8.8.8.8")).toBe("reserved");
    expect(range("::ffff:0:8.8.8.8")).toBe("reserved");
  });

  it("IPv6 global unicast is public, but for its documentation prefixes", () => {
    for (const text of [
      "2606:4700:4700::1111",
      "2a00:1450:4001:80b::200e",
      "2001:4860:4860::8888",
      "3fff:1000::1",
    ]) {
      expect(range(text), text).toBe("public");
    }
    expect(range("3fff:fff::1")).toBe("documentation");
  });
});

describe("isPublicIpAddress", () => {
  it("is false for names and garbage", () => {
    expect(isPublicIpAddress("8.8.8.8")).toBe(true);
    expect(isPublicIpAddress("example.com")).toBe(false);
    expect(isPublicIpAddress("")).toBe(false);
    expect(isPublicIpAddress("10.0.0.1")).toBe(false);
  });
});

describe("nonPublicHostReason", () => {
  it("refuses URL hosts that WHATWG parsing turns into loopback or private addresses", () => {
    for (const url of [
      "http://127.0.0.1/",
      "http://2130706433/",
      "http://0x7f.1/",
      "http://0177.0.0.1/",
      "http://127.1/",
      "http://0/",
      "http://[::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://[::ffff:7f00:1]/",
      "http://[0:0:0:0:0:ffff:a9fe:a9fe]/",
      "http://169.254.169.254/latest/meta-data/",
      "http://[fe80::1]/",
      "http://[fd00::1]/",
      "http://10.1.2.3:8080/",
      "http://100.100.100.200/",
      "http://localhost:3000/",
      "http://LOCALHOST./",
      "http://api.localhost/",
      "http://printer.local/",
      "http://metadata.google.internal/",
      "http://router.home.arpa/",
      "http://intranet/",
    ]) {
      expect(nonPublicHostReason(hostOf(url)), url).not.toBeNull();
    }
  });

  it("accepts public addresses and ordinary names, and says why it refuses", () => {
    for (const url of [
      "https://example.com/hook",
      "https://8.8.8.8/",
      "https://[2606:4700:4700::1111]/",
      "http://hooks.example.co.uk:8443/",
    ]) {
      expect(nonPublicHostReason(hostOf(url)), url).toBeNull();
    }
    expect(nonPublicHostReason(hostOf("http://2130706433/"))).toBe(
      "127.0.0.1 is a loopback address (this machine)",
    );
    expect(nonPublicHostReason("169.254.169.254")).toContain("link-local");
    expect(nonPublicHostReason("localhost")).toBe(
      "localhost is a name for this machine or the local network",
    );
  });
});
