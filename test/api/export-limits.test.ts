import type { SqlValue } from '../../lambdas/core/query/duckdb-lake';
import type { QueryEngine } from '../../lambdas/core/query/query-engine';
import { MAX_RUNNING_EXPORTS } from '../../lambdas/core/sharing/export-admission';
import { apiFixture, ownApp, type ApiFixture } from './support';

// Ten parallel exports by one agency once built ten files at once and stalled the server.
let api: ApiFixture;
beforeAll(async () => {
  api = await apiFixture();
}, 120_000);
afterAll(() => api.close());

/**
 * The fixture's lake behind a gate: an export's query waits until the test opens it, so
 * exports stay running as long as the test needs. The bearer token is the agency's id.
 */
function gatedApp() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const engine: QueryEngine = {
    query: async (sql: string, params: readonly SqlValue[]) => {
      await gate;
      return api.lake.query(sql, params);
    },
  };
  const { app } = ownApp(api, {
    verify: async (authorization) => ({ agency: authorization!.slice('Bearer '.length), scopes: ['datasets:read'] }),
    exportsEngine: engine,
  });
  const post = (agency: string, body: unknown) =>
    Promise.resolve(
      app.request('/v1/datasets/dossiers_monthly/exports', {
        method: 'POST',
        headers: { Authorization: `Bearer ${agency}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
  const job = (agency: string, exportId: string) =>
    Promise.resolve(app.request(`/v1/exports/${exportId}`, { headers: { Authorization: `Bearer ${agency}` } }));
  return { post, job, open };
}

type Job = { exportId: string; status: string };
/** Polls until the job is no longer running: the fixture's lake must outlive every export. */
async function finished(job: (agency: string, exportId: string) => Promise<Response>, agency: string, id: string) {
  for (let i = 0; i < 200; i++) {
    const seen = (await (await job(agency, id)).json()) as Job;
    if (seen.status !== 'running') return seen;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`export ${id} did not finish`);
}
const exportFiles = async (agency: string) =>
  (await api.parts.store.list(`exports/${agency}/`)).filter(
    (o) => !o.key.endsWith('.job.json') && !o.key.startsWith(`exports/${agency}/admission/`),
  );

test('the same export asked again, its filters spelled otherwise, is the same job and one file', async () => {
  const { post, job, open } = gatedApp();
  const before = (await exportFiles('ubnd-vinh-yen')).length;
  const ask = { format: 'csv', fields: ['period', 'dossiers_total'] };
  const first = await post('ubnd-vinh-yen', { ...ask, filters: { agency_code: ['CAT', 'STP'], ward_code: '08707' } });
  const again = await post('ubnd-vinh-yen', { ...ask, filters: { ward_code: '08707', agency_code: ['STP', 'CAT'] } });
  expect([first.status, again.status]).toEqual([202, 202]);
  const { exportId } = (await first.json()) as Job;
  expect(((await again.json()) as Job).exportId).toBe(exportId);
  expect(again.headers.get('location')).toBe(`/v1/exports/${exportId}`);
  open();
  expect((await finished(job, 'ubnd-vinh-yen', exportId)).status).toBe('succeeded');
  // Done, it is still the job asked for: no second file.
  const done = await post('ubnd-vinh-yen', { ...ask, filters: { agency_code: 'CAT,STP', ward_code: '08707' } });
  expect(await done.json()).toMatchObject({ exportId, status: 'succeeded' });
  expect((await exportFiles('ubnd-vinh-yen')).length).toBe(before + 1);
});

test(`past ${MAX_RUNNING_EXPORTS} running exports an agency gets 429 with Retry-After; another agency does not`, async () => {
  const { post, job, open } = gatedApp();
  const asks = ['dossiers_total', 'dossiers_online', 'dossiers_completed'].map((f) => ({ format: 'csv', fields: [f] }));
  const answers = await Promise.all(asks.map((ask) => post('ioc', ask)));
  expect(answers.map((a) => a.status)).toEqual([202, 202, 429]);
  const refused = answers[2]!;
  expect(refused.headers.get('retry-after')).toBe('30');
  expect(refused.headers.get('content-type')).toContain('application/problem+json');
  expect(await refused.json()).toMatchObject({
    type: 'https://vpdc.vinhphuc.gov.vn/problems/too_many_requests',
    status: 429,
    detail: 'too many requests from this agency (2 exports running); retry in 30 s',
  });
  const other = await post('ubnd-vinh-yen', asks[2]);
  expect(other.status).toBe(202);
  open();
  const started = [
    [answers[0]!, 'ioc'],
    [answers[1]!, 'ioc'],
    [other, 'ubnd-vinh-yen'],
  ] as const;
  for (const [answer, agency] of started)
    expect((await finished(job, agency, ((await answer.json()) as Job).exportId)).status).toBe('succeeded');
});
