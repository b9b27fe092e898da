import type { Manifest } from '../../lambdas/core/ingest/manifest';
import { FolderStore } from '../../lambdas/core/lake/folder-store';
import { ManifestIndex } from '../../lambdas/core/sharing/manifest-index';
import { pinnedRelation } from '../../lambdas/core/sharing/pinned-relation';
import { servedDatasets } from '../../lambdas/core/sharing/served-datasets';
import { SQL_DIR } from '../../lambdas/core/sql/sql-dir';
import { loadViews } from '../../lambdas/core/sql/view-files';
import { TrinoSQL } from 'dt-sql-parser';
import { rowsQuery } from '../../lambdas/core/sharing/rows-query';
import { athenaProblems } from '../../lambdas/core/query/sql-lint';
import { apiFixture, type ApiFixture } from './support';
import { pinnedServedDatasets } from '../support/athena-checked';

// A dataset version is the set of manifests behind its rows. Pinned with ?version=, a request
// reads only those manifests' rows (old objects stay in the lake), so a later ingest changes
// the newest version's answer and never a pinned one's.

let api: ApiFixture;
let ioc: string;
/** Granted the carriers' own rows (the operations center is granted marts only). */
let analyst: string;
/** The version of each dataset before the corrected file, and what it answered then. */
const before: Record<string, { version: string; body: string; sha256: string }> = {};
let correction: Manifest;

const PAGES = {
  telecom_subscribers: '/v1/datasets/telecom_subscribers/rows?limit=10000&period_from=2025-11&format=csv',
  broadband_by_ward: '/v1/datasets/broadband_by_ward/rows?limit=10000&format=json',
} as const;

beforeAll(async () => {
  api = await apiFixture();
  ioc = await api.token('ioc');
  analyst = await api.token('telecom-analyst');
  for (const [dataset, path] of Object.entries(PAGES)) {
    const response = await api.get(path, tokenFor(dataset));
    expect(response.status).toBe(200);
    before[dataset] = {
      version: response.headers.get('x-dataset-version')!,
      body: await response.text(),
      sha256: response.headers.get('x-content-sha256')!,
    };
  }
  correction = await api.ingestCorrection();
}, 180_000);
afterAll(() => api.close());

const tokenFor = (dataset: string) => (dataset === 'telecom_subscribers' ? analyst : ioc);

test('the newest version has the corrected rows; the pinned one answers the same bytes as before the file', async () => {
  for (const [dataset, path] of Object.entries(PAGES)) {
    const earlier = before[dataset]!;
    const newest = await api.get(path, tokenFor(dataset));
    expect(newest.headers.get('x-dataset-version')).not.toBe(earlier.version);
    expect(await newest.text()).not.toBe(earlier.body);

    const pinned = await api.get(`${path}&version=${earlier.version}`, tokenFor(dataset));
    expect(pinned.status).toBe(200);
    expect(pinned.headers.get('x-dataset-version')).toBe(earlier.version);
    expect(pinned.headers.get('x-content-sha256')).toBe(earlier.sha256);
    expect(await pinned.text()).toBe(earlier.body);
  }
});

test('an export pinned to the old version writes the same file as an export before the correction', async () => {
  const exported = async (version?: string) => {
    const body = JSON.stringify({ format: 'csv', period_from: '2025-12', ...(version ? { version } : {}) });
    const start = await api.app.request('/v1/datasets/telecom_subscribers/exports', {
      method: 'POST',
      headers: { Authorization: `Bearer ${analyst}`, 'Content-Type': 'application/json' },
      body,
    });
    expect(start.status).toBe(202);
    const { exportId } = (await start.json()) as { exportId: string };
    for (;;) {
      const job = (await (await api.get(`/v1/exports/${exportId}`, analyst)).json()) as {
        status: string;
        receipt?: { datasetVersion: string; sha256: string };
      };
      if (job.status !== 'running') return job;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const old = before.telecom_subscribers!.version;
  const pinned = await exported(old);
  const newest = await exported();
  expect(pinned.status).toBe('succeeded');
  expect(pinned.receipt!.datasetVersion).toBe(old);
  expect(newest.receipt!.datasetVersion).not.toBe(old);
  expect(newest.receipt!.sha256).not.toBe(pinned.receipt!.sha256);
  // The rows page of the same version and month, in the same format, is the same CSV.
  const page = await api.get(
    `/v1/datasets/telecom_subscribers/rows?limit=10000&period_from=2025-12&format=csv&version=${old}`,
    analyst,
  );
  expect(page.headers.get('x-content-sha256')).toBe(pinned.receipt!.sha256);
});

test('the changelog lists the correction first, the file it replaced for its month, and its rows', async () => {
  const response = await api.get('/v1/datasets/telecom_subscribers/versions', analyst);
  expect(response.status).toBe(200);
  const log = (await response.json()) as {
    current: string;
    versions: {
      version: string;
      manifestId: string;
      file?: string;
      periods: string[];
      rowsByPeriod?: Record<string, number>;
      replaces: { version: string; manifestId: string; periods: string[] }[];
    }[];
  };
  const [newest, previous] = log.versions;
  expect(log.current).toBe(newest!.version);
  expect(newest!.manifestId).toBe(correction.manifestId);
  expect(newest!.file).toBe(correction.rawKey);
  expect(newest!.periods).toEqual(['2025-12']);
  expect(newest!.rowsByPeriod).toEqual({ '2025-12': correction.rowsAccepted });
  // The sample's one file held every month: the correction replaced its December only.
  expect(previous!.version).toBe(before.telecom_subscribers!.version);
  expect(newest!.replaces).toEqual([
    { version: previous!.version, manifestId: previous!.manifestId, file: previous!.file, periods: ['2025-12'] },
  ]);
  expect(previous!.periods).toHaveLength(36);
  expect(previous!.replaces).toEqual([]);
});

test('a version the dataset never had is a 404, a malformed one a 400, and a pinned cursor stays pinned', async () => {
  const unknown = await api.get(`${PAGES.telecom_subscribers}&version=${'0'.repeat(32)}`, analyst);
  expect(unknown.status).toBe(404);
  expect(((await unknown.json()) as { detail: string }).detail).toContain('/v1/datasets/telecom_subscribers/versions');
  // Another dataset's version is not this one's.
  const other = await api.get(`${PAGES.telecom_subscribers}&version=${before.broadband_by_ward!.version}`, analyst);
  expect(before.broadband_by_ward!.version).not.toBe(before.telecom_subscribers!.version);
  expect(other.status).toBe(404);
  expect((await api.get(`${PAGES.telecom_subscribers}&version=latest`, analyst)).status).toBe(400);

  const old = before.telecom_subscribers!.version;
  const first = await api.get(`/v1/datasets/telecom_subscribers/rows?limit=10&version=${old}`, analyst);
  const cursor = first.headers.get('x-next-cursor')!;
  expect(cursor).toBeTruthy();
  const unpinned = await api.get(`/v1/datasets/telecom_subscribers/rows?limit=10&cursor=${cursor}`, analyst);
  expect(unpinned.status).toBe(400);
  const next = await api.get(`/v1/datasets/telecom_subscribers/rows?limit=10&version=${old}&cursor=${cursor}`, analyst);
  expect(next.status).toBe(200);
  expect(next.headers.get('x-dataset-version')).toBe(old);
});

test('at the newest version, the pinned SQL of every served dataset gives exactly the rows of its view', async () => {
  const views = loadViews(SQL_DIR);
  const manifests = new ManifestIndex(new FolderStore(api.lakeDir), 0);
  const checked: string[] = [];
  for (const dataset of servedDatasets(views)) {
    if (dataset.sources.length === 0) continue;
    const versions = await manifests.versions(dataset.sources);
    const pinned = pinnedRelation(dataset, views, versions.at(-1)?.manifestIds ?? []);
    const { rows } = await api.lake.query(
      `select (select count(*) from (select * from ${dataset.view} except all select * from ${pinned} as p)) +
              (select count(*) from (select * from ${pinned} as p except all select * from ${dataset.view})) as differ,
              (select count(*) from ${dataset.view}) as n`,
    );
    expect({ dataset: dataset.id, differ: Number(rows[0]!.differ) }).toEqual({ dataset: dataset.id, differ: 0 });
    // Column names and order too: EXCEPT compares by position, a renamed column would pass it.
    const columnsOf = async (relation: string) =>
      (await api.lake.query(`select * from ${relation} as r limit 0`)).columns;
    expect(await columnsOf(pinned)).toEqual(await columnsOf(dataset.view));
    if (Number(rows[0]!.n) > 0) checked.push(dataset.id);
  }
  // Marts and datasets with rows in this lake, so the comparison compared something.
  expect(checked).toEqual(expect.arrayContaining(['mobile_market_by_carrier', 'kpi_scorecard', 'telecom_subscribers']));
}, 120_000);

test('the pinned rows query of every served dataset parses as Trino and calls only Athena functions (what runs in AWS)', () => {
  const trino = new TrinoSQL();
  const checked = pinnedServedDatasets();
  expect(checked.length).toBeGreaterThan(30);
  for (const { dataset, access, relation } of checked) {
    const { sql } = rowsQuery(access, { fields: dataset.key, filters: [], limit: 10 }, relation);
    expect({ dataset: dataset.id, problems: athenaProblems(sql, trino) }).toEqual({
      dataset: dataset.id,
      problems: [],
    });
  }
});
