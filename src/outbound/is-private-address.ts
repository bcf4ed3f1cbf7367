import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook must not reach unless ALLOW_INSECURE_WEBHOOKS=yes: loopback,
 * private, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, unspecified,
 * multicast and reserved ranges. A signal server that can be pointed at them could be
 * made to probe the host's own network (SSRF).
 */
// Two lists: BlockList checks an IPv4 address against IPv6 rules too (as ::ffff:a.b.c.d),
// so the ::ffff:0:0/96 rule below would otherwise match every IPv4 address.
const blocked4 = new BlockList();
const blocked6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked4.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  // IPv4 in IPv6 clothing (::ffff:127.0.0.1, which URL writes as ::ffff:7f00:1): no
  // webhook receiver needs it, and judging the IPv4 inside is easy to get wrong.
  ['::ffff:0:0', 96],
] as const) {
  blocked6.addSubnet(network, prefix, 'ipv6');
}

/** True for an address in a range above; false for anything else, hostnames included. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const family = isIP(bare);
  if (family === 4) return blocked4.check(bare, 'ipv4');
  return family === 6 && blocked6.check(bare, 'ipv6');
}
