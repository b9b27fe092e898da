import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono } from 'hono';
import { compress } from 'hono/compress';
import { WEB_DIR, type DashboardConfig } from '../../web/build-dashboard';
import { DASHBOARD_CSP } from '../../web/security-headers';

/** Where `npm run build:web` writes the dashboard. */
export const DASHBOARD_DIR = join(WEB_DIR, 'dist');
/** The local API asks for no API key (API Gateway does: the AWS site's config.json says so). */
const LOCAL_CONFIG: DashboardConfig = { apiKeyRequired: false };
/** What CloudFront's response headers policy adds to the page's files in AWS. */
const PAGE_HEADERS = {
  'Content-Security-Policy': DASHBOARD_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};
/** Below this, gzip's header costs more than it saves (API Gateway's minimumCompressionSize in AWS). */
const MIN_COMPRESSED_BYTES = 1024;

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>vpdc</title><p>The dashboard is not built: run <code>npm run build:web</code> (npm start does it), then reload. The API is at <a href="/docs">/docs</a>.</p></html>`;

type Fetch = (request: Request, env?: unknown) => Response | Promise<Response>;

/**
 * What `vpdc serve` answers with, in front of the API: the operations-center page at `/`
 * (same origin, so no CORS), everything else from the API, and text answers of 1 KiB or more
 * gzipped for clients that accept it, as API Gateway and CloudFront do in AWS. Receipts are
 * unchanged (X-Content-SHA256 is the content's hash, before its transfer encoding); a
 * compressed answer's ETag becomes weak, which If-None-Match still matches.
 */
export function localFront(api: Fetch, dashboardDir = DASHBOARD_DIR): Hono {
  const front = new Hono();
  front.use(compress({ encoding: 'gzip', threshold: MIN_COMPRESSED_BYTES }));
  if (existsSync(join(dashboardDir, 'index.html'))) {
    front.get('/config.json', (c) => c.json(LOCAL_CONFIG, 200, { ...PAGE_HEADERS, 'Cache-Control': 'no-cache' }));
    // The file each request found, for its headers (serveStatic names it only to onFound).
    const foundFor = new WeakMap<Context, string>();
    const files = serveStatic({ root: dashboardDir, onFound: (path, c) => void foundFor.set(c, path) });
    front.on(['GET', 'HEAD'], '*', async (c, next) => {
      // The API's own paths never look for a file.
      if (c.req.path.startsWith('/v1/')) return next();
      const answer = await files(c, next);
      const found = foundFor.get(c);
      if (!found || !answer) return answer;
      for (const [name, value] of Object.entries(PAGE_HEADERS)) answer.headers.set(name, value);
      // Vite names assets by their hash: they never change, so browsers may keep them for good.
      const immutable = found.startsWith(join(dashboardDir, 'assets'));
      answer.headers.set('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      return answer;
    });
  } else {
    front.get('/', (c) => c.html(NOT_BUILT, 503));
  }
  front.all('*', (c) => api(c.req.raw, c.env));
  return front;
}
