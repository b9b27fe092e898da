import { DATASET_NAMES } from '../contracts';
import { SQL_DIR } from '../sql/sql-dir';
import { datasetsReadBy, loadViews } from '../sql/view-files';

/**
 * The views a one-month filter cannot prune to that month's objects, and why: the one list
 * docs/datasets.md prints ("Partition pruning") and test/sql/partition-pruning.test.ts holds the
 * lake to. That test runs EXPLAIN ANALYZE on DuckDB for every staging view and mart with
 * `where period = '<month>'` (`year = <year>` on a yearly mart) and fails when a view reads
 * another month's objects without being listed here, or is listed and no longer does.
 * Costs are measured on the demo lake (`npm start`: 36 months, seed 2030, scale 1, 612 files).
 */

/**
 * Datasets whose natural key leaves `period` out, so a key's newest row can sit in another month
 * than its older rows; the test fails when a contract's key leaves it out and it is not here.
 */
export const KEYS_ACROSS_PERIODS: Readonly<Record<string, string>> = {
  admin_dossiers:
    "The key is the dossier number; the period is the month of receipt (`received_at` in Vietnam time in the one-stop export, the `period` column of a canonical upload). A corrected re-upload that changes the receipt date (a dossier keyed in with the wrong date) moves the dossier to another month, and its newest row must replace the old one, which stays in the old month's objects. So the dedupe has to see every month before it can answer for one: filtered first, the old month would keep the stale row (tested). A one-month query reads every month's objects: 36 files, 6.7 MB on the demo lake, where one month is 1 file of 0.18 MB, and it grows by a month's objects every month.",
};

export interface PruningException {
  view: string;
  /** The datasets whose objects outside the asked month (or year) the view reads; none for a view of the manifests alone, which reads no Parquet. */
  reads: readonly string[];
  why: string;
  /** Files a one-month query reads on the demo lake, against the asked month's files of the same datasets. */
  cost: string;
}

const DOSSIERS_COST = '36 files (6.7 MB) for 1 (0.18 MB)';

export const PRUNING_EXCEPTIONS: readonly PruningException[] = [
  {
    view: 'stg_admin_dossiers',
    reads: ['admin_dossiers'],
    why: 'its key leaves out `period` (below): the filter stays above the dedupe',
    cost: DOSSIERS_COST,
  },
  {
    view: 'dossiers_monthly',
    reads: ['admin_dossiers'],
    why: 'counts `stg_admin_dossiers`',
    cost: DOSSIERS_COST,
  },
  {
    view: 'dossiers_by_month',
    reads: ['admin_dossiers'],
    why: 'counts `stg_admin_dossiers`',
    cost: DOSSIERS_COST,
  },
  {
    view: 'digital_economy',
    reads: ['provincial_indicators'],
    why: "yearly: `year = 2025` reads every year's December (the mart's own filter, which prunes), not that year's alone: `year` is `cast(substr(period, 1, 4) as integer)`, and DuckDB does not push a filter that casts `period` through a projection into the scan",
    cost: '3 files (7 KB) for 1 (2 KB)',
  },
  {
    view: 'kpi_actuals',
    reads: ['admin_dossiers', 'provincial_indicators'],
    why: '`dossiers_online_pct` comes from `dossiers_monthly`, and `digital_economy_pct_grdp` from `digital_economy` (its period is the year cast to text, then `-12`: a cast again); every other series prunes',
    cost: '54 files (6.8 MB) for 17 (0.33 MB)',
  },
  {
    view: 'kpi_scorecard',
    reads: datasetsReadBy(loadViews(SQL_DIR), DATASET_NAMES).get('kpi_scorecard')!,
    why: "by design: a row's projection is the linear trend of its indicator's 12 rows up to it (`regr_slope … over (partition by indicator order by month_index rows between 11 preceding and current row)`), so a month depends on the months before it and the filter stays above the window",
    cost: 'every file: 612 (11.9 MB) for 17 (0.33 MB)',
  },
  {
    view: 'feed_quality_history',
    reads: [],
    why: "reads no Parquet but every ingest manifest (`ingest_manifests`, one JSON per file), whatever the month: its `period` is the month a file was received, computed from the manifest's `finishedAt`, not a key segment (on Athena the table is partitioned by source only), and a month's lateness needs the file before it",
    cost: 'every manifest: 17 JSON files (0.18 MB) on the demo lake, one more per file ingested',
  },
];
