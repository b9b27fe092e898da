/**
 * The `reason` of feed_quality_history's row that holds the totals of every file (and the
 * lateness), beside one row per reason code. No code the ETL writes is `all` (a test checks).
 * A file of its own, without zod, so the dashboard's bundle can import it.
 */
export const ALL_REASONS = 'all';
