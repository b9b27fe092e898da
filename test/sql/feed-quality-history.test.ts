import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDataset } from '../../lambdas/core/contracts';
import { canonical } from '../../lambdas/core/feeds/sources/canonical';
import { FILE_ERRORS, ROW_REASONS, contractCheckReasons } from '../../lambdas/core/feeds/reason-codes';
import { ingestLocalFile } from '../../lambdas/core/ingest/ingest-local-file';
import { INGEST_MANIFESTS_TABLE } from '../../lambdas/core/ingest/lake-tables';
import { FolderStore } from '../../lambdas/core/lake/folder-store';
import { ALL_REASONS } from '../../lambdas/core/marts';
import { DuckDbLake } from '../../lambdas/core/query/duckdb-lake';
import { generateSamples } from '../../lambdas/core/samples/generate-samples';
import { MANIFESTS_TABLE } from '../../lambdas/core/sharing/manifest-index';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir('vpdc-feed-quality-');

/** A CSV of the sample's header and its first rows, `edit` changing cells of some of them (by row index). */
function variant(from: string, to: string, rows: number, edit: (cells: string[], header: string[], i: number) => void) {
  const [head, ...lines] = readFileSync(from, 'utf8').trimEnd().split('\n');
  const header = head!.split(',');
  const body = lines.slice(0, rows).map((line, i) => {
    const cells = line.split(',');
    edit(cells, header, i);
    return cells.join(',');
  });
  writeFileSync(to, `${[head, ...body].join('\n')}\n`);
  return to;
}

test('one row per source, dataset, month received and reason: files, rows, rejects by reason, lateness against the cadence', async () => {
  // Prepare: four files of the canonical loader at chosen times (UTC), so the months and gaps are known.
  const root = tempDir();
  const store = new FolderStore(join(root, 'lake'));
  const samples = await generateSamples(join(root, 'samples'), {
    datasets: ['telecom_bts', 'information_systems'],
    periods: ['2025-11'],
  });
  const bts = samples.find((f) => f.dataset === 'telecom_bts')!.path;
  const systems = samples.find((f) => f.dataset === 'information_systems')!.path;
  const ingest = (path: string, dataset: string, at: string) =>
    ingestLocalFile({
      store,
      path,
      contract: getDataset(dataset),
      source: 'canonical',
      now: () => new Date(at),
    });
  // 18:30 UTC on 31 October is 01:30 on 1 November in Vietnam: a November file.
  const good = await ingest(bts, 'telecom_bts', '2025-10-31T18:30:00Z');
  // 49 days 8.5 hours later: past the cadence (31 days) and its grace (5).
  const partlyPath = variant(bts, join(root, 'telecom_bts_partly.csv'), 10, (cells, header, i) => {
    if (i < 3) cells[header.indexOf('latitude')] = 'north';
    if (i === 3) cells[header.indexOf('ward_code')] = '99999';
  });
  const partly = await ingest(partlyPath, 'telecom_bts', '2025-12-20T03:00:00Z');
  const brokenPath = join(root, 'telecom_bts_broken.csv');
  writeFileSync(brokenPath, 'carrier,station_id\nvnpt,X1\n');
  const broken = await ingest(brokenPath, 'telecom_bts', '2025-12-22T03:00:00Z');
  // Another dataset of the same source: its first file, whatever telecom_bts did before.
  const other = await ingest(systems, 'information_systems', '2025-12-21T03:00:00Z');
  expect(partly.manifest.reasons).toEqual({ invalid_number: 3, unknown_ward: 1 });
  expect([broken.manifest.status, broken.manifest.error?.code]).toEqual(['failed', 'missing_columns']);

  // Act
  const lake = await DuckDbLake.open(join(root, 'lake'));
  let rows;
  try {
    rows = (await lake.query('select * from feed_quality_history order by period, source, dataset, reason')).rows;
  } finally {
    lake.close();
  }

  // Assess
  const { everyDays, graceDays } = canonical.cadence;
  const totals = { source: 'canonical', reason: ALL_REASONS, cadence_days: everyDays, grace_days: graceDays };
  const onReason = {
    source: 'canonical',
    dataset: 'telecom_bts',
    period: '2025-12',
    rows_in: null,
    rows_accepted: null,
    cadence_days: null,
    grace_days: null,
    max_gap_days: null,
    days_late: null,
    files_late: null,
  };
  const decemberIn = partly.manifest.rowsIn + broken.manifest.rowsIn;
  const pctOf = (rejected: number) => Math.round((10_000 * rejected) / decemberIn) / 100;
  expect(rows).toEqual([
    {
      ...totals,
      period: '2025-11',
      dataset: 'telecom_bts',
      files_succeeded: 1,
      files_failed: 0,
      rows_in: good.manifest.rowsIn,
      rows_accepted: good.manifest.rowsIn,
      rows_rejected: 0,
      rejected_pct: 0,
      max_gap_days: null,
      days_late: null,
      files_late: 0,
    },
    {
      ...totals,
      period: '2025-12',
      dataset: 'information_systems',
      files_succeeded: 1,
      files_failed: 0,
      rows_in: other.manifest.rowsIn,
      rows_accepted: other.manifest.rowsIn,
      rows_rejected: 0,
      rejected_pct: 0,
      max_gap_days: null,
      days_late: null,
      files_late: 0,
    },
    {
      ...totals,
      period: '2025-12',
      dataset: 'telecom_bts',
      files_succeeded: 1,
      files_failed: 1,
      rows_in: decemberIn,
      rows_accepted: partly.manifest.rowsAccepted + broken.manifest.rowsAccepted,
      rows_rejected: 4,
      rejected_pct: pctOf(4),
      // The longest wait: 31 Oct 18:30 → 20 Dec 03:00 UTC; the failed file came 2 days after.
      max_gap_days: 49.35,
      days_late: Math.round((49.354_166 - everyDays) * 100) / 100,
      files_late: 1,
    },
    {
      ...onReason,
      reason: 'invalid_number',
      files_succeeded: 1,
      files_failed: 0,
      rows_rejected: 3,
      rejected_pct: pctOf(3),
    },
    { ...onReason, reason: 'missing_columns', files_succeeded: 0, files_failed: 1, rows_rejected: 0, rejected_pct: 0 },
    {
      ...onReason,
      reason: 'unknown_ward',
      files_succeeded: 1,
      files_failed: 0,
      rows_rejected: 1,
      rejected_pct: pctOf(1),
    },
  ]);
});

test('no reason code is the totals row\'s "all"', () => {
  const codes = [...Object.keys(FILE_ERRORS), ...Object.keys(ROW_REASONS), ...Object.keys(contractCheckReasons())];
  expect(codes.length).toBeGreaterThan(20);
  expect(codes).not.toContain(ALL_REASONS);
});

test("the API's name for the manifests' table is the lake's", () => {
  expect(MANIFESTS_TABLE).toBe(INGEST_MANIFESTS_TABLE.name);
});
