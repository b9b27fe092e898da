/**
 * The dataset-events Lambda: SQS messages carrying EventBridge "Object Created" events of
 * manifests in the curated bucket → each subscriber of a dataset the manifest gave a new
 * version gets its signed webhook (lambdas/core/sharing/subscriptions), retried, then
 * dead-lettered in the bucket. A thin adapter: parse, call the core, log. A message fails only
 * when the core cannot run (S3 unreachable): SQS retries it, then moves it to its DLQ.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { parseManifest } from '../core/ingest/manifest';
import { s3ClientFromEnvironment } from '../core/lake/open-store';
import { S3Store } from '../core/lake/s3-store';
import { ZonedStore } from '../core/lake/zoned-store';
import { requiredEnv } from '../core/runtime/required-env';
import { AuditLog } from '../core/sharing/audit-log';
import { AccessRequestStore } from '../core/sharing/access-requests/access-request-store';
import { LiveGrants } from '../core/sharing/access-requests/live-grants';
import { dynamoRecords } from '../core/sharing/access-requests/request-records';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import grantsJson from '../core/sharing/grants.json';
import { ManifestIndex, manifestSummary } from '../core/sharing/manifest-index';
import { servedDatasets } from '../core/sharing/served-datasets';
import { notifySubscribers } from '../core/sharing/subscriptions/notify-subscribers';
import { SubscriptionStore } from '../core/sharing/subscriptions/subscription-store';
import { SQL_DIR } from '../core/sql/sql-dir';
import { loadViews } from '../core/sql/view-files';

const curatedBucket = requiredEnv('CURATED_BUCKET');
const s3 = s3ClientFromEnvironment();
const dynamo = new DynamoDBClient({});
const curated = new S3Store({ client: s3, bucket: curatedBucket });
const store = new ZonedStore({
  manifests: curated,
  subscriptions: curated,
  'subscriptions-dead-letters': curated,
  audit: new S3Store({ client: s3, bucket: requiredEnv('AUDIT_BUCKET') }),
});
const served = servedDatasets(loadViews(SQL_DIR));
// The grants in force (the file and approved access requests): an expired grant gets no event.
const grants = new LiveGrants(
  grantsJson,
  served,
  new AccessRequestStore(dynamoRecords(dynamo, requiredEnv('ACCESS_REQUESTS_TABLE'))),
  60_000,
);
const audit = new AuditLog(store);
// One per container, re-listed at every use (refresh 0) so the versions include the manifest just
// written, while each manifest object is read once, not once per message.
const manifests = new ManifestIndex(store, 0);
const logger = new Logger({ serviceName: 'vpdc-dataset-events' });
const processor = new BatchProcessor(EventType.SQS);

const objectCreated = z.object({
  'detail-type': z.literal('Object Created'),
  detail: z.object({
    bucket: z.object({ name: z.literal(curatedBucket) }),
    object: z.object({ key: z.string().min(1) }),
  }),
});

async function notifyRecord(record: SQSRecord): Promise<void> {
  const { key } = objectCreated.parse(JSON.parse(record.body)).detail.object;
  if (!key.startsWith('manifests/') || !key.endsWith('.json')) return;
  const manifest = manifestSummary(parseManifest(await store.get(key)));
  await grants.refresh();
  const notified = await notifySubscribers(manifest, {
    served,
    grants,
    manifests,
    subscriptions: new SubscriptionStore(store),
    delivery: { store, audit },
  });
  logger.info('subscribers notified', {
    manifestKey: key,
    deliveries: notified.map((n) => ({ subscription: n.subscription, dataset: n.dataset, outcome: n.result.outcome })),
  });
}

export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  logger.addContext(context);
  return processPartialResponse(event, notifyRecord, processor, { context });
}
