/**
 * The ETL's CloudWatch metrics, named once: the handlers emit them (Powertools, EMF) and the
 * Monitoring construct graphs and alarms on them.
 *
 * CloudWatch treats each set of dimensions as a different metric, so an alarm must name exactly
 * the dimensions a handler publishes. Powertools Metrics always adds `service` (its service name)
 * to every metric, so each metric has two dimensions: `service` (the function that publishes it)
 * and `source` (the feed).
 */
export const ETL_METRICS = {
  /** A feed file ingested, whatever its outcome: its absence for a cadence is a late feed. */
  feedsReceived: 'FeedsReceived',
  feedsFailed: 'FeedsFailed',
  rowsAccepted: 'RowsAccepted',
  rowsRejected: 'RowsRejected',
  /** Published hourly by the freshness function; the late-feed alarm watches it. */
  daysSinceLastFeed: 'DaysSinceLastFeed',
} as const;

export type EtlMetric = (typeof ETL_METRICS)[keyof typeof ETL_METRICS];

/** The Powertools service names of the functions that publish metrics (the `service` dimension). */
export const METRIC_SERVICES = { etl: 'vpdc-etl', freshness: 'vpdc-freshness' } as const;

export const SOURCE_DIMENSION = 'source';
/** The dimension Powertools Metrics adds to every metric, valued with its service name. */
export const SERVICE_DIMENSION = 'service';

/** Which function publishes each metric. */
const PUBLISHER: Record<EtlMetric, string> = {
  FeedsReceived: METRIC_SERVICES.etl,
  FeedsFailed: METRIC_SERVICES.etl,
  RowsAccepted: METRIC_SERVICES.etl,
  RowsRejected: METRIC_SERVICES.etl,
  DaysSinceLastFeed: METRIC_SERVICES.freshness,
};

/** The dimensions a metric of one source is published with: what an alarm or a graph must name. */
export function metricDimensions(metric: EtlMetric, source: string): Record<string, string> {
  return { [SERVICE_DIMENSION]: PUBLISHER[metric], [SOURCE_DIMENSION]: source };
}

/** One namespace per stage, so dev traffic never shows on prod's dashboard. */
export function metricsNamespace(stage: string): string {
  return `vpdc/${stage}`;
}
