import { BlockList, isIP } from 'node:net';

/** Where a webhook may point: HTTPS to a public host, or, on one machine, HTTP to the loopback too. */
export type WebhookUrlPolicy = 'public-https' | 'loopback-too';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Addresses a webhook may not reach: IANA's special-purpose ranges (RFC 6890 and its
 * registries), the instance metadata service (169.254.169.254) among them. Node's BlockList
 * also matches an IPv4 rule against the IPv4-mapped IPv6 form (::ffff:127.0.0.1), and an IPv6
 * rule for that form against every IPv4 address, so it has none; the IPv6
 * forms that embed an IPv4 address another way (IPv4-compatible ::/96, NAT64 64:ff9b::/96,
 * 6to4 2002::/16, Teredo in 2001::/23) are refused whole.
 */
const SPECIAL_PURPOSE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  SPECIAL_PURPOSE.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  SPECIAL_PURPOSE.addSubnet(network, prefix, 'ipv6');

/** Names that lead into the machine or its cloud network, however written (`localhost.`, `x.localhost`, `*.internal`). */
const INTERNAL_NAME = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i;

/** An IP literal in a special-purpose range, or an internal name. */
function privateAddress(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  const family = isIP(bare);
  if (family === 4) return SPECIAL_PURPOSE.check(bare, 'ipv4');
  if (family === 6) return SPECIAL_PURPOSE.check(bare, 'ipv6');
  return INTERNAL_NAME.test(bare);
}

/**
 * Why a subscriber's URL is refused, or null when it may be called. The data center posts
 * to it from inside its network, so an address in a private range (or the metadata service)
 * is refused, as are credentials in the URL and internal names. A public name that resolves
 * to a private address is not caught here (the Lambda runs outside any VPC, where those
 * addresses lead nowhere).
 */
export function webhookUrlProblem(text: string, policy: WebhookUrlPolicy): string | null {
  if (text.length > 2048) return 'the URL is longer than 2,048 characters';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not a URL';
  }
  if (url.username || url.password) return 'the URL may not carry credentials';
  const loopback = LOOPBACK.has(url.hostname);
  if (policy === 'loopback-too' && loopback && (url.protocol === 'http:' || url.protocol === 'https:')) return null;
  if (url.protocol !== 'https:') return 'the URL must be https';
  if (loopback || privateAddress(url.hostname)) return 'the URL points into a private network';
  return null;
}
