import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDataset } from '../../lambdas/core/contracts';
import { ingestLocalFile } from '../../lambdas/core/ingest/ingest-local-file';
import { FolderStore } from '../../lambdas/core/lake/folder-store';
import { ALL_REASONS, getMart } from '../../lambdas/core/marts';
import { apiFixture, type ApiFixture } from './support';

// Every source's native files (vnpt among them), so the operations center and a producer each
// see their part of the feeds' history through the rows route.
let api: ApiFixture;
beforeAll(async () => {
  api = await apiFixture({ native: true });
}, 180_000);
afterAll(() => api.close());

const DATASET = 'feed_quality_history';
const COLUMNS = getMart(DATASET)!.columns.map((c) => c.name);
type Page = { dataset: string; version: string; count: number; data: Record<string, unknown>[] };

async function rows(agency: string, query = '', headers: Record<string, string> = {}) {
  const response = await api.get(`/v1/datasets/${DATASET}/rows?limit=10000${query}`, await api.token(agency), headers);
  return { response, page: response.status === 200 ? ((await response.json()) as Page) : undefined };
}

/** The mart queried straight on DuckDB, in the key's order, as the API serves it. */
async function mart(where = '') {
  const { rows: found } = await api.lake.query(
    `select ${COLUMNS.join(', ')} from ${DATASET}${where ? ` where ${where}` : ''} order by period, source, dataset, reason`,
  );
  return found;
}

test('the operations center gets every feed, every column, the rows the mart holds', async () => {
  const { response, page } = await rows('ioc');
  expect(response.status).toBe(200);
  const expected = await mart();
  expect(new Set(expected.map((r) => r.source)).size).toBeGreaterThan(3);
  expect(page!.data).toEqual(expected);
  expect(Object.keys(page!.data[0]!)).toEqual(COLUMNS);
});

test('a producer gets its own feed only, whatever it filters on', async () => {
  const own = await rows('vnpt');
  expect(own.response.status).toBe(200);
  const expected = await mart("source = 'vnpt'");
  expect(expected.length).toBeGreaterThan(0);
  expect(own.page!.data).toEqual(expected);
  const other = await rows('vnpt', '&source=viettel');
  expect(other.response.status).toBe(200);
  expect(other.page!.data).toEqual([]);
});

test('an agency without the grant is refused', async () => {
  const { response } = await rows('so-khcn');
  expect(response.status).toBe(403);
});

test('a failed file is a new version: the page cache and If-None-Match give the new rows, not the old page', async () => {
  const before = await rows('ioc', `&reason=${ALL_REASONS}&source=canonical`);
  expect(before.page!.data).toEqual([]);
  const etag = before.response.headers.get('etag')!;
  const path = join(api.root, 'telecom_bts_broken.csv');
  writeFileSync(path, 'carrier,station_id\nvnpt,X1\n');
  const { manifest } = await ingestLocalFile({
    store: new FolderStore(api.lakeDir),
    path,
    contract: getDataset('telecom_bts'),
    source: 'canonical',
  });
  expect(manifest.status).toBe('failed');

  const after = await rows('ioc', `&reason=${ALL_REASONS}&source=canonical`, { 'If-None-Match': etag });
  expect(after.response.status).toBe(200);
  expect(after.page!.version).not.toBe(before.page!.version);
  expect(after.page!.data).toEqual([
    expect.objectContaining({ source: 'canonical', dataset: 'telecom_bts', files_succeeded: 0, files_failed: 1 }),
  ]);
  const detail = await api.get(`/v1/datasets/${DATASET}`, await api.token('ioc'));
  expect(await detail.json()).toMatchObject({ freshness: manifest.finishedAt, version: after.page!.version });
});
