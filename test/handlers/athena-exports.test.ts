import { AthenaClient, GetQueryExecutionCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
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

test('UNLOADs the granted rows (row filter as parameters) into the export folder; a status poll reads only the job record', async () => {
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

  // The query has ended and its files are there, but the finisher has not recorded it: a poll
  // reads the job record only (no Athena, none of the files, which could take longer than the API's 29 s).
  await store.put(`exports/ubnd-vinh-yen/${job.exportId}/part-0.parquet`, 'A');
  await store.put(`exports/ubnd-vinh-yen/${job.exportId}/part-1.parquet`, 'BB');
  athena.on(GetQueryExecutionCommand).resolves({
    QueryExecution: { Query: input.QueryString, Status: { State: 'SUCCEEDED' } },
  });
  const read = jest.spyOn(store, 'read');
  expect((await exports.get('ubnd-vinh-yen', job.exportId))!.status).toBe('running');
  expect(read).not.toHaveBeenCalled();
  expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(0);
  // Another agency asking for the same id finds nothing.
  expect(await exports.get('ioc', job.exportId)).toBeUndefined();

  // These files are not Parquet: rows come from UNLOAD's footers, so the finisher refuses them
  // (and is retried) rather than record a receipt of 0 rows; it never asks for runtime statistics.
  await expect(exports.finish('q-unload')).rejects.toThrow('not a Parquet file');
  expect((await exports.get('ubnd-vinh-yen', job.exportId))!.status).toBe('running');
  expect(athena.calls().map((c) => c.args[0].constructor.name)).toEqual([
    'StartQueryExecutionCommand',
    'GetQueryExecutionCommand',
  ]);
});

test('a status poll after the export ended reads only the stored job: the files were hashed once, by finish', async () => {
  const store = new FolderStore(join(tempDir(), 'lake'));
  const exports = new AthenaUnloadExports(
    new AthenaClient({ region: 'ap-southeast-1' }),
    { workGroup: 'vpdc-dev', database: 'vpdc_dev' },
    store,
    'exports-bucket',
  );
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-csv' });
  const job = await exports.start(
    'ubnd-vinh-yen',
    access,
    { fields: ['period'], filters: [] },
    'csv',
    'v1',
    'dossiers_monthly',
    NOW,
  );
  const query = athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input.QueryString;
  await store.put(`exports/ubnd-vinh-yen/${job.exportId}/a`, '2025-01\n2025-02\n');
  await store.put(`exports/ubnd-vinh-yen/${job.exportId}/b`, '2025-03');
  athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Query: query, Status: { State: 'SUCCEEDED' } } });
  const read = jest.spyOn(store, 'read');

  const done = (await exports.finish('q-csv'))!;
  expect(read).toHaveBeenCalledTimes(2);
  expect(done).toMatchObject({
    status: 'succeeded',
    receipt: {
      datasetVersion: 'v1',
      rows: 3,
      bytes: 23,
      sha256: sha256Hex(`${sha256Hex('2025-01\n2025-02\n')}\n${sha256Hex('2025-03')}`),
    },
  });
  expect(done.files!.map((f) => f.key)).toEqual([
    `exports/ubnd-vinh-yen/${job.exportId}/a`,
    `exports/ubnd-vinh-yen/${job.exportId}/b`,
  ]);

  read.mockClear();
  const athenaCalls = athena.calls().length;
  expect(await exports.get('ubnd-vinh-yen', job.exportId)).toEqual(done);
  expect(read).not.toHaveBeenCalled();
  expect(athena.calls()).toHaveLength(athenaCalls);
  // A second event for the same query (EventBridge delivers at least once) changes nothing.
  expect(await exports.finish('q-csv')).toEqual(done);
  expect(read).not.toHaveBeenCalled();
});

test('finish ignores the queries of the workgroup that are no export, and waits for a job record not saved yet', async () => {
  const store = new FolderStore(join(tempDir(), 'lake'));
  const exports = new AthenaUnloadExports(
    new AthenaClient({ region: 'ap-southeast-1' }),
    { workGroup: 'vpdc-dev', database: 'vpdc_dev' },
    store,
    'exports-bucket',
  );
  athena
    .on(GetQueryExecutionCommand, { QueryExecutionId: 'q-select' })
    .resolves({ QueryExecution: { Query: 'select 1', Status: { State: 'SUCCEEDED' } } });
  expect(await exports.finish('q-select')).toBeUndefined();
  athena.on(GetQueryExecutionCommand, { QueryExecutionId: 'q-early' }).resolves({
    QueryExecution: {
      Query: "UNLOAD (select 1) TO 's3://exports-bucket/exports/ioc/e-1/' WITH (format = 'JSON')",
      Status: { State: 'SUCCEEDED' },
    },
  });
  await expect(exports.finish('q-early')).rejects.toThrow('export e-1 has no job record for query q-early yet');
  expect(await store.list('exports/')).toEqual([]);
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
  athena.on(GetQueryExecutionCommand).resolves({
    QueryExecution: {
      Query: athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input.QueryString,
      Status: { State: 'FAILED', StateChangeReason: 'HIVE_PATH_ALREADY_EXISTS: s3://exports-bucket/…' },
    },
  });
  await exports.finish('q2');
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
