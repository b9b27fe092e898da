import { loadGrants } from '../../lambdas/core/sharing/local-server';
import { apiFixture, type ApiFixture, PUBLIC_URL, TEST_CLIENT_ADDRESS } from './support';

/** Who may call the public tier, what its links name, and what the audit log keeps of it. */
const grants = loadGrants();
const open = grants.file.open!;
const ACTION = '/api/3/action';

let api: ApiFixture;
beforeAll(async () => {
  api = await apiFixture();
}, 120_000);
afterAll(() => api.close());

const json = async <T>(path: string) => {
  const response = await api.get(path);
  return { response, body: (await response.json()) as T };
};

describe('the public tier needs no token, and is audited without an agency', () => {
  const PATHS = [
    '/open/v1/catalog.jsonld',
    '/open/v1/datasets/dossiers_by_month/rows?format=csv',
    '/api/3/action/package_list',
    '/api/3/action/package_show?id=dossiers_by_month',
    '/api/3/action/datastore_search?resource_id=dossiers_by_month&limit=5',
  ];

  test.each(PATHS.map((p) => [p]))('%s answers 200 without a token, and its audit entry says so', async (path) => {
    const response = await api.get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const entry = (await api.audit()).find((e) => e.requestId === response.headers.get('x-request-id'));
    expect(entry).toMatchObject({ agency: null, method: 'GET', route: path.split('?')[0], status: 200 });
    if (path.includes('dossiers_by_month')) expect(entry?.dataset).toBe('dossiers_by_month');
    if (path.includes('datastore_search')) expect(entry?.rows).toBe(5);
    if (path.includes('/rows')) expect(entry?.receipt?.sha256).toBe(response.headers.get('x-content-sha256'));
  });

  test('a closed dataset is refused, and the refusal is audited with its reason', async () => {
    const closed = [...grants.file.agencies.flatMap((a) => a.datasets.map((d) => d.dataset))].find(
      (id) => !open.datasets.some((d) => d.dataset === id),
    )!;
    const { response, body } = await json<{ success: boolean; error: { __type: string } }>(
      `/api/3/action/datastore_search?resource_id=${closed}`,
    );
    expect([response.status, body.success, body.error.__type]).toEqual([403, false, 'Authorization Error']);
    expect((await api.get(`/open/v1/datasets/${closed}/rows`)).status).toBe(404);
    const entry = (await api.audit()).find((e) => e.requestId === response.headers.get('x-request-id'));
    expect(entry).toMatchObject({ agency: null, dataset: closed, status: 403, problem: 'ckan: Authorization Error' });
  });
});

test('a Host header of evil.example changes no link: they all name the configured address', async () => {
  const evil = { Host: 'evil.example', 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' };
  for (const path of [
    '/open/v1/catalog.jsonld',
    '/api/3/action/package_show?id=kpi_scorecard',
    '/api/3/action/datastore_search?resource_id=kpi_scorecard&limit=1',
    '/open/v1/datasets/kpi_scorecard/rows?format=json&limit=1',
  ]) {
    const response = await api.app.request(`http://evil.example${path}`, { headers: evil });
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    const text = (await response.text()) + (response.headers.get('link') ?? '');
    expect(text).not.toContain('evil.example');
    expect(text).toContain(PUBLIC_URL);
  }
});

test('the OpenAPI document lists the public routes, with no security requirement', async () => {
  const doc = (await (await api.get('/openapi.json')).json()) as {
    paths: Record<string, { get?: { security?: unknown[] } }>;
  };
  const publicPaths = Object.keys(doc.paths).filter((p) => !p.startsWith('/v1/'));
  expect(publicPaths.sort()).toEqual([
    '/api/3/action/datastore_search',
    '/api/3/action/help_show',
    '/api/3/action/package_list',
    '/api/3/action/package_show',
    '/open/v1/catalog.jsonld',
    '/open/v1/datasets/{id}/rows',
  ]);
  for (const path of publicPaths)
    expect({ path, security: doc.paths[path]!.get!.security }).toEqual({ path, security: [] });
});

test('the client address rate limit answers 429 with Retry-After, and the refusals are audited', async () => {
  const limited = await apiFixture({ addressLimit: { perSecond: 1, burst: 3 } });
  try {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) {
      last = await limited.get(`${ACTION}/package_list`);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const refused = (await limited.audit()).filter((e) => e.status === 429);
    expect(refused.map((e) => [e.client, e.agency, e.route])).toEqual([
      [TEST_CLIENT_ADDRESS, null, `${ACTION}/package_list`],
      [TEST_CLIENT_ADDRESS, null, `${ACTION}/package_list`],
    ]);
  } finally {
    limited.close();
  }
}, 120_000);
