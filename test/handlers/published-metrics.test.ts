import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { generateSamples } from '../../lambdas/core/samples/generate-samples';
import { synthStack } from '../cdk/synth-stack';
import { startLocalS3, type LocalS3 } from '../support/s3-server';
import { useTempDir } from '../support/temp-dir';

// CloudWatch treats every set of dimensions as its own metric: an alarm on a set nobody
// publishes never sees data. So run the handlers that publish metrics (the ETL on a feed and on
// an unroutable file, then the freshness function over the manifests it wrote), keep the EMF
// documents they print, and check every alarm and dashboard metric of the stack against them.
const tempDir = useTempDir();
const BUCKETS = { raw: 'vpdc-raw', curated: 'vpdc-curated', quarantine: 'vpdc-quarantine' };
const { template } = synthStack();
const emitted: string[] = [];
let s3: LocalS3;

mockClient(SecretsManagerClient).on(GetSecretValueCommand).resolves({ SecretString: 'test-pii-key' });

interface MetricId {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
}

/** The namespace the stack gives the functions (every function gets the same one). */
function functionsNamespace(): string {
  const namespaces = new Set(
    Object.values(template.findResources('AWS::Lambda::Function'))
      .map((fn) => fn.Properties.Environment?.Variables?.POWERTOOLS_METRICS_NAMESPACE)
      .filter((ns): ns is string => typeof ns === 'string'),
  );
  expect(namespaces.size).toBe(1);
  return [...namespaces][0]!;
}

beforeAll(async () => {
  s3 = await startLocalS3(Object.values(BUCKETS));
  Object.assign(process.env, {
    RAW_BUCKET: BUCKETS.raw,
    CURATED_BUCKET: BUCKETS.curated,
    QUARANTINE_BUCKET: BUCKETS.quarantine,
    PII_KEY_SECRET_ARN: 'arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:pii-key',
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_REGION: 'ap-southeast-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    POWERTOOLS_METRICS_NAMESPACE: functionsNamespace(),
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    // Development mode prints EMF through the global console, where the test collects it.
    POWERTOOLS_DEV: 'true',
    POWERTOOLS_METRICS_DISABLED: 'false',
  });
  jest.spyOn(console, 'log').mockImplementation((line: unknown) => void emitted.push(String(line)));
}, 60_000);

afterAll(async () => {
  jest.restoreAllMocks();
  await s3.stop();
});

function objectCreated(key: string, messageId: string): SQSRecord {
  return {
    messageId,
    receiptHandle: messageId,
    body: JSON.stringify({
      'detail-type': 'Object Created',
      detail: { bucket: { name: BUCKETS.raw }, object: { key, size: 1 } },
    }),
    attributes: {} as SQSRecord['attributes'],
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:ap-southeast-1:111122223333:feed',
    awsRegion: 'ap-southeast-1',
  };
}

/** Every metric of every EMF document: namespace, name and the dimension values of each dimension set. */
function emittedMetrics(): MetricId[] {
  return emitted.flatMap((line) => {
    const document = JSON.parse(line) as {
      _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
    } & Record<string, unknown>;
    return document._aws.CloudWatchMetrics.flatMap(({ Namespace, Dimensions, Metrics }) =>
      Dimensions.flatMap((set) =>
        Metrics.map(({ Name }) => ({
          namespace: Namespace,
          name: Name,
          dimensions: Object.fromEntries(set.map((key) => [key, String(document[key])])),
        })),
      ),
    );
  });
}

/** The metrics the stack's alarms and dashboard read, except those AWS services publish (AWS/...). */
function watchedMetrics(): { where: string; metric: MetricId }[] {
  const watched: { where: string; metric: MetricId }[] = [];
  for (const [id, alarm] of Object.entries(template.findResources('AWS::CloudWatch::Alarm'))) {
    const { Namespace, MetricName, Dimensions } = alarm.Properties;
    watched.push({
      where: `alarm ${id}`,
      metric: {
        namespace: Namespace,
        name: MetricName,
        dimensions: Object.fromEntries(
          (Dimensions as { Name: string; Value: unknown }[]).map((d) => [
            d.Name,
            typeof d.Value === 'string' ? d.Value : JSON.stringify(d.Value),
          ]),
        ),
      },
    });
  }
  for (const [id, dashboard] of Object.entries(template.findResources('AWS::CloudWatch::Dashboard'))) {
    // The body is a Fn::Join of JSON text and tokens (the region, queue names): tokens become a marker.
    const parts = dashboard.Properties.DashboardBody['Fn::Join'][1] as unknown[];
    const body = JSON.parse(parts.map((p) => (typeof p === 'string' ? p : 'TOKEN')).join('')) as {
      widgets: { properties: { title?: string; metrics?: unknown[][] } }[];
    };
    for (const widget of body.widgets)
      for (const line of widget.properties.metrics ?? []) {
        const [namespace, name, ...rest] = line.filter((part) => typeof part === 'string') as string[];
        if (namespace === undefined || name === undefined) continue; // a math expression
        const dimensions: Record<string, string> = {};
        for (let i = 0; i + 1 < rest.length; i += 2) dimensions[rest[i]!] = rest[i + 1]!;
        watched.push({
          where: `dashboard ${id} "${widget.properties.title}"`,
          metric: { namespace, name, dimensions },
        });
      }
  }
  return watched.filter(({ metric }) => !metric.namespace.startsWith('AWS/'));
}

/** Same metric: namespace, name and dimension names; same values too, except the feed's `source`, which varies. */
function published(watched: MetricId, emittedOnes: MetricId[]): boolean {
  const keys = Object.keys(watched.dimensions).sort();
  return emittedOnes.some(
    (e) =>
      e.namespace === watched.namespace &&
      e.name === watched.name &&
      JSON.stringify(Object.keys(e.dimensions).sort()) === JSON.stringify(keys) &&
      keys.every((k) => k === 'source' || e.dimensions[k] === watched.dimensions[k]),
  );
}

test('every alarm and dashboard metric of the stack is one the ETL and freshness handlers publish', async () => {
  // Prepare: a feed and an unroutable file in the raw bucket.
  const [file] = await generateSamples(tempDir(), { datasets: ['eid_accounts'] });
  const feedKey = 'raw/canonical/2026/11/27/eid_accounts.csv';
  const notesKey = 'raw/canonical/2026/11/27/notes.txt';
  await s3.client.send(new PutObjectCommand({ Bucket: BUCKETS.raw, Key: feedKey, Body: readFileSync(file!.path) }));
  await s3.client.send(new PutObjectCommand({ Bucket: BUCKETS.raw, Key: notesKey, Body: 'not a feed' }));
  const etl = require('../../lambdas/etl/handler') as typeof import('../../lambdas/etl/handler');
  const freshness = require('../../lambdas/freshness/handler') as typeof import('../../lambdas/freshness/handler');

  // Act
  const event: SQSEvent = { Records: [objectCreated(feedKey, 'm-feed'), objectCreated(notesKey, 'm-notes')] };
  await etl.handler(event, {
    functionName: 'etl',
    awsRequestId: 'r',
    getRemainingTimeInMillis: () => 60_000,
  } as Context);
  await freshness.handler();

  // Assess
  const emittedOnes = emittedMetrics();
  expect(new Set(emittedOnes.map((m) => m.name))).toEqual(
    new Set(['FeedsReceived', 'FeedsFailed', 'RowsAccepted', 'RowsRejected', 'DaysSinceLastFeed']),
  );
  const watched = watchedMetrics();
  expect(watched.length).toBeGreaterThan(0);
  const unpublished = watched
    .filter(({ metric }) => !published(metric, emittedOnes))
    .map(({ where, metric }) => `${where}: ${metric.namespace} ${metric.name} ${JSON.stringify(metric.dimensions)}`);
  expect(unpublished).toEqual([]);
}, 120_000);
