import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { apiFixture, type ApiFixture } from './support';

// The lake is built from the sources' native files: the one-stop export carries clear citizen IDs.
let api: ApiFixture;
let clearIds: string[];
beforeAll(async () => {
  api = await apiFixture({ native: true });
  const folder = join(api.root, 'samples', 'one-stop');
  const text = readdirSync(folder)
    .map((name) => readFileSync(join(folder, name), 'utf8'))
    .join('\n');
  clearIds = [...new Set([...text.matchAll(/,(026\d{9})\r?$/gm)].map((m) => m[1]!))];
}, 180_000);
afterAll(() => api.close());

type Job = { exportId: string; status: string; url?: string };

async function exportOf(token: string, dataset: string, format: string): Promise<string> {
  const started = await api.app.request(`/v1/datasets/${dataset}/exports`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ format }),
  });
  expect(started.status).toBe(202);
  const { exportId } = (await started.json()) as Job;
  for (let i = 0; i < 200; i++) {
    const job = (await (await api.get(`/v1/exports/${exportId}`, token)).json()) as Job;
    if (job.status === 'succeeded') {
      const url = new URL(job.url!);
      return Buffer.from(await (await api.get(url.pathname + url.search)).arrayBuffer()).toString('utf8');
    }
    expect(job.status).toBe('running');
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('export did not finish');
}

test('no clear citizen ID in any export, page or audit entry of a lake fed by the one-stop export', async () => {
  expect(clearIds.length).toBeGreaterThan(1000);
  // Every agency, every dataset it may see, exported whole, and its first page of rows.
  const texts: string[] = [];
  for (const agency of ['ioc', 'so-khcn', 'ubnd-vinh-yen', 'police']) {
    const token = await api.token(agency);
    const { datasets } = (await (await api.get('/v1/datasets', token)).json()) as { datasets: { id: string }[] };
    for (const { id } of datasets) {
      texts.push(await exportOf(token, id, 'csv'));
      texts.push(await (await api.get(`/v1/datasets/${id}/rows?limit=10000`, token)).text());
    }
  }
  texts.push(JSON.stringify(await api.audit()));
  const all = texts.join('\n');
  expect(all).toContain('HS202512-');
  // Every run of 12 digits in what was served, against the clear IDs (one pass, not one search per ID).
  const served = new Set(all.match(/\d{12}/g) ?? []);
  expect(served.size).toBeGreaterThan(0);
  expect(clearIds.filter((id) => served.has(id))).toEqual([]);
}, 180_000);
