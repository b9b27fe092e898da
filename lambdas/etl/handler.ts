/**
 * The ETL Lambda: SQS messages carrying EventBridge "Object Created" events from the raw
 * bucket → one ingest per object (lambdas/core). A thin adapter: parse, call the core, emit
 * metrics. A feed that fails whole is a result (failed manifest), not an error; an error
 * (an S3 outage) fails only its message, which SQS retries and then moves to the DLQ.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { ingestRawObject } from '../core/ingest/ingest-raw-object';
import { openBucketLake, s3ClientFromEnvironment } from '../core/lake/open-store';
import { ETL_METRICS, METRIC_SERVICES, SOURCE_DIMENSION } from '../core/observability/etl-metrics';
import { requiredEnv } from '../core/runtime/required-env';

const rawBucket = requiredEnv('RAW_BUCKET');
const tracer = new Tracer({ serviceName: 'vpdc-etl' });
const lake = openBucketLake(tracer.captureAWSv3Client(s3ClientFromEnvironment()), {
  raw: rawBucket,
  curated: requiredEnv('CURATED_BUCKET'),
  quarantine: requiredEnv('QUARANTINE_BUCKET'),
});
const logger = new Logger({ serviceName: 'vpdc-etl' });
// The service name is a dimension of every metric: the alarms name it (metricDimensions).
const metrics = new Metrics({ serviceName: METRIC_SERVICES.etl });
const processor = new BatchProcessor(EventType.SQS);
const piiKeySecret = requiredEnv('PII_KEY_SECRET_ARN');
const secrets = tracer.captureAWSv3Client(new SecretsManagerClient({}));
let piiKey: Promise<string> | undefined;

/** The key of personal identifiers' keyed hashes, read once per container (a failed read is retried with the next message). */
function loadPiiKey(): Promise<string> {
  piiKey ??= secrets.send(new GetSecretValueCommand({ SecretId: piiKeySecret })).then((result) => {
    if (!result.SecretString) throw new Error(`secret ${piiKeySecret} has no string value`);
    return result.SecretString;
  });
  piiKey.catch(() => (piiKey = undefined));
  return piiKey;
}

const objectCreated = z.object({
  'detail-type': z.literal('Object Created'),
  detail: z.object({
    bucket: z.object({ name: z.string() }),
    object: z.object({ key: z.string().min(1), size: z.number().optional() }),
  }),
});

export class UnexpectedBucketError extends Error {
  override name = 'UnexpectedBucketError';
}

async function ingestRecord(record: SQSRecord): Promise<void> {
  const { detail } = objectCreated.parse(JSON.parse(record.body));
  if (detail.bucket.name !== rawBucket)
    throw new UnexpectedBucketError(`event for bucket ${detail.bucket.name}, expected the raw bucket ${rawBucket}`);
  logger.appendKeys({ objectKey: detail.object.key, messageId: record.messageId });
  try {
    const { manifest, manifestKey, unchanged } = await ingestRawObject({
      store: lake,
      rawKey: detail.object.key,
      parquetEncoding: 'inline',
      stagingRoot: '/tmp',
      piiKey: await loadPiiKey(),
    });
    logger.info(unchanged ? 'already ingested' : `ingest ${manifest.status}`, {
      source: manifest.source,
      dataset: manifest.dataset,
      manifestKey,
      rowsIn: manifest.rowsIn,
      rowsRejected: manifest.rowsRejected,
      error: manifest.error,
    });
    if (unchanged) return;
    // One EMF document per file; publishing clears the dimension for the next record.
    metrics.addDimension(SOURCE_DIMENSION, manifest.source);
    metrics.addMetric(ETL_METRICS.feedsReceived, MetricUnit.Count, 1);
    metrics.addMetric(ETL_METRICS.feedsFailed, MetricUnit.Count, manifest.status === 'failed' ? 1 : 0);
    metrics.addMetric(ETL_METRICS.rowsAccepted, MetricUnit.Count, manifest.rowsAccepted);
    metrics.addMetric(ETL_METRICS.rowsRejected, MetricUnit.Count, manifest.rowsRejected);
    metrics.publishStoredMetrics();
  } finally {
    logger.removeKeys(['objectKey', 'messageId']);
  }
}

export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  logger.addContext(context);
  // One file at a time: each ingest streams with bounded memory, several at once would not.
  return processPartialResponse(event, ingestRecord, processor, { context, processInParallel: false });
}
