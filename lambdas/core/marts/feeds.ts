import { ALL_REASONS } from './all-reasons';
import { count, pct } from './columns';
import { defineMart } from './define-mart';

/** Columns that hold a figure only on the totals row (`reason` = `all`): null on a reason's row. */
const onTotals = (description: string) => `${description} On the \`${ALL_REASONS}\` row only; null on a reason's row.`;

export const feedQualityHistory = defineMart({
  name: 'feed_quality_history',
  title: 'Feed quality history',
  description:
    "Every ingest manifest's counts over time, per source, dataset and month the files were received: files succeeded and failed, rows in, accepted and rejected, the rejected rows by reason code (and failed files by error code, docs/feeds.md), and how long the source made the data center wait for each file against its cadence. A feed that gets worse shows here before it fails. Counts only: no row data.",
  grain: `one source's files of one dataset received in one month, for one reason code or for all (reason = '${ALL_REASONS}')`,
  key: ['period', 'source', 'dataset', 'reason'],
  columns: [
    {
      name: 'period',
      type: 'string',
      description:
        "Month the files were received (their manifests written), Vietnam time, yyyy-mm: not the months the files' rows report on (one file may hold many).",
    },
    { name: 'source', type: 'string', description: 'Feed source that sent the files (a source id of docs/feeds.md).' },
    { name: 'dataset', type: 'string', description: 'Dataset the files were read as.' },
    {
      name: 'reason',
      type: 'string',
      description: `\`${ALL_REASONS}\` for the totals of every file; otherwise a row reason code or a file error code (docs/feeds.md).`,
    },
    count('files_succeeded', 'files', "Files ingested. On a reason's row: those that rejected rows for the reason."),
    count(
      'files_failed',
      'files',
      "Files that failed whole (nothing curated). On a reason's row: those that failed with this error code, or rejected rows for it before failing.",
    ),
    count('rows_in', 'rows', onTotals('Rows read from the files.')),
    count('rows_accepted', 'rows', onTotals('Rows curated.')),
    count('rows_rejected', 'rows', "Rows quarantined; on a reason's row, those rejected for the reason."),
    pct('rejected_pct', "Rows rejected (for the row's reason) over the month's rows in."),
    count('cadence_days', 'days', onTotals("How often the source is expected to send a file (its spec's cadence).")),
    count('grace_days', 'days', onTotals('How late a file may come before the late-feed alarm (its spec).')),
    {
      name: 'max_gap_days',
      type: 'double',
      unit: 'days',
      description: onTotals(
        'Longest wait for a file received in the month since the file before it of the same source and dataset; null when the first file ever.',
      ),
    },
    {
      name: 'days_late',
      type: 'double',
      unit: 'days',
      description: onTotals('max_gap_days past cadence_days (grace not counted), 0 when on time.'),
    },
    count(
      'files_late',
      'files',
      onTotals(
        'Files received more than cadence_days + grace_days after the one before: what the late-feed alarm counts.',
      ),
    ),
  ],
});
