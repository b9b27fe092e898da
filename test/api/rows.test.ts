import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { getDataset } from '../../lambdas/core/contracts';
import { ingestLocalFile } from '../../lambdas/core/ingest/ingest-local-file';
import { sha256Hex } from '../../lambdas/core/ingest/sha256';
import { FolderStore } from '../../lambdas/core/lake/folder-store';
import { generateNativeSamples } from '../../lambdas/core/samples/generate-native';
import { DuckDbLake } from '../../lambdas/core/query/duckdb-lake';
import { AUDIT_LOG_COLUMNS } from '../../lambdas/core/lake/audit-log-table';
import type { Access } from '../../lambdas/core/sharing/grants';
import { loadGrants } from '../../lambdas/core/sharing/local-server';
import { rowsQuery } from '../../lambdas/core/sharing/rows-query';
import { apiFixture, type ApiFixture } from './support';

let api: ApiFixture;
beforeAll(async () => {
  api = await apiFixture();
}, 120_000);
afterAll(() => api.close());

type Page = {
  dataset: string;
  version: string;
  count: number;
  next_cursor: string | null;
  data: Record<string, unknown>[];
};

test('lists exactly the granted datasets, with schema, purpose, freshness and version', async () => {
  const response = await api.get('/v1/datasets', await api.token('so-khcn'));
  const body = (await response.json()) as {
    datasets: { id: string; columns: { name: string }[]; purpose: string; freshness: string | null; version: string }[];
  };
  expect(body.datasets.map((d) => d.id).sort()).toEqual(['kpi_scorecard', 'mobile_market_by_carrier', 'telecom_bts']);
  const market = body.datasets.find((d) => d.id === 'mobile_market_by_carrier')!;
  expect(market.columns.map((c) => c.name)).toEqual([
    'period',
    'carrier',
    'mobile_subscribers',
    'mobile_broadband',
    'fixed_broadband',
    'mobile_share_pct',
  ]);
  expect(market.freshness).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  expect(market.version).toMatch(/^[0-9a-f]{32}$/);
});

test.each([['ioc'], ['so-khcn'], ['police']])(
  'every row %s receives as JSON is valid against the JSON Schema the API publishes for it',
  async (agency) => {
    const ajv = addFormats(new Ajv2020({ strict: true, allErrors: true }));
    const token = await api.token(agency);
    const { datasets } = (await (await api.get('/v1/datasets', token)).json()) as { datasets: { id: string }[] };
    let checked = 0;
    for (const { id } of datasets) {
      const { jsonSchema } = (await (await api.get(`/v1/datasets/${id}`, token)).json()) as { jsonSchema: object };
      const validate = ajv.compile(jsonSchema);
      const page = (await (await api.get(`/v1/datasets/${id}/rows?limit=500`, token)).json()) as Page;
      checked += page.data.length;
      const invalid = page.data.filter((row) => !validate(row)).slice(0, 1);
      expect({ id, invalid, errors: invalid.length ? validate.errors : null }).toEqual({
        id,
        invalid: [],
        errors: null,
      });
    }
    expect(checked).toBeGreaterThan(100);
  },
);

test("one dataset with its JSON Schema and the agency's row count and months", async () => {
  const body = (await (await api.get('/v1/datasets/dossiers_monthly', await api.token('ubnd-vinh-yen'))).json()) as {
    rowCount: number;
    periods: unknown;
    rowFilter: unknown;
    jsonSchema: { properties: Record<string, unknown> };
  };
  const { rows } = await api.lake.query(
    "select count(*) as n, min(period) as first, max(period) as last from dossiers_monthly where ward_code = '08707'",
  );
  expect(body.rowCount).toBe(rows[0]!.n);
  expect(body.periods).toEqual({ first: rows[0]!.first, last: rows[0]!.last });
  expect(body.rowFilter).toEqual({ column: 'ward_code', equals: ['08707'] });
  expect(Object.keys(body.jsonSchema.properties)).toContain('online_rate_pct');
});

test('a dataset without months says so: periods is null', async () => {
  const body = (await (await api.get('/v1/datasets/digital_economy', await api.token('ioc'))).json()) as {
    rowCount: number;
    periods: unknown;
  };
  const { rows } = await api.lake.query('select count(*) as n from digital_economy');
  expect(body.rowCount).toBe(rows[0]!.n);
  expect(body.periods).toBeNull();
});

test('pages through every row once, in natural-key order, following next_cursor', async () => {
  const token = await api.token('ioc');
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = (await (
      await api.get(
        `/v1/datasets/kpi_actuals/rows?limit=97&indicator=dossiers_online_pct,eid_pct_of_14plus${cursor ? `&cursor=${cursor}` : ''}`,
        token,
      )
    ).json()) as Page;
    seen.push(...page.data.map((r) => `${r.indicator}|${r.period}`));
    cursor = page.next_cursor;
    pages++;
  } while (cursor);
  const { rows } = await api.lake.query(
    "select indicator || '|' || period as k from kpi_actuals where indicator in ('dossiers_online_pct', 'eid_pct_of_14plus') order by indicator, period",
  );
  expect(seen).toEqual(rows.map((r) => r.k));
  expect(pages).toBe(Math.ceil(rows.length / 97) + (rows.length % 97 === 0 ? 1 : 0));
});

test('a receipt on every data response: row count, dataset version and the SHA-256 of the body', async () => {
  const response = await api.get(
    '/v1/datasets/eid_by_ward/rows?period_from=2025-01&period_to=2025-06&limit=1000',
    await api.token('ioc'),
  );
  const body = Buffer.from(await response.arrayBuffer());
  expect(response.headers.get('x-content-sha256')).toBe(sha256Hex(body));
  const page = JSON.parse(body.toString()) as Page;
  expect(response.headers.get('x-row-count')).toBe(String(page.data.length));
  expect(response.headers.get('x-dataset-version')).toBe(page.version);
  expect(new Set(page.data.map((r) => r.period))).toEqual(
    new Set(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']),
  );
  const audited = (await api.audit()).find((e) => e.requestId === response.headers.get('x-request-id'));
  expect(audited).toMatchObject({
    agency: 'ioc',
    dataset: 'eid_by_ward',
    status: 200,
    rows: page.data.length,
    receipt: { sha256: sha256Hex(body), datasetVersion: page.version },
  });
});

test('CSV for Excel: UTF-8 with a BOM, a header row, the same rows as JSON', async () => {
  const token = await api.token('ioc');
  const path = '/v1/datasets/information_systems_status/rows?period_from=2025-12';
  const json = (await (await api.get(path, token)).json()) as Page;
  const response = await api.get(path, token, { Accept: 'text/csv' });
  expect(response.headers.get('content-type')).toContain('text/csv');
  const bytes = Buffer.from(await response.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
  expect(lines[0]).toBe(Object.keys(json.data[0]!).join(','));
  expect(lines).toHaveLength(json.data.length + 1);
});

test('Parquet and Arrow: the same rows, readable by DuckDB and apache-arrow', async () => {
  const token = await api.token('ioc');
  const path = '/v1/datasets/digital_economy/rows';
  const json = (await (await api.get(path, token)).json()) as Page;
  const arrow = tableFromIPC(new Uint8Array(await (await api.get(`${path}?format=arrow`, token)).arrayBuffer()));
  expect(arrow.numRows).toBe(json.data.length);
  expect(arrow.getChild('year')!.toArray().map(Number)).toEqual(json.data.map((r) => r.year));
  const file = join(api.root, 'economy.parquet');
  writeFileSync(file, Buffer.from(await (await api.get(`${path}?format=parquet`, token)).arrayBuffer()));
  const { rows } = await api.lake.query(
    `select year, digital_economy_pct_grdp from read_parquet('${file}') order by year`,
  );
  expect(rows).toEqual(json.data.map((r) => ({ year: r.year, digital_economy_pct_grdp: r.digital_economy_pct_grdp })));
});

test("a producer sees its feed's status: latest manifests with accepted and rejected counts", async () => {
  const files = await generateNativeSamples(join(api.root, 'vnpt'), { datasets: ['telecom_subscribers'] });
  const file = files.find((f) => f.source === 'vnpt')!;
  const store = new FolderStore(api.lakeDir);
  await ingestLocalFile({ store, path: file.path, contract: getDataset(file.dataset), source: 'vnpt' });
  const body = (await (await api.get('/v1/feeds/vnpt/status', await api.token('vnpt'))).json()) as {
    lastFeedAt: string;
    manifests: { rowsAccepted: number; rowsRejected: number; status: string }[];
  };
  expect(body.manifests.length).toBe(1);
  expect(body.manifests.every((m) => m.status === 'succeeded' && m.rowsAccepted > 0)).toBe(true);
  expect(body.lastFeedAt).toMatch(/^\d{4}-/);
});

test('health and the OpenAPI document need no token; the document lists every route', async () => {
  expect((await api.get('/health')).status).toBe(200);
  const doc = (await (await api.get('/openapi.json')).json()) as { paths: Record<string, unknown> };
  expect(Object.keys(doc.paths).sort()).toEqual([
    '/api/3/action/datastore_search',
    '/api/3/action/help_show',
    '/api/3/action/package_list',
    '/api/3/action/package_show',
    '/open/v1/catalog.jsonld',
    '/open/v1/datasets/{id}/rows',
    '/v1/access-requests',
    '/v1/access-requests/{id}/decision',
    '/v1/datasets',
    '/v1/datasets/{id}',
    '/v1/datasets/{id}/exports',
    '/v1/datasets/{id}/rows',
    '/v1/datasets/{id}/versions',
    '/v1/exports/{exportId}',
    '/v1/feeds',
    '/v1/feeds/{source}/status',
    '/v1/feeds/{source}/uploads',
    '/v1/subscriptions',
    '/v1/subscriptions/{id}',
  ]);
});

test('the audit log is itself a dataset administrators can query (audit_log), with the columns both engines declare', async () => {
  const response = await api.get('/v1/datasets/kpi_scorecard/rows?limit=3', await api.token('so-khcn'));
  const requestId = response.headers.get('x-request-id');
  const admin = await DuckDbLake.open(api.lakeDir);
  try {
    const { rows } = await admin.query(
      "select agency, dataset, status, rows, json_extract_string(receipt, '$.sha256') as sha256 from audit_log where requestId = ?",
      [requestId],
    );
    expect(rows).toEqual([
      {
        agency: 'so-khcn',
        dataset: 'kpi_scorecard',
        status: 200,
        rows: 3,
        sha256: response.headers.get('x-content-sha256'),
      },
    ]);
    const entry = (await api.audit()).find((e) => e.requestId === requestId)!;
    expect(Object.keys(entry).sort()).toEqual(AUDIT_LOG_COLUMNS.map((c) => c.name).sort());
  } finally {
    admin.close();
  }
});

test('a filter on a number column is cast to its type in SQL (Athena will not compare bigint with varchar) and still matches', async () => {
  const token = await api.token('ioc');
  const page = (await (
    await api.get('/v1/datasets/information_systems_status/rows?security_level=3,4&limit=1000', token)
  ).json()) as Page;
  const { rows } = await api.lake.query(
    'select count(*) as n from information_systems_status where security_level in (3, 4)',
  );
  expect(page.data.length).toBe(rows[0]!.n);
  expect(new Set(page.data.map((r) => r.security_level))).toEqual(new Set([3, 4]));
  const grants = loadGrants();
  const access = grants.access('ioc', 'information_systems_status', '2026-11-27') as Access;
  expect(
    rowsQuery(access, { fields: ['period'], filters: [{ column: 'security_level', values: ['3'] }], limit: 10 }).sql,
  ).toContain('"security_level" in (cast(? as bigint))');
});
