import { readFileSync } from 'node:fs';
import { sha256Hex } from '../../lambdas/core/ingest/sha256';
import { generateNativeSamples } from '../../lambdas/core/samples/generate-native';
import { generateSamples } from '../../lambdas/core/samples/generate-samples';
import { apiFixture, PUBLIC_URL, type ApiFixture } from './support';
import { basename, join } from 'node:path';

let api: ApiFixture;
beforeAll(async () => {
  api = await apiFixture();
}, 120_000);
afterAll(() => api.close());

type Job = {
  exportId: string;
  status: string;
  url?: string;
  expiresAt?: string;
  receipt?: { rows: number; sha256: string; datasetVersion: string };
};

async function post(path: string, token: string, body: unknown, headers: Record<string, string> = {}) {
  return api.app.request(path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function finished(token: string, exportId: string): Promise<Job> {
  for (let i = 0; i < 100; i++) {
    const job = (await (await api.get(`/v1/exports/${exportId}`, token)).json()) as Job;
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('export did not finish');
}

test('a full export: every granted row (row filter applied), a signed link with an expiry, a receipt', async () => {
  const token = await api.token('ubnd-vinh-yen');
  const started = await post('/v1/datasets/dossiers_monthly/exports', token, {
    format: 'csv',
    fields: ['period', 'ward_code', 'dossiers_total'],
  });
  expect(started.status).toBe(202);
  const job = await finished(token, ((await started.json()) as Job).exportId);
  expect(job.status).toBe('succeeded');
  expect(new Date(job.expiresAt!).getTime()).toBeGreaterThan(new Date('2026-11-27T08:00:00Z').getTime());
  const { rows } = await api.lake.query("select count(*) as n from dossiers_monthly where ward_code = '08707'");
  expect(job.receipt!.rows).toBe(rows[0]!.n);
  const url = new URL(job.url!);
  const download = await api.get(url.pathname + url.search);
  const body = Buffer.from(await download.arrayBuffer());
  expect(download.status).toBe(200);
  expect(sha256Hex(body)).toBe(job.receipt!.sha256);
  const lines = body.subarray(3).toString('utf8').trim().split('\r\n');
  expect(lines[0]).toBe('period,ward_code,dossiers_total');
  expect(lines.slice(1).every((l) => l.split(',')[1] === '08707')).toBe(true);
  expect(lines).toHaveLength(job.receipt!.rows + 1);
  const audited = (await api.audit()).find((e) => e.requestId === download.headers.get('x-request-id'))!;
  expect(audited).toMatchObject({
    dataset: 'dossiers_monthly',
    status: 200,
    rows: job.receipt!.rows,
    query: { signature: '[redacted]' },
  });
});

test("another agency's export does not exist for it; a forged or stretched link is refused", async () => {
  const owner = await api.token('ioc');
  const job = await finished(
    owner,
    ((await (await post('/v1/datasets/digital_economy/exports', owner, { format: 'json' })).json()) as Job).exportId,
  );
  expect((await api.get(`/v1/exports/${job.exportId}`, await api.token('so-khcn'))).status).toBe(404);
  const url = new URL(job.url!);
  const stretched = url.search.replace(/expires=\d+/, 'expires=4102444800');
  expect((await api.get(url.pathname + stretched)).status).toBe(403);
  expect((await api.get(`${url.pathname}?expires=4102444800&signature=forged`)).status).toBe(403);
  expect((await api.get(url.pathname + url.search)).status).toBe(200);
});

/** Puts a file through a signed upload link, as a producer's tool would. */
async function put(uploadUrl: string, bytes: Buffer) {
  const url = new URL(uploadUrl);
  return api.app.request(url.pathname + url.search, {
    method: 'PUT',
    headers: { 'Content-Length': String(bytes.length) },
    body: new Uint8Array(bytes),
  });
}

test('a producer uploads through a signed link; the file lands in raw/ and is ingested at once', async () => {
  const token = await api.token('vnpt');
  const files = await generateNativeSamples(join(api.root, 'upload'), { datasets: ['telecom_subscribers'] });
  const file = files.find((f) => f.source === 'vnpt')!;
  const link = await post('/v1/feeds/vnpt/uploads', token, { fileName: basename(file.path) });
  expect(link.status).toBe(201);
  const { uploadUrl, rawKey } = (await link.json()) as { uploadUrl: string; rawKey: string };
  expect(rawKey).toBe(`raw/vnpt/2026/11/27/${basename(file.path)}`);
  const bytes = readFileSync(file.path);
  const stored = await put(uploadUrl, bytes);
  expect(stored.status).toBe(201);
  expect(((await stored.json()) as { manifest: Record<string, unknown> }).manifest).toMatchObject({
    status: 'succeeded',
    dataset: 'telecom_subscribers',
    rowsIn: file.rows,
    rowsRejected: 0,
  });
  expect((await put(uploadUrl, bytes)).status).toBe(409);
});

test('an upload of a feed that sends citizen IDs is hashed with the PII key and ingested, not left in raw/ unseen', async () => {
  const token = await api.token('cat-csgt');
  const files = await generateNativeSamples(join(api.root, 'upload-pii'), { datasets: ['traffic_events'] });
  const file = files.find((f) => f.source === 'traffic-police')!;
  const link = await post('/v1/feeds/traffic-police/uploads', token, { fileName: basename(file.path) });
  expect(link.status).toBe(201);
  const stored = await put(((await link.json()) as { uploadUrl: string }).uploadUrl, readFileSync(file.path));
  expect(stored.status).toBe(201);
  expect(((await stored.json()) as { manifest: Record<string, unknown> }).manifest).toMatchObject({
    status: 'succeeded',
    dataset: 'traffic_events',
    rowsIn: file.rows,
    rowsRejected: 0,
  });
});

test("a carrier cannot change another carrier's figures: no link to the shared canonical feed, and its own feed writes only its rows", async () => {
  const token = await api.token('vnpt');
  // Even with a token that claims the scope, the grants (which refuse canonical to any producer) decide.
  const claimed = await api.token('vnpt', { scopes: ['datasets:read', 'feeds:canonical'] });
  for (const [bearer, detail] of [
    [token, 'the token lacks the scope feeds:canonical'],
    [claimed, 'the feed canonical is not granted to vnpt'],
  ] as const) {
    const link = await post('/v1/feeds/canonical/uploads', bearer, { fileName: 'telecom_subscribers.csv' });
    expect(link.status).toBe(403);
    expect(((await link.json()) as { detail: string }).detail).toBe(detail);
  }
  // The canonical file that once rewrote Viettel's counts, sent through VNPT's own feed instead.
  const [forged] = await generateSamples(join(api.root, 'forged'), { datasets: ['telecom_subscribers'] });
  const text = readFileSync(forged!.path, 'utf8');
  expect(text).toMatch(/\nviettel,/);
  const own = (await (await post('/v1/feeds/vnpt/uploads', token, { fileName: 'thue_bao.csv' })).json()) as {
    uploadUrl: string;
  };
  const before = await api.lake.query("select count(*) as n from telecom_subscribers where carrier = 'viettel'");
  expect(Number(before.rows[0]!.n)).toBeGreaterThan(0);
  const answer = await put(own.uploadUrl, Buffer.from(text));
  const { manifest } = (await answer.json()) as { manifest: { status: string; dataset: string; error?: string } };
  expect(manifest.status).toBe('failed');
  const after = await api.lake.query("select count(*) as n from telecom_subscribers where carrier = 'viettel'");
  expect(after.rows).toEqual(before.rows);
});

test('an upload link for a feed not granted, or without its scope: 403', async () => {
  expect((await post('/v1/feeds/canonical/uploads', await api.token('ioc'), { fileName: 'x.csv' })).status).toBe(403);
  expect(
    (
      await post('/v1/feeds/vnpt/uploads', await api.token('vnpt', { scopes: ['datasets:read'] }), {
        fileName: 'x.csv',
      })
    ).status,
  ).toBe(403);
});

test('a request body that is not JSON is a 400 problem that says so, not a server error', async () => {
  const response = await api.app.request('/v1/datasets/digital_economy/exports', {
    method: 'POST',
    headers: { Authorization: `Bearer ${await api.token('ioc')}`, 'Content-Type': 'application/json' },
    body: '{"format": csv',
  });
  expect(response.status).toBe(400);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(((await response.json()) as { detail: string }).detail).toMatch(/JSON/i);
});

test("signed links name the server's configured address, whatever Host the request says", async () => {
  const token = await api.token('ioc');
  const evil = { Host: 'evil.example', 'X-Forwarded-Host': 'evil.example' };
  const upload = await post('/v1/feeds/vnpt/uploads', await api.token('vnpt'), { fileName: 'a.xlsx' }, evil);
  const { uploadUrl } = (await upload.json()) as { uploadUrl: string };
  expect(new URL(uploadUrl).origin).toBe(PUBLIC_URL);
  const started = (await (
    await post('/v1/datasets/digital_economy/exports', token, { format: 'json' }, evil)
  ).json()) as Job;
  await finished(token, started.exportId);
  const status = await api.app.request(`http://evil.example/v1/exports/${started.exportId}`, {
    headers: { Authorization: `Bearer ${token}`, ...evil },
  });
  const job = (await status.json()) as Job;
  expect(job.status).toBe('succeeded');
  expect(new URL(job.url!).origin).toBe(PUBLIC_URL);
});
