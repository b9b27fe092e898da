import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryRuntimeStatisticsCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { join } from 'node:path';
import { sha256Hex } from '../../lambdas/core/ingest/sha256';
import { FolderStore } from '../../lambdas/core/lake/folder-store';
import { SQL_DIR } from '../../lambdas/core/sql/sql-dir';
import { loadViews } from '../../lambdas/core/sql/view-files';
import { AthenaUnloadExports } from '../../lambdas/core/sharing/athena-exports';
import { Grants, type Access } from '../../lambdas/core/sharing/grants';
import grantsJson from '../../lambdas/core/sharing/grants.json';
import { servedDatasets } from '../../lambdas/core/sharing/served-datasets';
import { useTempDir } from '../support/temp-dir';

// Athena is mocked; the exports store is a real folder.
const athena = mockClient(AthenaClient);
const tempDir = useTempDir();
const grants = Grants.parse(grantsJson, servedDatasets(loadViews(SQL_DIR)));
const access = grants.access('ubnd-vinh-yen', 'dossiers_monthly', '2026-11-27') as Access;
const NOW = new Date('2026-11-27T08:00:00Z');

beforeEach(() => athena.reset());

test('UNLOADs the granted rows (row filter as parameters) into the export folder, then records files, checksums and rows', async () => {
  const store = new FolderStore(join(tempDir(), 'lake'));
  const exports = new AthenaUnloadExports(
    new AthenaClient({ region: 'ap-southeast-1' }),
    { workGroup: 'vpdc-dev', database: 'vpdc_dev' },
    store,
    'exports-bucket',
  );
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-unload' });
  const job = await exports.start(
    'ubnd-vinh-yen',
    access,
    { fields: ['period', 'dossiers_total'], filters: [], periodFrom: '2025-01' },
    'parquet',
    'v1',
    'dossiers_monthly',
    NOW,
  );

  const input = athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input;
  expect(input.QueryString).toBe(
    `UNLOAD (select "period", "dossiers_total", "agency_code", "ward_code" from "dossiers_monthly" where "ward_code" in (cast(? as varchar)) and "period" >= ?) TO 's3://exports-bucket/exports/ubnd-vinh-yen/${job.exportId}/' WITH (format = 'PARQUET', compression = 'ZSTD')`,
  );
  expect(input.ExecutionParameters).toEqual(["'08707'", "'2025-01'"]);

  athena
    .on(GetQueryExecutionCommand)
    .resolvesOnce({ QueryExecution: { Status: { State: 'RUNNING' } } })
    .resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
  expect((await exports.get('ubnd-vinh-yen', job.exportId))!.status).toBe('running');
  await store.put(`exports/ubnd-vinh-yen/${job.exportId}/part-0.parquet`, 'A');
  await store.put(`exports/ubnd-vinh-yen/${job.exportId}/part-1.parquet`, 'BB');
  athena.on(GetQueryRuntimeStatisticsCommand).resolves({ QueryRuntimeStatistics: { Rows: { OutputRows: 42 } } });
  const done = (await exports.get('ubnd-vinh-yen', job.exportId))!;
  expect(done).toMatchObject({
    status: 'succeeded',
    receipt: { datasetVersion: 'v1', rows: 42, bytes: 3, sha256: sha256Hex(`${sha256Hex('A')}\n${sha256Hex('BB')}`) },
  });
  expect(done.files!.map((f) => f.key)).toEqual([
    `exports/ubnd-vinh-yen/${job.exportId}/part-0.parquet`,
    `exports/ubnd-vinh-yen/${job.exportId}/part-1.parquet`,
  ]);
  // Another agency asking for the same id finds nothing.
  expect(await exports.get('ioc', job.exportId)).toBeUndefined();
  // Once recorded as done, Athena is not asked again.
  const calls = athena.commandCalls(GetQueryExecutionCommand).length;
  await exports.get('ubnd-vinh-yen', job.exportId);
  expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(calls);
});

test('a failed UNLOAD marks the export failed without leaking the reason; Arrow is not a full-export format', async () => {
  const store = new FolderStore(join(tempDir(), 'lake'));
  const exports = new AthenaUnloadExports(
    new AthenaClient({ region: 'ap-southeast-1' }),
    { workGroup: 'vpdc-dev', database: 'vpdc_dev' },
    store,
    'exports-bucket',
  );
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q2' });
  athena.on(GetQueryExecutionCommand).resolves({
    QueryExecution: {
      Status: { State: 'FAILED', StateChangeReason: 'HIVE_PATH_ALREADY_EXISTS: s3://exports-bucket/…' },
    },
  });
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const job = await exports.start(
    'ubnd-vinh-yen',
    access,
    { fields: ['period'], filters: [] },
    'csv',
    'v1',
    'dossiers_monthly',
    NOW,
  );
  const failed = (await exports.get('ubnd-vinh-yen', job.exportId))!;
  expect(failed).toMatchObject({
    status: 'failed',
    error: 'the export failed on the server; try again or ask the data center',
  });
  expect(JSON.stringify(failed)).not.toContain('HIVE_PATH');
  error.mockRestore();
  await expect(
    exports.start('ubnd-vinh-yen', access, { fields: ['period'], filters: [] }, 'arrow', 'v1', 'dossiers_monthly', NOW),
  ).rejects.toMatchObject({ status: 406 });
});
