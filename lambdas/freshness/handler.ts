/**
 * Scheduled (hourly): how many days since each source last sent a file, from the manifests,
 * published as the DaysSinceLastFeed metric per source. The late-feed alarms watch it; a
 * source that never sent anything publishes nothing, and its alarm treats that as late.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { SOURCES } from '../core/feeds';
import { feedFreshness } from '../core/feeds/feed-freshness';
import { s3ClientFromEnvironment } from '../core/lake/open-store';
import { S3Store } from '../core/lake/s3-store';
import { ETL_METRICS, METRIC_SERVICES, SOURCE_DIMENSION } from '../core/observability/etl-metrics';
import { requiredEnv } from '../core/runtime/required-env';

const manifests = new S3Store({ client: s3ClientFromEnvironment(), bucket: requiredEnv('CURATED_BUCKET') });
const logger = new Logger({ serviceName: 'vpdc-freshness' });
// The service name is a dimension of every metric: the alarms name it (metricDimensions).
const metrics = new Metrics({ serviceName: METRIC_SERVICES.freshness });

export async function handler(): Promise<{ late: string[] }> {
  const freshness = await feedFreshness(manifests, SOURCES);
  for (const { source, daysSinceLastFeed } of freshness) {
    if (daysSinceLastFeed === null) continue;
    metrics.addDimension(SOURCE_DIMENSION, source);
    metrics.addMetric(ETL_METRICS.daysSinceLastFeed, MetricUnit.Count, Math.round(daysSinceLastFeed * 100) / 100);
    metrics.publishStoredMetrics();
  }
  const late = freshness.filter((f) => f.late).map((f) => f.source);
  logger.info('feed freshness', { freshness, late });
  return { late };
}
