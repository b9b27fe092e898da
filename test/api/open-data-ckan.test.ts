import { loadGrants } from '../../lambdas/core/sharing/local-server';
import { datastoreSearch, parseDatastoreSearch } from '../../lambdas/core/sharing/open-data/datastore-search';
import { OpenDatasets } from '../../lambdas/core/sharing/open-data/open-datasets';
import { OpenLinks } from '../../lambdas/core/sharing/open-data/open-links';
import { CursorCodec } from '../../lambdas/core/sharing/cursor-codec';
import { athenaProblems } from '../../lambdas/core/query/sql-lint';
import { apiFixture, type ApiFixture, PUBLIC_URL } from './support';

/**
 * The CKAN action API subset, checked against CKAN's documented API (docs.ckan.org "API guide":
 * `{ help, success, result }`, errors `{ success: false, error: { message, __type } }`; the
 * DataStore's datastore_search: fields, records, total, limit, offset, _links).
 */
const grants = loadGrants();
const open = grants.file.open!;
const ACTION = '/api/3/action';
type Envelope<T> = { help: string; success: boolean; result: T; error?: { message: string; __type: string } };
type Search = {
  resource_id: string;
  fields: { id: string; type: string }[];
  records: Record<string, unknown>[];
  total: number;
  limit: number;
  offset?: number;
  _links: { start: string; next: string };
};

let api: ApiFixture;
beforeAll(async () => {
  api = await apiFixture();
}, 120_000);
afterAll(() => api.close());

async function action<T>(path: string): Promise<{ status: number; body: Envelope<T> }> {
  const response = await api.get(`${ACTION}/${path}`);
  expect(response.headers.get('content-type')).toContain('application/json');
  return { status: response.status, body: (await response.json()) as Envelope<T> };
}

test('package_list: the names of the open datasets, in the envelope, help linking to help_show', async () => {
  const { status, body } = await action<string[]>('package_list');
  expect(status).toBe(200);
  expect(Object.keys(body).sort()).toEqual(['help', 'result', 'success']);
  expect(body.success).toBe(true);
  expect(body.result).toEqual(open.datasets.map((d) => d.dataset));
  expect(body.help).toBe(`${PUBLIC_URL}${ACTION}/help_show?name=package_list`);
  const help = await action<string>('help_show?name=package_list');
  expect(help.body.result).toContain('package');
  expect((await action<string[]>('package_list?limit=2&offset=1')).body.result).toEqual(body.result.slice(1, 3));
});

test.each(open.datasets.map((d) => [d.dataset, d]))(
  'package_show %s has the fields CKAN clients read',
  async (id, entry) => {
    const { status, body } = await action<Record<string, unknown>>(`package_show?id=${id}`);
    expect([status, body.success]).toEqual([200, true]);
    const pkg = body.result as Record<string, unknown> & { resources: Record<string, unknown>[] };
    expect(pkg).toMatchObject({
      name: id,
      title: grants.dataset(id)!.title,
      license_id: entry.license,
      isopen: true,
      private: false,
      state: 'active',
      type: 'dataset',
      owner_org: entry.publisher,
      organization: { name: entry.publisher, title: open.publishers.find((p) => p.id === entry.publisher)!.name },
      num_resources: 2,
      num_tags: entry.keywords.length,
    });
    expect((pkg.tags as { name: string }[]).map((t) => t.name)).toEqual(entry.keywords);
    for (const field of ['metadata_created', 'metadata_modified'])
      expect(pkg[field] === null || /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$/.test(String(pkg[field]))).toBe(true);
    expect(pkg.resources.map((r) => [r.format, r.mimetype, r.package_id, r.datastore_active])).toEqual([
      ['CSV', 'text/csv', id, true],
      ['JSON', 'application/json', id, true],
    ]);
    for (const resource of pkg.resources) {
      expect(String(resource.url).startsWith(`${PUBLIC_URL}/open/v1/datasets/${id}/rows`)).toBe(true);
      const search = await action<Search>(`datastore_search?resource_id=${resource.id}&limit=1`);
      expect([search.status, search.body.result.resource_id]).toEqual([200, resource.id]);
    }
  },
);

describe('datastore_search', () => {
  const FILTER = encodeURIComponent(JSON.stringify({ ward_code: ['08707'] }));
  const search = async (query: string) =>
    (await action<Search>(`datastore_search?resource_id=dossiers_monthly&${query}`)).body.result;

  test('total is the matching rows, records are in key order, and offset pages go on where the last ended', async () => {
    const { rows } = await api.lake.query(
      "select period, agency_code from dossiers_monthly where ward_code = '08707' order by period, agency_code, ward_code",
    );
    const whole = await search(`filters=${FILTER}&limit=6`);
    expect(whole.total).toBe(rows.length);
    expect(whole.records.map((r) => [r.period, r.agency_code])).toEqual(
      rows.slice(0, 6).map((r) => [r.period, r.agency_code]),
    );
    expect(whole.records.every((r) => r.ward_code === '08707')).toBe(true);
    const first = await search(`filters=${FILTER}&limit=3`);
    const next = (await (await api.get(first._links.next.slice(PUBLIC_URL.length))).json()) as Envelope<Search>;
    expect(next.result.offset).toBe(3);
    expect([...first.records, ...next.result.records]).toEqual(whole.records);
    expect(first.fields.find((f) => f.id === 'dossiers_total')?.type).toBe('int8');
    expect(first.fields.find((f) => f.id === 'period')?.type).toBe('text');
  });

  test('limit=0 gives the fields and the total alone; fields= narrows the records', async () => {
    const none = await search('limit=0');
    expect([none.records, none.total > 0]).toEqual([[], true]);
    const narrow = await search('fields=period,dossiers_total&limit=2');
    expect(narrow.records.map((r) => Object.keys(r))).toEqual([
      ['period', 'dossiers_total'],
      ['period', 'dossiers_total'],
    ]);
  });

  test.each([
    ['no resource_id', 'datastore_search', 409, 'Validation Error'],
    ['an unknown resource', 'datastore_search?resource_id=no_such_thing-csv', 404, 'Not Found Error'],
    ['a closed dataset', 'datastore_search?resource_id=mobile_market_by_carrier', 403, 'Authorization Error'],
    ['filters that are not JSON', 'datastore_search?resource_id=dossiers_monthly&filters={', 409, 'Validation Error'],
    [
      'a filter value of the wrong type',
      `datastore_search?resource_id=dossiers_monthly&filters=${encodeURIComponent('{"dossiers_total":"many"}')}`,
      409,
      'Validation Error',
    ],
    ['a full-text query (not supported)', 'datastore_search?resource_id=dossiers_monthly&q=x', 409, 'Validation Error'],
    ['a limit over 10000', 'datastore_search?resource_id=dossiers_monthly&limit=10001', 409, 'Validation Error'],
    ['package_show of a closed dataset', 'package_show?id=eid_by_ward', 403, 'Authorization Error'],
    ['package_show of nothing', 'package_show?id=nothing', 404, 'Not Found Error'],
  ])('%s: refused in CKAN’s error envelope', async (_what, path, status, type) => {
    const { status: got, body } = await action<never>(path);
    expect([got, Object.keys(body).sort(), body.success, body.error?.__type]).toEqual([
      status,
      ['error', 'help', 'success'],
      false,
      type,
    ]);
    expect(body.error!.message.length).toBeGreaterThan(5);
  });
});

test('the datastore queries parse as Trino (what Athena runs): offset before limit, values bound', async () => {
  const statements: string[] = [];
  const engine = {
    query: async (sql: string) => {
      statements.push(sql);
      return { columns: [], rows: [] };
    },
  };
  const dataset = new OpenDatasets(grants).get('dossiers_monthly')!;
  const parsed = parseDatastoreSearch(
    { filters: '{"ward_code":["08707","08710"]}', limit: '5', offset: '10' },
    dataset,
    'dossiers_monthly-csv',
    new CursorCodec(Buffer.alloc(32)),
  );
  await datastoreSearch(parsed, 'dossiers_monthly', engine, new OpenLinks(PUBLIC_URL));
  expect(statements).toHaveLength(2);
  expect(statements[0]).toMatch(/ offset 10 limit 5$/);
  for (const sql of statements) expect({ sql, problems: athenaProblems(sql) }).toEqual({ sql, problems: [] });
});
