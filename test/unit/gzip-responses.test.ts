import { gunzipSync } from 'node:zlib';
import { gzipResponses } from '../../bin/cli/gzip-responses';

const big = JSON.stringify({
  data: Array.from({ length: 200 }, (_, i) => ({ period: '2025-12', indicator: `kpi_${i}`, actual: i * 1.5 })),
});
const serve = gzipResponses((request) => {
  const path = new URL(request.url).pathname;
  if (path === '/parquet')
    return new Response(new Uint8Array(4096), { headers: { 'Content-Type': 'application/vnd.apache.parquet' } });
  const body = path === '/small' ? '{"status":"ok"}' : big;
  return new Response(body, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      'X-Content-SHA256': 'receipt',
    },
  });
});
const get = (path: string, acceptEncoding?: string) =>
  serve(
    new Request(`http://127.0.0.1${path}`, { headers: acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {} }),
  );

test('gzips a JSON response for a client that accepts gzip, keeping its receipt and giving the compressed length', async () => {
  const response = await get('/rows', 'gzip, deflate, br');
  expect(response.headers.get('content-encoding')).toBe('gzip');
  const body = Buffer.from(await response.arrayBuffer());
  expect(Number(response.headers.get('content-length'))).toBe(body.length);
  expect(body.length).toBeLessThan(Buffer.byteLength(big) / 3);
  expect(gunzipSync(body).toString('utf8')).toBe(big);
  expect(response.headers.get('x-content-sha256')).toBe('receipt');
  expect(response.headers.get('vary')).toContain('Accept-Encoding');
});

test('leaves alone a client that does not accept gzip, a body under 1 KiB, and Parquet (compressed already)', async () => {
  for (const [path, encoding] of [
    ['/rows', undefined],
    ['/small', 'gzip'],
    ['/parquet', 'gzip'],
  ] as const) {
    const response = await get(path, encoding);
    expect([path, response.headers.get('content-encoding')]).toEqual([path, null]);
    expect((await response.arrayBuffer()).byteLength).toBe(
      path === '/rows' ? Buffer.byteLength(big) : path === '/small' ? 15 : 4096,
    );
  }
});
