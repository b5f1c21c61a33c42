import { clientAddressFromChain, parseTrustedProxies, type TTrustedProxies } from "./trusted-proxies";

const trust = (value: string): TTrustedProxies => {
  const parsed = parseTrustedProxies(value);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.trust;
};

describe("parseTrustedProxies", () => {
  test("empty means nobody, hops:N counts proxies, a list holds addresses and CIDRs of both families", () => {
    expect(trust("")).toEqual({ kind: "none" });
    expect(trust("hops:2")).toEqual({ kind: "hops", hops: 2 });
    const list = trust("10.0.0.0/8, 192.168.1.5, fd00::/8, ::1");
    expect(list.kind).toBe("list");
  });

  test.each(["hops:", "hops:x", "hops:-1", "10.0.0.0/33", "fd00::/129", "not-an-ip", "10.0.0.1/8/3", "10.0.0/8", "1.2.3.4/abc"])(
    "%s is refused",
    (value) => expect(parseTrustedProxies(value).ok).toBe(false),
  );
});

describe("clientAddressFromChain (the chain ends with the socket's peer)", () => {
  test("trusting nobody: the socket's peer, whatever the client wrote before it", () => {
    expect(clientAddressFromChain("6.6.6.6, 203.0.113.9", trust(""))).toBe("203.0.113.9");
    expect(clientAddressFromChain("203.0.113.9", trust(""))).toBe("203.0.113.9");
    expect(clientAddressFromChain("::ffff:203.0.113.9", trust(""))).toBe("203.0.113.9");
    expect(clientAddressFromChain(null, trust(""))).toBeUndefined();
  });

  test("a trusted proxy list: walk from the right past trusted hops", () => {
    const t = trust("10.0.0.0/8,fd00::/8");
    expect(clientAddressFromChain("198.51.100.4, 10.1.2.3", t)).toBe("198.51.100.4");
    expect(clientAddressFromChain("spoofed, 198.51.100.4, 10.9.9.9, 10.1.2.3", t)).toBe("198.51.100.4");
    expect(clientAddressFromChain("198.51.100.4, fd00::1", t)).toBe("198.51.100.4");
    // An untrusted peer cannot speak for anyone: its own address is the client.
    expect(clientAddressFromChain("1.1.1.1, 198.51.100.4", t)).toBe("198.51.100.4");
    // Every hop trusted: the left-most entry is all there is.
    expect(clientAddressFromChain("10.0.0.7, 10.0.0.1", t)).toBe("10.0.0.7");
  });

  test("hops:N: the entry N places left of the peer, never past the chain's start", () => {
    expect(clientAddressFromChain("spoofed, 198.51.100.4, 127.0.0.1", trust("hops:1"))).toBe("198.51.100.4");
    expect(clientAddressFromChain("a, b, 198.51.100.4, 10.0.0.2, 127.0.0.1", trust("hops:2"))).toBe("198.51.100.4");
    expect(clientAddressFromChain("127.0.0.1", trust("hops:3"))).toBe("127.0.0.1");
    expect(clientAddressFromChain("198.51.100.4", trust("hops:0"))).toBe("198.51.100.4");
  });
});
