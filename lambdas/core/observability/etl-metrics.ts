/**
 * The ETL's CloudWatch metrics, named once: the handler emits them (Powertools, EMF) and the
 * Monitoring construct graphs and alarms on them. Every metric has the dimension `source`.
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

export const SOURCE_DIMENSION = 'source';

/** One namespace per stage, so dev traffic never shows on prod's dashboard. */
export function metricsNamespace(stage: string): string {
  return `vpdc/${stage}`;
}
