import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { Webhook } from 'standardwebhooks';
import { getDataset } from '../../lambdas/core/contracts';
import { ingestLocalFile } from '../../lambdas/core/ingest/ingest-local-file';
import { FolderStore } from '../../lambdas/core/lake/folder-store';
import { generateSamples } from '../../lambdas/core/samples/generate-samples';
import { newWebhookSecret } from '../../lambdas/core/sharing/subscriptions/webhook-signature';
import { startLocalS3, type LocalS3 } from '../support/s3-server';
import { useTempDir } from '../support/temp-dir';

// The dataset-events handler against a real S3 protocol server (fauxqs on 127.0.0.1): real
// manifests and a subscription in the curated bucket, an SQS batch of EventBridge "Object
// Created" events, and a webhook receiver that checks the signature with Standard Webhooks'
// own library.
const tempDir = useTempDir();
// DynamoDB cannot run here: no access request was approved, so the grants are the file's.
mockClient(DynamoDBClient).on(ScanCommand).resolves({ Items: [] });
const BUCKETS = { curated: 'vpdc-curated', audit: 'vpdc-audit' };
const SECRET = newWebhookSecret();
let s3: LocalS3;
let handler: (event: SQSEvent, context: Context) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
const received: { headers: Record<string, string>; body: string }[] = [];
const receiver = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    received.push({ headers: request.headers as Record<string, string>, body });
    response.end();
  });
});

beforeAll(async () => {
  s3 = await startLocalS3(Object.values(BUCKETS));
  await new Promise<void>((listening) => receiver.listen(0, '127.0.0.1', listening));
  Object.assign(process.env, {
    CURATED_BUCKET: BUCKETS.curated,
    AUDIT_BUCKET: BUCKETS.audit,
    ACCESS_REQUESTS_TABLE: 'vpdc-access-requests',
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_REGION: 'ap-southeast-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  });
  ({ handler } = require('../../lambdas/events/handler') as typeof import('../../lambdas/events/handler'));
}, 60_000);

afterAll(async () => {
  receiver.close();
  await s3.stop();
});

const context = { functionName: 'events', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 60_000 } as Context;

function objectCreated(key: string, messageId: string, bucket = BUCKETS.curated): SQSRecord {
  return {
    messageId,
    receiptHandle: messageId,
    body: JSON.stringify({ 'detail-type': 'Object Created', detail: { bucket: { name: bucket }, object: { key } } }),
    attributes: {} as SQSRecord['attributes'],
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:ap-southeast-1:111122223333:events',
    awsRegion: 'ap-southeast-1',
  };
}

test('a new manifest posts one signed event per subscribed dataset it changed, audited; a foreign bucket fails its message only', async () => {
  // Real manifests: the e-ID sample ingested into a folder, then put in the curated bucket as the ETL would.
  const lake = new FolderStore(tempDir());
  const [file] = await generateSamples(tempDir(), { datasets: ['eid_accounts'] });
  const { manifest, manifestKey } = await ingestLocalFile({
    store: lake,
    path: file!.path,
    contract: getDataset('eid_accounts'),
    source: 'canonical',
  });
  await s3.client.send(
    new PutObjectCommand({ Bucket: BUCKETS.curated, Key: manifestKey, Body: await lake.get(manifestKey) }),
  );
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const subscription = {
    id: '5d0f4c3e-2b1a-4c8e-9f00-1a2b3c4d5e6f',
    agency: 'ioc',
    dataset: 'eid_by_ward',
    url,
    secret: SECRET,
    createdAt: '2026-12-01T00:00:00Z',
  };
  await s3.client.send(
    new PutObjectCommand({
      Bucket: BUCKETS.curated,
      Key: `subscriptions/ioc/${subscription.id}.json`,
      Body: JSON.stringify(subscription),
    }),
  );

  const response = await handler(
    {
      Records: [
        objectCreated(manifestKey, 'm-manifest'),
        objectCreated(manifestKey, 'm-other', 'someone-elses-bucket'),
        objectCreated('curated/x.parquet', 'm-data'),
      ],
    },
    context,
  );

  expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-other' }]);
  expect(received).toHaveLength(1);
  const event = new Webhook(SECRET).verify(received[0]!.body, received[0]!.headers) as Record<string, unknown>;
  expect(event).toMatchObject({
    type: 'dataset.version',
    dataset: 'eid_by_ward',
    fedBy: { dataset: 'eid_accounts', source: 'canonical' },
    periods: manifest.periods,
  });
  const audit = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKETS.audit }));
  expect((audit.Contents ?? []).map((o) => o.Key)).toEqual([expect.stringMatching(/^audit\/\d{4}\/\d{2}\/\d{2}\//)]);
}, 60_000);
