import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WEB_DIR, type DashboardConfig } from '../../web/build-dashboard';
import { DASHBOARD_CSP } from '../../web/security-headers';

/** Where `npm run build:web` writes the dashboard. */
export const DASHBOARD_DIR = join(WEB_DIR, 'dist');
/** The local API asks for no API key (API Gateway does: the AWS site's config.json says so). */
const LOCAL_CONFIG: DashboardConfig = { apiKeyRequired: false };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};
const SECURITY = {
  'Content-Security-Policy': DASHBOARD_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

interface File {
  body: Buffer;
  gzipped: Buffer;
  headers: Record<string, string>;
}

function file(url: string, body: Buffer, type: string): File {
  // Vite names assets by their hash: they never change, so browsers may keep them for good.
  const cache = url.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  return {
    body,
    gzipped: gzipSync(body, { level: 9 }),
    headers: { 'Content-Type': type, 'Cache-Control': cache, Vary: 'Accept-Encoding', ...SECURITY },
  };
}

/** Every file of the built page, read and gzipped once (a few hundred kilobytes), and the local config.json. */
function readFiles(dir: string): Map<string, File> {
  const files = new Map<string, File>();
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, name);
    const type = TYPES[extname(path)];
    if (!type) continue;
    const url = `/${relative(dir, path).split('\\').join('/')}`;
    files.set(url, file(url, readFileSync(path), type));
  }
  files.set('/', files.get('/index.html')!);
  files.set('/config.json', file('/config.json', Buffer.from(JSON.stringify(LOCAL_CONFIG)), TYPES['.json']!));
  return files;
}

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>vpdc</title><p>The dashboard is not built: run <code>npm run build:web</code> (npm start does it), then reload. The API is at <a href="/docs">/docs</a>.</p></html>`;

/**
 * The operations-center page at `/` beside the API (same origin, so no CORS): requests for the
 * page's files are answered here, everything else goes to the API.
 */
export function withDashboard(
  api: (request: Request, env?: unknown) => Response | Promise<Response>,
  dir = DASHBOARD_DIR,
): (request: Request, env?: unknown) => Response | Promise<Response> {
  const files = existsSync(join(dir, 'index.html')) ? readFiles(dir) : undefined;
  return (request, env) => {
    const { pathname } = new URL(request.url);
    if (pathname.startsWith('/v1/') || (request.method !== 'GET' && request.method !== 'HEAD'))
      return api(request, env);
    if (!files)
      return pathname === '/'
        ? new Response(NOT_BUILT, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } })
        : api(request, env);
    const file = files.get(pathname);
    if (!file) return api(request, env);
    const gzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
    const body = gzip ? file.gzipped : file.body;
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      headers: {
        ...file.headers,
        'Content-Length': String(body.length),
        ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
      },
    });
  };
}
