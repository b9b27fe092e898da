import { AthenaClient, GetQueryExecutionCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { S3Store } from '../../lambdas/core/lake/s3-store';
import { ZonedStore } from '../../lambdas/core/lake/zoned-store';
import { SQL_DIR } from '../../lambdas/core/sql/sql-dir';
import { loadViews } from '../../lambdas/core/sql/view-files';
import { AthenaUnloadExports } from '../../lambdas/core/sharing/athena-exports';
import { MAX_RUNNING_EXPORTS } from '../../lambdas/core/sharing/export-admission';
import { Grants, type Access } from '../../lambdas/core/sharing/grants';
import grantsJson from '../../lambdas/core/sharing/grants.json';
import { servedDatasets } from '../../lambdas/core/sharing/served-datasets';
import { startLocalS3, type LocalS3 } from '../support/s3-server';

// In AWS every API request may land on another Lambda container: what an agency has running,
// and which ask is already a job, must be known from the exports bucket alone. fauxqs (a real
// S3 protocol server) holds it; Athena is played by aws-sdk-client-mock.
const athena = mockClient(AthenaClient);
const BUCKET = 'admission-exports';
const grants = Grants.parse(grantsJson, servedDatasets(loadViews(SQL_DIR)));
const access = grants.access('ubnd-vinh-yen', 'dossiers_monthly', '2026-11-27') as Access;
const NOW = new Date('2026-11-27T08:00:00Z');
let s3: LocalS3;
let queries = 0;

beforeAll(async () => {
  s3 = await startLocalS3([BUCKET]);
});
afterAll(() => s3.stop());
beforeEach(() => {
  athena.reset();
  athena.on(StartQueryExecutionCommand).callsFake(async () => ({ QueryExecutionId: `q-${++queries}` }));
});

/** One API container: its own service object and clients, the bucket shared. */
const container = () =>
  new AthenaUnloadExports(
    new AthenaClient({ region: 'ap-southeast-1' }),
    { workGroup: 'vpdc-dev', database: 'vpdc_dev' },
    new ZonedStore({ exports: new S3Store({ client: s3.client, bucket: BUCKET }) }),
    BUCKET,
  );
const ask = (fields: string[], agency = 'ubnd-vinh-yen', on = container()) =>
  on.start(agency, access, { fields, filters: [] }, 'csv', 'v1', 'dossiers_monthly', NOW);
/** Why a start was refused: its problem's status and detail. */
const refusal = (started: Promise<unknown>) =>
  started.then(
    () => undefined,
    (error: { status: number; detail: string }) => ({ status: error.status, detail: error.detail }),
  );

test(`past ${MAX_RUNNING_EXPORTS} running, another container refuses the agency with 429; an ended export frees its place`, async () => {
  const [a, b] = [container(), container()];
  const first = await ask(['period', 'dossiers_total'], 'ubnd-vinh-yen', a);
  await ask(['period', 'dossiers_online'], 'ubnd-vinh-yen', a);
  expect(await refusal(ask(['period', 'dossiers_completed'], 'ubnd-vinh-yen', b))).toEqual({
    status: 429,
    detail: 'too many requests from this agency (2 exports running); retry in 30 s',
  });
  expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(2);
  // Another agency's exports are its own count.
  expect((await ask(['period', 'dossiers_completed'], 'ioc', b)).status).toBe('running');

  // The first ends (its finisher runs on Athena's event): the next ask is admitted.
  const query = athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input.QueryString;
  athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Query: query, Status: { State: 'FAILED' } } });
  expect((await container().finish(first.queryExecutionId!))!.status).toBe('failed');
  expect((await ask(['period', 'dossiers_completed'], 'ubnd-vinh-yen', b)).status).toBe('running');
});

test('the same ask on another container is the same job: one query', async () => {
  const first = await ask(['period', 'paid_online_pct'], 'so-khcn');
  const again = await ask(['period', 'paid_online_pct'], 'so-khcn');
  expect(again.exportId).toBe(first.exportId);
  expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(1);
});

test('asks at the same moment on five containers never start more than the cap', async () => {
  const fields = ['dossiers_total', 'dossiers_online', 'dossiers_completed', 'online_rate_pct', 'on_time_rate_pct'];
  const outcomes = await Promise.all(fields.map((f) => refusal(ask(['period', f], 'ttpvhcc'))));
  const admitted = outcomes.filter((o) => o === undefined).length;
  expect(admitted).toBeLessThanOrEqual(MAX_RUNNING_EXPORTS);
  expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(admitted);
  for (const outcome of outcomes) if (outcome) expect(outcome.status).toBe(429);
});
