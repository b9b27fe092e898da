import { AthenaClient, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { FORMATS } from '../../lambdas/core/sharing/formats';
import { AthenaUnloadExports } from '../../lambdas/core/sharing/athena-exports';
import type { Access } from '../../lambdas/core/sharing/grants';
import { OPEN_FORMATS } from '../../lambdas/core/sharing/open-data/open-links';
import { apiFixture, type ApiFixture } from './support';

// A client generated from /openapi.json handles the statuses it lists: every status a route
// can answer must be there. The expectations come from what the document says of each
// operation (its security, parameters, body) and from what the app answers when probed.

type Operation = {
  parameters?: unknown[];
  requestBody?: { content: Record<string, unknown> };
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, unknown> }>;
};
type Listed = { method: string; path: string; operation: Operation };

let api: ApiFixture;
let operations: Listed[];
beforeAll(async () => {
  api = await apiFixture();
  const doc = (await (await api.get('/openapi.json')).json()) as { paths: Record<string, Record<string, Operation>> };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method, path, operation })),
  );
}, 120_000);
afterAll(() => api.close());

const takesInput = (o: Operation) => (o.parameters?.length ?? 0) > 0 || o.requestBody !== undefined;
const needsToken = (o: Operation) => (o.security ?? []).some((requirement) => Object.keys(requirement).length > 0);
const takesJson = (o: Operation) => o.requestBody?.content['application/json'] !== undefined;
const jsonPosts = () => operations.filter((o) => o.method === 'post' && takesJson(o.operation));

/** `METHOD path: status` for each status an operation answers or should list, and does not. */
function unlisted(listed: Listed[], statusesOf: (o: Listed) => number[]): string[] {
  return listed.flatMap((o) =>
    statusesOf(o)
      .filter((status) => !(String(status) in o.operation.responses))
      .map((status) => `${o.method.toUpperCase()} ${o.path}: ${status}`),
  );
}

/** A request to the operation, each path parameter `x`: the probes are refused before it is read, or answer 404. */
function probe(o: Listed, init: RequestInit = {}, query = ''): Promise<Response> {
  const path = o.path.replace(/\{[^}]+\}/g, 'x');
  return Promise.resolve(api.app.request(`${path}${query}`, { method: o.method.toUpperCase(), ...init }));
}

const bearer = async () => ({ Authorization: `Bearer ${await api.token('ioc')}` });
const statusOf = async (response: Promise<Response>) => (await response).status;

test('every operation lists 400 if it takes input, 401 and 403 if it needs a token, and 429 and 500', () => {
  expect(operations.filter((o) => takesInput(o.operation) && needsToken(o.operation)).length).toBeGreaterThan(5);
  expect(operations.some((o) => !needsToken(o.operation))).toBe(true);
  expect(
    unlisted(operations, ({ operation }) => [
      ...(takesInput(operation) ? [400] : []),
      ...(needsToken(operation) ? [401, 403] : []),
      429,
      500,
    ]),
  ).toEqual([]);
});

test('every operation lists what it answers before it runs: 414 to a long query string, and its answer without a token', async () => {
  const long = `?q=${'a'.repeat(5000)}`;
  const answered = new Map<Listed, number[]>();
  for (const o of operations) answered.set(o, [await statusOf(probe(o, {}, long)), await statusOf(probe(o))]);
  expect(answered.get(operations[0]!)).toContain(414);
  expect(unlisted(operations, (o) => answered.get(o)!)).toEqual([]);
});

test('every POST with a JSON body lists the 413 it answers to a body over 16 KiB and the 415 to one that is not JSON', async () => {
  expect(jsonPosts().length).toBeGreaterThan(3);
  const big = JSON.stringify({ padding: 'x'.repeat(17 * 1024) });
  const tooLarge = { 'Content-Type': 'application/json', 'Content-Length': String(big.length) };
  const answered = new Map<Listed, number[]>();
  for (const o of jsonPosts()) {
    const statuses = [
      await statusOf(probe(o, { headers: { ...(await bearer()), ...tooLarge }, body: big })),
      await statusOf(probe(o, { headers: { ...(await bearer()), 'Content-Type': 'text/plain' }, body: '{}' })),
    ];
    expect({ path: o.path, statuses }).toEqual({ path: o.path, statuses: [413, 415] });
    answered.set(o, statuses);
  }
  expect(unlisted(jsonPosts(), (o) => answered.get(o)!)).toEqual([]);
});

test('the rows route lists the 406 it answers to an Accept type it does not serve', async () => {
  const response = await api.get('/v1/datasets/kpi_scorecard/rows', await api.token('ioc'), { Accept: 'image/png' });
  expect(response.status).toBe(406);
  const rows = operations.filter((o) => o.path === '/v1/datasets/{id}/rows');
  expect(unlisted(rows, () => [response.status])).toEqual([]);
});

test("POST exports lists the 406 Athena's exports answer to a format UNLOAD does not write", async () => {
  // Athena is mocked: a format it writes starts a query that is never run.
  mockClient(AthenaClient).on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-unload' });
  const athena = new AthenaUnloadExports(
    new AthenaClient({ region: 'ap-southeast-1' }),
    { workGroup: 'vpdc-test', database: 'vpdc_test' },
    api.parts.store,
    'exports-bucket',
  );
  const access = api.parts.grants.access('ioc', 'kpi_scorecard', '2026-11-27') as Access;
  const refusals = await Promise.all(
    FORMATS.map((format) =>
      athena.start('ioc', access, { fields: ['period'], filters: [] }, format, 'v1', 'kpi_scorecard', new Date()).then(
        () => undefined,
        (problem: { status: number }) => problem.status,
      ),
    ),
  );
  const refused = refusals.filter((status) => status !== undefined);
  expect(refused.length).toBeGreaterThan(0);
  const exports = operations.filter((o) => o.path === '/v1/datasets/{id}/exports' && o.method === 'post');
  expect(unlisted(exports, () => refused)).toEqual([]);
});

test('the open rows route lists the media type of each format it serves', async () => {
  const rows = operations.find((o) => o.path === '/open/v1/datasets/{id}/rows')!;
  const served: string[] = [];
  for (const format of OPEN_FORMATS) {
    const response = await api.get(`/open/v1/datasets/kpi_scorecard/rows?format=${format}&limit=1`);
    expect(response.status).toBe(200);
    served.push(response.headers.get('content-type')!.split(';')[0]!);
  }
  expect(Object.keys(rows.operation.responses['200']!.content!).sort()).toEqual(served.sort());
});
