import { createMiddleware } from 'hono/factory';
import { bodyLimit } from 'hono/body-limit';
import { OPEN_DATA_PATH } from '../open-data/open-links';
import { problems } from '../problem';
import type { Env, SharingAppDeps } from './env';

const MAX_QUERY_STRING = 4096;
const PUBLIC_PATHS = new Set(['/health', '/openapi.json', '/docs', '/docs/docs.css', '/docs/docs.js']);
/** Signed links (export downloads, feed uploads) carry their own authorization, like S3 presigned URLs. */
const SIGNED_PATH = /^\/v1\/(exports\/[0-9a-f-]{36}\/download|uploads\/.+)$/;
/** An export or upload request is a few hundred bytes; 16 KiB leaves room for long field lists. */
const MAX_JSON_BODY_BYTES = 16 * 1024;

/**
 * The audit entry of every exchange, refused ones included (the problem answer is already in
 * `c.res` when `next` returns: app.onError made it), with the headers every answer carries.
 */
export function auditExchanges(deps: SharingAppDeps) {
  const now = deps.now ?? (() => new Date());
  return createMiddleware<Env>(async (c, next) => {
    const started = performance.now();
    c.set('client', deps.clientAddress?.(c));
    await next();
    const requestId = c.get('requestId');
    // On the answer's own headers: c.header() once the answer exists copies it into a new
    // Response, its body turned into a stream (a fifth of a 1,000-row page's server time).
    const { headers } = c.res;
    headers.set('X-Request-Id', requestId);
    // Answers are per grant, and signed links are secrets: no shared cache keeps them unless a route says so.
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
    const url = new URL(c.req.url);
    if (url.pathname === '/health') return;
    await deps.audit.append({
      at: now().toISOString(),
      requestId,
      agency: c.get('caller')?.agency ?? null,
      method: c.req.method,
      route: url.pathname.slice(0, 200),
      dataset: c.get('dataset') ?? null,
      // A signed link's signature is a bearer secret until it expires: never in the log.
      query: Object.fromEntries(
        [...url.searchParams.entries()]
          .slice(0, 50)
          .map(([k, v]) => [k.slice(0, 64), k === 'signature' ? '[redacted]' : v.slice(0, 256)]),
      ),
      status: c.res.status,
      rows: c.get('rows') ?? null,
      bytes: Number(c.res.headers.get('content-length') ?? 0),
      problem: c.get('problem') ?? null,
      receipt: c.get('receipt') ?? null,
      durationMs: Math.round(performance.now() - started),
      client: c.get('client')?.slice(0, 64) ?? null,
      repeats: 1,
    });
  });
}

/**
 * Who is calling, before any route: a query string of sane length, then the bearer token and
 * the agency's rate limit. Public paths and signed links skip the token.
 *
 * What no verified token pays for (public paths, signed links, refused tokens) takes from the
 * client address's bucket instead; an address that has used it up is refused before its token
 * is read, so a flood costs little. An agency's own requests never take from it, so 50 of its
 * clients behind one address are limited by the agency's rate alone.
 */
export function authenticate(deps: SharingAppDeps) {
  return createMiddleware<Env>(async (c, next) => {
    const url = new URL(c.req.url);
    const address = c.get('client');
    const limiter = address === undefined ? undefined : deps.addressLimiter;
    const addressWait = limiter?.wait(address!) ?? 0;
    if (addressWait > 0) throw problems.tooManyRequests(addressWait, 'this address');
    // Open data (open-data/) is public by design, like the docs: its grants file section says what is open.
    const anonymous =
      PUBLIC_PATHS.has(url.pathname) || SIGNED_PATH.test(url.pathname) || OPEN_DATA_PATH.test(url.pathname);
    try {
      if (url.search.length > MAX_QUERY_STRING)
        throw problems.uriTooLong(`the query string is over ${MAX_QUERY_STRING} characters`);
      if (!anonymous) c.set('caller', await deps.verify(c.req.header('authorization')));
    } catch (error) {
      limiter?.take(address!);
      throw error;
    }
    if (anonymous) limiter?.take(address!);
    else {
      const wait = deps.limiter.take(c.get('caller')!.agency);
      if (wait > 0) throw problems.tooManyRequests(wait, 'this agency');
    }
    await next();
  });
}

/** A JSON request body: refused by size before it is read (413), and by content type (415). */
export const jsonBody = [
  bodyLimit({
    maxSize: MAX_JSON_BODY_BYTES,
    onError: () => {
      throw problems.payloadTooLarge(`the request body is over ${MAX_JSON_BODY_BYTES / 1024} KiB`);
    },
  }),
  createMiddleware<Env>(async (c, next) => {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type))
      throw problems.unsupportedMediaType(
        `the request body must be JSON (Content-Type: application/json), not ${type ? JSON.stringify(type.slice(0, 100)) : 'none'}`,
      );
    await next();
  }),
] as const;
