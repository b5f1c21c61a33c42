// Which peers may speak for the client through X-Forwarded-For (ANISONG_TRUSTED_PROXIES), and the
// client's address that follows from it. Pure: the request's X-Forwarded-For always ends with the
// socket's peer (see forward-peer-address.ts), so the chain can be walked from the right.
import net from "node:net";

export type TTrustedProxies =
  { kind: "none" } | { kind: "hops"; hops: number } | { kind: "list"; entries: string[]; blocks: net.BlockList };

export function parseTrustedProxies(value: string): { ok: true; trust: TTrustedProxies } | { ok: false; error: string } {
  const text = value.trim();
  if (text === "") return { ok: true, trust: { kind: "none" } };
  const hops = /^hops:(\d{1,2})$/i.exec(text);
  if (hops) return { ok: true, trust: { kind: "hops", hops: Number(hops[1]) } };
  if (/^hops:/i.test(text)) return { ok: false, error: "hops:N needs N between 0 and 99" };

  const blocks = new net.BlockList();
  const entries = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split("/");
    const family = net.isIP(address ?? "");
    if (!address || family === 0 || extra !== undefined) return { ok: false, error: `"${entry}" is not an IP address or CIDR` };
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) {
      blocks.addAddress(address, type);
      continue;
    }
    const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!(bits >= 0 && bits <= (family === 4 ? 32 : 128))) return { ok: false, error: `"${entry}" has an invalid prefix length` };
    blocks.addSubnet(address, bits, type);
  }
  return { ok: true, trust: { kind: "list", entries, blocks } };
}

/** "::ffff:10.0.0.1" → "10.0.0.1", so an IPv4 rule matches an IPv4 peer on a dual-stack socket. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped ? (mapped[1] as string) : address;
}

function isTrusted(address: string, trust: Extract<TTrustedProxies, { kind: "list" }>): boolean {
  const family = net.isIP(address);
  if (family === 0) return false;
  return trust.blocks.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address from an X-Forwarded-For chain whose last entry is the socket's peer: that peer
 * unless it is trusted; then each trusted hop from the right is skipped and the first other entry is
 * the client. With "hops:N", the entry N places left of the peer. Never more than the chain holds.
 */
export function clientAddressFromChain(forwardedFor: string | null, trust: TTrustedProxies): string | undefined {
  const chain = (forwardedFor ?? "")
    .split(",")
    .map((s) => normalizeAddress(s.trim()))
    .filter(Boolean);
  if (chain.length === 0) return undefined;
  if (trust.kind === "none") return chain[chain.length - 1];
  if (trust.kind === "hops") return chain[Math.max(0, chain.length - 1 - trust.hops)];
  for (let i = chain.length - 1; i > 0; i--) {
    if (!isTrusted(chain[i] as string, trust)) return chain[i];
  }
  return chain[0];
}
