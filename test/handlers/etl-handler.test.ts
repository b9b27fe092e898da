import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateNativeSamples } from '../../lambdas/core/samples/generate-native';
import { generateSamples } from '../../lambdas/core/samples/generate-samples';
import { startLocalS3, type LocalS3 } from '../support/s3-server';
import { useTempDir } from '../support/temp-dir';

// The ETL handler against a real S3 protocol server (fauxqs on 127.0.0.1): three buckets,
// an SQS batch of EventBridge "Object Created" events, the lake checked afterwards.
const tempDir = useTempDir();
const BUCKETS = { raw: 'vpdc-raw', curated: 'vpdc-curated', quarantine: 'vpdc-quarantine' };
let s3: LocalS3;
let handler: (event: SQSEvent, context: Context) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
const emitted: string[] = [];
const logged: string[] = [];

// Secrets Manager cannot run here: the PII key comes from a mock.
mockClient(SecretsManagerClient).on(GetSecretValueCommand).resolves({ SecretString: 'test-pii-key' });

beforeAll(async () => {
  s3 = await startLocalS3(Object.values(BUCKETS));
  Object.assign(process.env, {
    RAW_BUCKET: BUCKETS.raw,
    PII_KEY_SECRET_ARN: 'arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:pii-key',
    CURATED_BUCKET: BUCKETS.curated,
    QUARANTINE_BUCKET: BUCKETS.quarantine,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_REGION: 'ap-southeast-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    POWERTOOLS_METRICS_NAMESPACE: 'vpdc/test',
    // INFO: the per-file log lines are part of what the PII test scans.
    POWERTOOLS_LOG_LEVEL: 'INFO',
    // Development mode prints through the global console, where the test collects it.
    POWERTOOLS_DEV: 'true',
    POWERTOOLS_METRICS_DISABLED: 'false',
  });
  // Powertools prints EMF metrics as JSON lines: keep them to assert on.
  jest.spyOn(console, 'log').mockImplementation((line: unknown) => void emitted.push(String(line)));
  // Log lines too, to show what never appears in them.
  for (const method of ['info', 'warn', 'error', 'debug'] as const)
    jest
      .spyOn(console, method)
      .mockImplementation((...parts: unknown[]) => void logged.push(parts.map(String).join(' ')));
  // Loaded only now: the handler reads its settings at module load.
  ({ handler } = require('../../lambdas/etl/handler') as typeof import('../../lambdas/etl/handler'));
});

afterAll(async () => {
  jest.restoreAllMocks();
  await s3.stop();
});

const context = {
  functionName: 'etl',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 60_000,
} as unknown as Context;

function objectCreated(key: string, messageId: string, bucket = BUCKETS.raw): SQSRecord {
  const body = JSON.stringify({
    version: '0',
    source: 'aws.s3',
    'detail-type': 'Object Created',
    detail: { bucket: { name: bucket }, object: { key, size: 1 } },
  });
  return {
    messageId,
    receiptHandle: messageId,
    body,
    attributes: {} as SQSRecord['attributes'],
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:ap-southeast-1:111122223333:feed',
    awsRegion: 'ap-southeast-1',
  };
}

async function keys(bucket: string): Promise<string[]> {
  const page = await s3.client.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (page.Contents ?? []).map((o) => o.Key!).sort();
}

async function json(bucket: string, key: string): Promise<Record<string, unknown>> {
  const response = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return JSON.parse(await response.Body!.transformToString());
}

test('ingests a feed, records an unroutable file as failed, and fails only the message it could not read', async () => {
  const [file] = await generateSamples(tempDir(), { datasets: ['eid_accounts'] });
  const feedKey = 'raw/canonical/2026/11/27/eid_accounts.csv';
  await s3.client.send(new PutObjectCommand({ Bucket: BUCKETS.raw, Key: feedKey, Body: readFileSync(file!.path) }));
  await s3.client.send(
    new PutObjectCommand({ Bucket: BUCKETS.raw, Key: 'raw/canonical/2026/11/27/notes.txt', Body: 'not a feed' }),
  );
  const broken = { ...objectCreated(feedKey, 'm-broken'), body: '{"detail-type":' };

  const response = await handler(
    {
      Records: [
        objectCreated(feedKey, 'm-feed'),
        broken,
        objectCreated('raw/canonical/2026/11/27/notes.txt', 'm-notes'),
      ],
    },
    context,
  );

  expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-broken' }]);
  const curated = await keys(BUCKETS.curated);
  const [feedManifest] = curated.filter((k) => k.startsWith('manifests/canonical/'));
  const manifest = await json(BUCKETS.curated, feedManifest!);
  expect(manifest).toMatchObject({
    status: 'succeeded',
    dataset: 'eid_accounts',
    source: 'canonical',
    rawKey: feedKey,
    rowsIn: file!.rows,
    rowsRejected: 0,
  });
  const outputs = manifest.outputs as { key: string }[];
  expect(outputs.length).toBeGreaterThan(0);
  expect(curated).toEqual(expect.arrayContaining(outputs.map((o) => o.key)));
  const [unrouted] = curated.filter((k) => k.startsWith('manifests/unrouted/'));
  expect(await json(BUCKETS.curated, unrouted!)).toMatchObject({
    status: 'failed',
    rawKey: 'raw/canonical/2026/11/27/notes.txt',
    error: { code: 'unknown_dataset' },
  });
  expect(await keys(BUCKETS.raw)).toEqual([
    'raw/canonical/2026/11/27/eid_accounts.csv',
    'raw/canonical/2026/11/27/notes.txt',
  ]);

  const documents = emitted.map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(documents.filter((d) => d.source === 'canonical')).toEqual([
    expect.objectContaining({ FeedsReceived: 1, FeedsFailed: 0, RowsAccepted: file!.rows, RowsRejected: 0 }),
  ]);
  expect(documents.filter((d) => d.source === 'unrouted')).toEqual([
    expect.objectContaining({ FeedsReceived: 1, FeedsFailed: 1, RowsAccepted: 0 }),
  ]);
});

test('a redelivered message changes nothing in the lake', async () => {
  const before = await keys(BUCKETS.curated);
  const response = await handler(
    { Records: [objectCreated('raw/canonical/2026/11/27/eid_accounts.csv', 'm-again')] },
    context,
  );
  expect(response.batchItemFailures).toEqual([]);
  expect(await keys(BUCKETS.curated)).toEqual(before);
});

test('refuses an event from another bucket; a batch where every message fails fails the invocation', async () => {
  await expect(
    handler(
      { Records: [objectCreated('raw/canonical/2026/11/27/eid_accounts.csv', 'm-other', 'someone-elses-bucket')] },
      context,
    ),
  ).rejects.toThrow('All records failed processing');
});

test('a one-stop export: citizen IDs hashed with the key from Secrets Manager; no clear ID in curated, quarantine, manifests or logs', async () => {
  // Prepare: the one-stop system's native export for one month, one row made invalid.
  const [file] = await generateNativeSamples(tempDir(), { periods: ['2025-12'], datasets: ['admin_dossiers'] });
  const [header, ...rows] = readFileSync(file!.path, 'utf8').trim().split('\r\n');
  rows[0] = rows[0]!.replace(/^\d{5}/, '99999');
  writeFileSync(file!.path, `${[header, ...rows].join('\r\n')}\r\n`);
  const clearIds = [...new Set(rows.map((row) => /(026\d{9})$/.exec(row)![1]!))];
  const feedKey = 'raw/one-stop/2026/01/05/ho_so_thang_12.csv';
  await s3.client.send(new PutObjectCommand({ Bucket: BUCKETS.raw, Key: feedKey, Body: readFileSync(file!.path) }));

  // Act
  const response = await handler({ Records: [objectCreated(feedKey, 'm-one-stop')] }, context);

  // Assess
  expect(response.batchItemFailures).toEqual([]);
  const [manifestKey] = (await keys(BUCKETS.curated)).filter((k) => k.startsWith('manifests/one-stop/'));
  const manifest = await json(BUCKETS.curated, manifestKey!);
  expect(manifest).toMatchObject({
    status: 'succeeded',
    format: 'csv',
    encoding: 'utf-8',
    rowsIn: rows.length,
    rowsRejected: 1,
    reasons: { unknown_ward: 1 },
  });
  const texts: string[] = [...logged, ...emitted, JSON.stringify(manifest)];
  for (const key of await keys(BUCKETS.quarantine))
    texts.push(
      await (
        await s3.client.send(new GetObjectCommand({ Bucket: BUCKETS.quarantine, Key: key }))
      ).Body!.transformToString(),
    );
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  for (const output of (manifest.outputs as { kind: string; key: string }[]).filter((o) => o.kind === 'curated')) {
    const local = join(tempDir(), `${texts.length}.parquet`);
    writeFileSync(
      local,
      await (
        await s3.client.send(new GetObjectCommand({ Bucket: BUCKETS.curated, Key: output.key }))
      ).Body!.transformToByteArray(),
    );
    texts.push(JSON.stringify((await db.runAndReadAll(`select * from read_parquet('${local}')`)).getRowObjectsJson()));
  }
  expect(logged.some((line) => line.includes('ingest succeeded'))).toBe(true);
  expect(texts.join('\n')).toContain(createHmac('sha256', 'test-pii-key').update(clearIds[1]!).digest('hex'));
  expect(clearIds.filter((id) => texts.some((text) => text.includes(id)))).toEqual([]);
});
