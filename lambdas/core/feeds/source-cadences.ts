import { SOURCES, type SourceSpec } from '.';

/**
 * The `source_cadences` view: how often each source is expected to send a file and how late
 * it may be, from the source specs (never SQL literals), as a VALUES list valid on Trino and
 * DuckDB. The marts compare the files' arrival with it (feed_quality_history).
 */
export function sourceCadencesSql(sources: readonly SourceSpec[] = SOURCES): string {
  const rows = sources.map(
    (s) => `  ('${s.id.replaceAll("'", "''")}', ${s.cadence.everyDays}, ${s.cadence.graceDays})`,
  );
  return `-- generated from the source specs (lambdas/core/feeds/sources/): edit their cadence, not this SQL
select * from (
values
${rows.join(',\n')}
) as t (source, cadence_days, grace_days)`;
}
