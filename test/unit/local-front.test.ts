import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { localFront } from '../../bin/cli/local-front';
import { DASHBOARD_CSP } from '../../web/security-headers';

const big = JSON.stringify({
  data: Array.from({ length: 200 }, (_, i) => ({ period: '2025-12', indicator: `kpi_${i}`, actual: i * 1.5 })),
});
/** The API's stand-in: what it answered for each path, so the front's own work shows. */
function api(request: Request): Response {
  const path = new URL(request.url).pathname;
  if (path === '/v1/parquet')
    return new Response(new Uint8Array(4096), { headers: { 'Content-Type': 'application/vnd.apache.parquet' } });
  const body = path === '/v1/small' ? '{"status":"ok"}' : big;
  return new Response(body, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      'X-Content-SHA256': 'receipt',
      ETag: '"page"',
      'X-Answered-By': 'api',
    },
  });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vpdc-front-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>vpdc</title>${' '.repeat(2000)}`);
  writeFileSync(join(dir, 'assets', 'app-1a2b.js'), `console.log(1);${'//'.repeat(1000)}`);
  // A file where an API path is: the API still answers it.
  mkdirSync(join(dir, 'v1'));
  writeFileSync(join(dir, 'v1', 'datasets'), 'not the catalog');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const get = (path: string, headers: Record<string, string> = {}, dashboardDir = dir) =>
  localFront(api, dashboardDir).request(path, { headers });

test('gzips a JSON answer for a client that accepts gzip, keeping its receipt, with a weak ETag', async () => {
  const response = await get('/v1/rows', { 'Accept-Encoding': 'gzip, deflate, br' });
  expect(response.headers.get('content-encoding')).toBe('gzip');
  const body = Buffer.from(await response.arrayBuffer());
  expect(body.length).toBeLessThan(Buffer.byteLength(big) / 3);
  expect(gunzipSync(body).toString('utf8')).toBe(big);
  expect(response.headers.get('x-content-sha256')).toBe('receipt');
  expect(response.headers.get('vary')).toContain('Accept-Encoding');
  // The same ETag for other bytes would be a lie: the compressed answer's is weak.
  expect(response.headers.get('etag')).toBe('W/"page"');
});

test('leaves alone a client that does not accept gzip, a body under 1 KiB, and Parquet (compressed already)', async () => {
  for (const [path, encoding, bytes] of [
    ['/v1/rows', undefined, Buffer.byteLength(big)],
    ['/v1/small', 'gzip', 15],
    ['/v1/parquet', 'gzip', 4096],
  ] as const) {
    const response = await get(path, encoding ? { 'Accept-Encoding': encoding } : {});
    expect([path, response.headers.get('content-encoding')]).toEqual([path, null]);
    expect([path, (await response.arrayBuffer()).byteLength]).toEqual([path, bytes]);
  }
});

test("serves the page's files with the page's security headers; hashed assets may be kept for good", async () => {
  const page = await get('/');
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<title>vpdc</title>');
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  expect(page.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
  expect(page.headers.get('x-frame-options')).toBe('DENY');
  expect(page.headers.get('cache-control')).toBe('no-cache');
  const asset = await get('/assets/app-1a2b.js', { 'Accept-Encoding': 'gzip' });
  expect(asset.headers.get('content-type')).toMatch(/javascript/);
  expect(asset.headers.get('content-encoding')).toBe('gzip');
  expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(gunzipSync(Buffer.from(await asset.arrayBuffer())).toString()).toMatch(/^console\.log\(1\);/);
  const config = await get('/config.json');
  expect(await config.json()).toEqual({ apiKeyRequired: false });
});

test("the API answers its own paths and what is not a file of the page; the page's absence is said at /", async () => {
  for (const path of ['/v1/datasets', '/openapi.json']) {
    const response = await get(path);
    expect([path, response.headers.get('x-answered-by')]).toEqual([path, 'api']);
  }
  const unbuilt = await get('/', {}, join(dir, 'no-such-build'));
  expect(unbuilt.status).toBe(503);
  expect(await unbuilt.text()).toContain('npm run build:web');
});
