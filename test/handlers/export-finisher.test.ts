import { AthenaClient, GetQueryExecutionCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { mockClient } from 'aws-sdk-client-mock';
import { gzipSync } from 'node:zlib';
import { Compression, Table, WriterPropertiesBuilder, writeParquet } from 'parquet-wasm';
import { sha256Hex } from '../../lambdas/core/ingest/sha256';
import { S3Store } from '../../lambdas/core/lake/s3-store';
import { ZonedStore } from '../../lambdas/core/lake/zoned-store';
import { SQL_DIR } from '../../lambdas/core/sql/sql-dir';
import { loadViews } from '../../lambdas/core/sql/view-files';
import { AthenaUnloadExports } from '../../lambdas/core/sharing/athena-exports';
import type { Format } from '../../lambdas/core/sharing/formats';
import { Grants, type Access } from '../../lambdas/core/sharing/grants';
import grantsJson from '../../lambdas/core/sharing/grants.json';
import { servedDatasets } from '../../lambdas/core/sharing/served-datasets';
import { startLocalS3, type LocalS3 } from '../support/s3-server';

// fauxqs (a real S3 protocol server) holds what UNLOAD wrote; Athena is played by aws-sdk-client-mock.
const athena = mockClient(AthenaClient);
const BUCKET = 'finisher-exports';
const grants = Grants.parse(grantsJson, servedDatasets(loadViews(SQL_DIR)));
const access = grants.access('ubnd-vinh-yen', 'dossiers_monthly', '2026-11-27') as Access;
const NOW = new Date('2026-11-27T08:00:00Z');
let s3: LocalS3;
let handler: (event: unknown) => Promise<void>;
/** The keys of every GetObject the API side's S3 client sends. */
const gets: string[] = [];
let api: AthenaUnloadExports;

beforeAll(async () => {
  s3 = await startLocalS3([BUCKET]);
  s3.client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'GetObjectCommand') gets.push((args.input as { Key: string }).Key);
      return next(args);
    },
    { step: 'initialize' },
  );
  api = new AthenaUnloadExports(
    new AthenaClient({ region: 'ap-southeast-1' }),
    { workGroup: 'vpdc-dev', database: 'vpdc_dev' },
    new ZonedStore({ exports: new S3Store({ client: s3.client, bucket: BUCKET }) }),
    BUCKET,
  );
  Object.assign(process.env, {
    EXPORTS_BUCKET: BUCKET,
    ATHENA_WORKGROUP: 'vpdc-dev',
    GLUE_DATABASE: 'vpdc_dev',
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_REGION: 'ap-southeast-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
  ({ handler } = require('../../lambdas/export-finisher/handler') as { handler: typeof handler });
});

afterAll(() => s3.stop());
beforeEach(() => athena.reset());

/** Athena's event when a query of the workgroup ends (EventBridge "Athena Query State Change"). */
const ended = (queryExecutionId: string) => ({
  version: '0',
  source: 'aws.athena',
  'detail-type': 'Athena Query State Change',
  detail: { currentState: 'SUCCEEDED', previousState: 'RUNNING', queryExecutionId, workgroupName: 'vpdc-dev' },
});

/** Starts an export, puts the files its UNLOAD "wrote" and plays the query as SUCCEEDED. */
async function unloaded(format: Format, queryExecutionId: string, files: Uint8Array[]) {
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: queryExecutionId });
  const job = await api.start(
    'ubnd-vinh-yen',
    access,
    { fields: ['period'], filters: [] },
    format,
    'v7',
    'dossiers_monthly',
    NOW,
  );
  const query = athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input.QueryString;
  athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Query: query, Status: { State: 'SUCCEEDED' } } });
  const keys = files.map(
    (_, i) => `exports/ubnd-vinh-yen/${job.exportId}/20261127_080000_0000${i}_${queryExecutionId}`,
  );
  for (const [i, body] of files.entries())
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: keys[i], Body: body }));
  return { job, keys };
}

function parquet(rows: number): Uint8Array {
  const table = tableFromArrays({
    period: Array.from({ length: rows }, (_, i) => `2025-${String((i % 12) + 1).padStart(2, '0')}`),
    dossiers_total: Int32Array.from({ length: rows }, (_, i) => i),
  });
  // Small row groups: the footer lists several, as a writer of a large export's does.
  const properties = new WriterPropertiesBuilder().setCompression(Compression.ZSTD).setMaxRowGroupSize(100).build();
  return writeParquet(Table.fromIPCStream(tableToIPC(table, 'stream')), properties);
}

test('counts a Parquet export’s rows from the footers UNLOAD wrote, hashes each file once, and polls read only the job record', async () => {
  const files = [parquet(1234), parquet(7)];
  const { job, keys } = await unloaded('parquet', 'q-parquet', files);

  await handler(ended('q-parquet'));

  gets.length = 0;
  const done = (await api.get('ubnd-vinh-yen', job.exportId))!;
  expect(done).toMatchObject({
    status: 'succeeded',
    receipt: {
      datasetVersion: 'v7',
      rows: 1241,
      bytes: files[0]!.length + files[1]!.length,
      sha256: sha256Hex(`${sha256Hex(files[0]!)}\n${sha256Hex(files[1]!)}`),
    },
  });
  expect(done.files).toEqual(keys.map((key, i) => ({ key, bytes: files[i]!.length, sha256: sha256Hex(files[i]!) })));
  // The poll read one object, the job record; none of the export's files, and Athena was not asked.
  expect(gets).toEqual([`exports/ubnd-vinh-yen/${job.exportId}.job.json`]);
  expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(1);
});

test('counts the lines of JSON and CSV exports, GZIP (Athena’s default for text) or not', async () => {
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `{"period":"2025-${i}"}\n`).join('');
  const { job } = await unloaded('ndjson', 'q-json', [gzipSync(lines(1500)), gzipSync(lines(2)), Buffer.from('')]);
  await handler(ended('q-json'));
  expect((await api.get('ubnd-vinh-yen', job.exportId))!.receipt).toMatchObject({ rows: 1502 });

  athena.reset();
  // As csvLines (athena-csv.ts) has UNLOAD write it: a header line, then the rows.
  const csv = await unloaded('csv', 'q-csv', [Buffer.from('\uFEFFperiod\r\n2025-01\r\n2025-02\r\n2025-03\r\n')]);
  await handler(ended('q-csv'));
  expect((await api.get('ubnd-vinh-yen', csv.job.exportId))!.receipt).toMatchObject({ rows: 3 });
});
