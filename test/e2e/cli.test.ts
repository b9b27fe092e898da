import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DATASET_NAMES } from '../../lambdas/core/contracts';
import { PLAN_TARGETS } from '../../lambdas/core/plan/plan-targets';
import { snapshot } from '../support/lake-snapshot';
import { useTempDir } from '../support/temp-dir';

const run = promisify(execFile);
const tempDir = useTempDir();
const ROOT = join(__dirname, '..', '..');

/** Runs the real CLI (`bin/vpdc.js`, as `npx vpdc` would) and returns code and output. */
async function vpdc(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'bin', 'vpdc.js'), ...args], {
      cwd: tempDir(),
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('vpdc demo --json computes the seed figures back from the lake, and a second run changes nothing', async () => {
  const lake = join(tempDir(), 'lake');
  const first = await vpdc('demo', '--no-serve', '--json', '--lake', lake);
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  const report = JSON.parse(first.stdout);
  // The seed article's figures (DESIGN.md), written out here, not imported from the generator;
  // the domains the seed gives no figure for have one from the sample (invented) data.
  const {
    leadership_tasks_open,
    leadership_tasks_overdue_pct,
    traffic_violations_last_month,
    traffic_violations_camera_pct,
    soc_alerts_open,
    soc_alerts_unapproved_pct,
    news_negative_last_month,
    news_negative_handled_pct,
    video_conference_endpoints,
    video_conference_wards,
    video_conference_sessions_last_month,
    documents_exchanged_last_month,
    documents_on_time_pct,
    lgsp_connected,
    lgsp_connections,
    lgsp_connected_pct,
    health_visits_last_month,
    health_visits_chip_id_pct,
    health_payments_cashless_pct,
    school_pupils,
    pupils_digital_record_pct,
    school_payers_cashless_pct,
    gateway_payments_last_month,
    gateway_payments_last_month_bn_vnd,
    dossier_fees_cashless_pct,
    online_dossiers_e_authenticated_pct,
    ...seed
  } = report.headline;
  expect(leadership_tasks_open).toBeGreaterThan(100);
  expect(leadership_tasks_overdue_pct).toBeGreaterThan(0);
  expect(leadership_tasks_overdue_pct).toBeLessThan(50);
  // About 3,000 violations a month, 65% of them caught by cameras at the last month (samples/traffic.ts).
  expect(traffic_violations_last_month).toBeGreaterThan(2000);
  expect(traffic_violations_last_month).toBeLessThan(4000);
  expect(traffic_violations_camera_pct).toBeGreaterThan(55);
  expect(traffic_violations_camera_pct).toBeLessThan(75);
  // About 250 SOC alerts in the last month, the slow ones still open at the export; the 9 of 68
  // systems without an approved level draw about a quarter of them (samples/security.ts).
  expect(soc_alerts_open).toBeGreaterThan(20);
  expect(soc_alerts_open).toBeLessThan(150);
  expect(soc_alerts_unapproved_pct).toBeGreaterThan(15);
  expect(soc_alerts_unapproved_pct).toBeLessThan(40);
  // About 32,000 items about the province collected in December 2025, about one in eight negative,
  // and about 85% of those handled by then, up from 60% in January 2023 (samples/news.ts).
  expect(news_negative_last_month).toBeGreaterThan(3000);
  expect(news_negative_last_month).toBeLessThan(5000);
  expect(news_negative_handled_pct).toBeGreaterThan(78);
  expect(news_negative_handled_pct).toBeLessThan(92);
  // Video conferencing down to commune level (the seed gives no count): at the end of 2025 the 3
  // provincial halls, 20 departments' rooms and one room in each of the 36 communes and wards,
  // which join about 6–14 meetings a month each (samples/infrastructure.ts).
  expect(video_conference_endpoints).toBe(3 + 20 + 36);
  expect(video_conference_wards).toBe(36);
  expect(video_conference_sessions_last_month).toBeGreaterThan(350);
  expect(video_conference_sessions_last_month).toBeLessThan(850);
  // About 5,500 documents over the national document axis in December 2025, 92% of those
  // processed by their deadline (samples/documents.ts).
  expect(documents_exchanged_last_month).toBeGreaterThan(4500);
  expect(documents_exchanged_last_month).toBeLessThan(6500);
  expect(documents_on_time_pct).toBeGreaterThan(85);
  expect(documents_on_time_pct).toBeLessThan(97);
  // To interconnect: the seed's 68 information systems and the 13 national databases and systems
  // of samples/lgsp.ts; about three in four connected at the end, short of the seed's 100%.
  expect(lgsp_connections).toBe(68 + 13);
  expect(lgsp_connected).toBeGreaterThan(50);
  expect(lgsp_connected).toBeLessThan(lgsp_connections);
  expect(lgsp_connected_pct).toBeGreaterThan(60);
  expect(lgsp_connected_pct).toBeLessThan(90);
  // About 180,000 visits to the 180 health facilities in December 2025, all with a chip reader by
  // then and about 70% of the insured identified by chip ID or VNeID; about 55% of the payments
  // without cash, more at hospitals and clinics (samples/health.ts).
  expect(health_visits_last_month).toBeGreaterThan(150_000);
  expect(health_visits_last_month).toBeLessThan(230_000);
  expect(health_visits_chip_id_pct).toBeGreaterThan(55);
  expect(health_visits_chip_id_pct).toBeLessThan(85);
  expect(health_payments_cashless_pct).toBeGreaterThan(45);
  expect(health_payments_cashless_pct).toBeLessThan(80);
  // About 300,000 pupils in the 450 schools; in 2025-2026 every primary school and 85% of the
  // secondary ones keep digital record books, and 92% of the payers pay without cash
  // (samples/education.ts).
  expect(school_pupils).toBeGreaterThan(270_000);
  expect(school_pupils).toBeLessThan(340_000);
  expect(pupils_digital_record_pct).toBeGreaterThan(80);
  expect(pupils_digital_record_pct).toBeLessThan(100);
  expect(school_payers_cashless_pct).toBeGreaterThan(80);
  expect(school_payers_cashless_pct).toBeLessThan(100);
  // About 25,000 payments worth about 40 bn VND through the national payment gateway in December
  // 2025 (a tuition month); about 83% of the fee-bearing dossiers paid online, and about 96% of
  // the online dossiers submitted after VNeID sign-in, short of the plan's 100%
  // (samples/payments.ts, samples/dossier-submissions.ts).
  expect(gateway_payments_last_month).toBeGreaterThan(18_000);
  expect(gateway_payments_last_month).toBeLessThan(32_000);
  expect(gateway_payments_last_month_bn_vnd).toBeGreaterThan(30);
  expect(gateway_payments_last_month_bn_vnd).toBeLessThan(55);
  expect(dossier_fees_cashless_pct).toBeGreaterThan(75);
  expect(dossier_fees_cashless_pct).toBeLessThan(90);
  expect(online_dossiers_e_authenticated_pct).toBeGreaterThan(90);
  expect(online_dossiers_e_authenticated_pct).toBeLessThan(100);
  expect(seed).toEqual({
    bts_on_air: 3000,
    bts_5g: 2,
    wards_with_3g4g_pct: 100,
    mobile_subscribers: 1_300_000,
    fixed_broadband_subscribers: 284_000,
    mobile_broadband_subscribers: 1_000_000,
    fixed_broadband_providers: 5,
    households_fixed_broadband_pct: 90,
    information_systems: 68,
    information_systems_approved: 59,
    eid_accounts: 630_000,
    eid_pct_of_14plus: 74,
    signatures_organization: 9_509,
    signatures_individual: 5_193,
    smes_on_digital_platforms: 11_000,
    smes_pct_of_enterprises: 72,
    digital_economy_2023_bn_vnd: 34_202,
    digital_economy_2023_pct_grdp: 21.6,
    data_network_units: 169,
    cashless_facilities_pct: 100,
  });
  // The scorecard: one row per plan_targets indicator. A plan target has a status and a
  // projection; a baseline (a seed figure, not a goal) its figure, month and the change since.
  expect(report.scorecard.map((r: { indicator: string }) => r.indicator).sort()).toEqual(
    PLAN_TARGETS.targets.map((t) => t.indicator).sort(),
  );
  for (const row of report.scorecard) {
    const planned = PLAN_TARGETS.targets.find((t) => t.indicator === row.indicator)!;
    if (planned.kind === 'plan_target') {
      expect(['met', 'on_track', 'at_risk', 'off_track']).toContain(row.status);
      expect(typeof row.projection).toBe('number');
      expect(row.baseline).toBeNull();
    } else {
      expect(row).toMatchObject({
        status: 'baseline',
        target: null,
        projection: null,
        baseline: planned.target,
        baseline_period: `${planned.target_year}-12`,
      });
      expect(typeof row.change_since_baseline).toBe('number');
    }
  }
  expect(Object.keys(report.datasets)).toEqual([...DATASET_NAMES]);
  for (const dataset of Object.values(report.datasets) as {
    status: string;
    rows: number;
    rowsIn: number;
    rowsRejected: number;
    periods: number;
  }[]) {
    expect(dataset).toMatchObject({ status: 'succeeded', periods: 36 });
    expect(dataset.rows).toBe(dataset.rowsIn - dataset.rowsRejected);
  }
  for (const name of Object.keys(snapshot(join(lake, 'manifests')))) {
    const m = JSON.parse(readFileSync(join(lake, 'manifests', name), 'utf8'));
    expect(m.rowsIn).toBe(m.rowsAccepted + m.rowsRejected);
  }
  const before = snapshot(lake);
  const second = await vpdc('demo', '--no-serve', '--json', '--lake', lake);
  expect(JSON.parse(second.stdout).headline).toEqual(report.headline);
  expect(snapshot(lake)).toEqual(before);
});

test('vpdc generate is deterministic for a seed and different for another', async () => {
  await vpdc('generate', '--out', 'a', '--seed', '7', '--dataset', 'telecom_bts');
  await vpdc('generate', '--out', 'b', '--seed', '7', '--dataset', 'telecom_bts');
  await vpdc('generate', '--out', 'c', '--seed', '8', '--dataset', 'telecom_bts');
  const file = (dir: string) => readFileSync(join(tempDir(), dir, 'telecom_bts.csv'));
  expect(file('a').equals(file('b'))).toBe(true);
  expect(file('a').equals(file('c'))).toBe(false);
});

test('vpdc ingest --json prints one summary per file; a bad file gets a one-line error and exit 1', async () => {
  writeFileSync(
    join(tempDir(), 'ok.csv'),
    'provider,subscriber_type,active_certificates,period\nvnpt,organization,10,2025-12\nvnpt,robot,1,2025-12\n',
  );
  writeFileSync(join(tempDir(), 'bad.csv'), 'provider,subscriber_type\nvnpt,organization\n');
  const result = await vpdc(
    'ingest',
    'ok.csv',
    'bad.csv',
    '--dataset',
    'digital_signatures',
    '--lake',
    'lake',
    '--json',
  );
  expect(result.code).toBe(1);
  const lines = result.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(lines[0]).toMatchObject({
    file: 'ok.csv',
    dataset: 'digital_signatures',
    status: 'succeeded',
    rowsIn: 2,
    rowsAccepted: 1,
    rowsRejected: 1,
    reasons: { invalid_enum: 1 },
  });
  expect(lines[0].manifest).toMatch(/^manifests\/canonical\/[0-9a-f]{64}\.json$/);
  expect(lines[1]).toMatchObject({ file: 'bad.csv', status: 'failed' });
  expect(result.stderr.trim().split('\n')).toEqual([
    'vpdc: bad.csv: failed (missing_columns): line 1: missing required column(s) "active_certificates", "period" for canonical digital_signatures (header has: provider, subscriber_type)',
  ]);

  const query = await vpdc(
    'query',
    'select provider, active_certificates from digital_signatures',
    '--lake',
    'lake',
    '--format',
    'csv',
  );
  expect(query.stdout.trim()).toBe('provider,active_certificates\nvnpt,10');
});

test('vpdc generate --native, then validate and ingest --source: a producer checks a file before sending it', async () => {
  const generated = await vpdc('generate', '--native', '--out', 'feeds', '--dataset', 'telecom_subscribers', '--json');
  expect(generated.code).toBe(0);
  const files = generated.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { source: string; path: string; rows: number });
  expect(files.map((f) => f.source)).toEqual(['viettel', 'vnpt', 'mobifone', 'fpt', 'sctv', 'vtvcab']);
  const vtvcab = files.find((f) => f.source === 'vtvcab')!;

  // Prepare: VTVcab's TCVN3 file as it is, and the same with one bad count and one unknown ward.
  const clean = await vpdc('validate', vtvcab.path, '--source', 'vtvcab');
  expect(clean).toMatchObject({ code: 0, stderr: '' });
  expect(clean.stdout).toContain('encoding tcvn3 (vietnamese_score)');
  expect(clean.stdout).toContain(
    `${vtvcab.rows.toLocaleString('en-US')} rows: ${vtvcab.rows.toLocaleString('en-US')} would be accepted, 0 rejected`,
  );
  const lines = readFileSync(join(tempDir(), vtvcab.path), 'latin1').split('\r\n');
  lines[2] = lines[2]!.replace(/,\d+,/, ',12,5,');
  lines[3] = lines[3]!.replace(/^[^,]*,[^,]*,/, 'H. Nowhere,X. Nowhere,');
  writeFileSync(join(tempDir(), 'vtvcab_bad.csv'), Buffer.from(lines.join('\r\n'), 'latin1'));
  const bad = await vpdc('validate', 'vtvcab_bad.csv', '--source', 'vtvcab', '--json');
  expect(bad.code).toBe(1);
  const report = JSON.parse(bad.stdout);
  expect(report).toMatchObject({
    ok: false,
    encoding: 'tcvn3',
    summary: { rowsIn: vtvcab.rows, rowsRejected: 2, reasons: { wrong_field_count: 1, unknown_ward: 1 } },
  });
  expect(report.problems.map((p: { line: number; reason: string }) => [p.line, p.reason])).toEqual([
    [3, 'wrong_field_count'],
    [4, 'unknown_ward'],
  ]);
  expect(readFileSync(join(tempDir(), vtvcab.path)).length).toBeGreaterThan(0);

  // Act: the VNPT workbook into a lake.
  const ingested = await vpdc(
    'ingest',
    files.find((f) => f.source === 'vnpt')!.path,
    '--source',
    'vnpt',
    '--lake',
    'lake',
    '--json',
  );
  expect(ingested.code).toBe(0);
  expect(JSON.parse(ingested.stdout)).toMatchObject({
    dataset: 'telecom_subscribers',
    status: 'succeeded',
    format: 'xlsx',
    encoding: 'utf-8',
    rowsRejected: 0,
    skipped: { totals_row: 1 },
  });
});

test('vpdc sql lint checks every view and exits 0; vpdc query selects from a mart', async () => {
  const lint = await vpdc('sql', 'lint');
  expect(lint).toMatchObject({ code: 0, stderr: '' });
  expect(lint.stdout).toMatch(/^\d+ views: all parse as Trino and bind against the contracts/);
  const query = await vpdc(
    'query',
    'select count(*) as n from kpi_scorecard',
    '--lake',
    join(tempDir(), 'empty-lake'),
    '--format',
    'json',
  );
  expect(query.code).toBe(0);
  expect(JSON.parse(query.stdout)).toEqual([{ n: 0 }]);
});

test('every command has --help, and a usage mistake exits 2 with a pointer to it', async () => {
  for (const command of ['demo', 'generate', 'ingest', 'validate', 'query', 'sql']) {
    const help = await vpdc(command, '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(`Usage: vpdc ${command}`);
  }
  const wrong = await vpdc('ingest', 'x.csv', '--dataset', 'nope');
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toContain('unknown dataset "nope"');
  const unknownSource = await vpdc('ingest', 'x.csv', '--dataset', 'facilities', '--source', 'somebody');
  expect(unknownSource.code).toBe(2);
  expect(unknownSource.stderr).toContain('unknown source "somebody"; sources: canonical');
});
