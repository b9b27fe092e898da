import { OPEN_HEADERS } from '../../lambdas/core/sharing/open-data/ckan-answer';
import { apiFixture, type ApiFixture } from './support';

// Answers are per grant, and signed links are secrets until they expire: no shared cache may
// keep one unless its route says so (rows revalidate by ETag, open data is public).
let api: ApiFixture;
beforeAll(async () => {
  api = await apiFixture();
}, 120_000);
afterAll(() => api.close());

const post = async (path: string, agency: string, body: unknown) =>
  api.app.request(path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await api.token(agency)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

/** The export's status once it is done: the answer that carries its signed download link. */
async function finishedExport(location: string, token: string): Promise<Response> {
  for (let i = 0; i < 100; i++) {
    const response = await api.get(location, token);
    if (((await response.clone().json()) as { status: string }).status !== 'running') return response;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('export did not finish');
}

test('answers other than rows say Cache-Control: no-store: the catalog, an export and its signed link, an upload link, a problem', async () => {
  const token = await api.token('ioc');
  const started = await post('/v1/datasets/digital_economy/exports', 'ioc', { format: 'csv' });
  const done = await finishedExport(started.headers.get('location')!, token);
  const { url } = (await done.clone().json()) as { url: string };
  const answers: Record<string, Response> = {
    catalog: await api.get('/v1/datasets', token),
    dataset: await api.get('/v1/datasets/digital_economy', token),
    'export started': started,
    'export done, with its signed link': done,
    'export download': await api.get(new URL(url).pathname + new URL(url).search),
    'upload link': await post('/v1/feeds/vnpt/uploads', 'vnpt', { fileName: 'subscribers.csv' }),
    problem: await api.get('/v1/datasets/digital_economy'),
  };
  const seen = Object.fromEntries(
    Object.entries(answers).map(([name, r]) => [name, [r.status, r.headers.get('cache-control')]]),
  );
  expect(seen).toEqual({
    catalog: [200, 'no-store'],
    dataset: [200, 'no-store'],
    'export started': [202, 'no-store'],
    'export done, with its signed link': [200, 'no-store'],
    'export download': [200, 'no-store'],
    'upload link': [201, 'no-store'],
    problem: [401, 'no-store'],
  });
});

test('a route that says how it may be cached keeps its own Cache-Control: open data is public', async () => {
  const open = await api.get('/open/v1/catalog.jsonld');
  expect([open.status, open.headers.get('cache-control')]).toEqual([200, OPEN_HEADERS['Cache-Control']]);
});
