import { isIP } from 'node:net';

/** Where a webhook may point: HTTPS to a public host, or, on one machine, HTTP to the loopback too. */
export type WebhookUrlPolicy = 'public-https' | 'loopback-too';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** IP literals of private, loopback and link-local ranges (the instance metadata service among them). */
function privateAddress(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare) === 4) {
    const [a, b] = bare.split('.').map(Number) as [number, number];
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (isIP(bare) === 6)
    return (
      bare === '::1' || bare === '::' || /^f[cd]/i.test(bare) || /^fe[89ab]/i.test(bare) || bare.startsWith('::ffff:')
    );
  return false;
}

/**
 * Why a subscriber's URL is refused, or null when it may be called. The data center posts
 * to it from inside its network, so an address in a private range (or the metadata service)
 * is refused, as are credentials in the URL. A name that resolves to a private address is not
 * caught here (the Lambda runs outside any VPC, where those addresses lead nowhere).
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
