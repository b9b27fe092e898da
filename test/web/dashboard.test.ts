/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser)
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DuckDBInstance } from '@duckdb/node-api';
import { launchChromium } from '../support/chromium';
import { DuckDbLake } from '../../lambdas/core/query/duckdb-lake';
import { WARDS_2025 } from '../../lambdas/core/reference/wards';
import { AGENCY_LEVELS } from '../../lambdas/core/contracts/agency-levels';
import { agencyToken } from '../../bin/cli/token';
import { ALL_REASONS } from '../../lambdas/core/marts';
import { dashboardServer, vpdcSync } from '../support/dashboard-server';

/**
 * The operations-center page in a real browser (Debian's Chromium driven by playwright-core)
 * against `vpdc serve` over the demo lake on 127.0.0.1: what it shows is checked against what
 * the API says, not against numbers written here.
 */
const ROOT = join(__dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'dashboard');
/** A viettel file with a ward code nobody has: its rows are rejected as unknown_ward. */
const REJECTS_FILE = join(ROOT, 'test', 'fixtures', 'malformed', 'viettel_thue_bao_unknown_ward_code.csv');

/** Its manifests are removed: never received, so late. */
const LATE_SOURCE = 'ca-providers';

let root: string;
let server: Awaited<ReturnType<typeof dashboardServer>>;
let browser: Browser;
let token: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'vpdc-web-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await dashboardServer(root, (lakeDir) => {
    try {
      vpdcSync('ingest', REJECTS_FILE, '--source', 'viettel', '--lake', lakeDir);
    } catch {
      // exit 1: the file has rejected rows, which is what this lake needs
    }
    // A source whose files the data center has no record of: the page must show it late.
    rmSync(join(lakeDir, 'manifests', LATE_SOURCE), { recursive: true });
  });
  token = await server.token('ioc');
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** An API call as the operations center, straight (not through the page). */
async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

interface Opened {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** A fresh browser profile (no cache, no storage) at the page, signed in through the address as `vpdc demo` prints it. */
async function open(
  viewport = { width: 1280, height: 800 },
  options: { bypassCSP?: boolean; signedIn?: boolean } = {},
): Promise<Opened> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, bypassCSP: options.bypassCSP ?? false });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('requestfailed', (request) => errors.push(`${request.url()}: ${request.failure()?.errorText}`));
  await page.goto(options.signedIn === false ? server.url : `${server.url}/#token=${token}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return { context, page, errors };
}

/** `1.234.567,89` → 1234567.89 */
const viNumber = (text: string) =>
  Number(
    text
      .replace(/[^\d,.-]/g, '')
      .replace(/\./g, '')
      .replace(',', '.'),
  );
const enNumber = (text: string) => Number(text.replace(/[^\d.-]/g, ''));

type ScorecardRow = {
  period: string;
  indicator: string;
  kind: string;
  actual: number | null;
  target: number | null;
  baseline: number | null;
  change_since_baseline: number | null;
  status: string;
};

/** The newest row of each indicator, as the API serves kpi_scorecard. */
async function latestScorecard(): Promise<Map<string, ScorecardRow>> {
  const { data } = await api<{ data: ScorecardRow[] }>(
    '/v1/datasets/kpi_scorecard/rows?limit=10000&fields=period,indicator,kind,actual,target,baseline,change_since_baseline,status',
  );
  const latest = new Map<string, ScorecardRow>();
  for (const row of data) if ((latest.get(row.indicator)?.period ?? '') < row.period) latest.set(row.indicator, row);
  return latest;
}

// How fast the first load is ready is measured in `npm run bench` (bench/dashboard-results.md), not asserted here.
test('the first load has no console error, every section drawn, and the token leaves the address bar', async () => {
  const { context, page, errors } = await open();
  await page.screenshot({ path: join(ARTIFACTS, 'desktop-1280x800.png') });
  await page.screenshot({ path: join(ARTIFACTS, 'desktop-full.png'), fullPage: true });
  expect(errors).toEqual([]);
  expect(page.url()).not.toContain('token');
  for (const id of ['scorecard', 'charts', 'catalog', 'feeds'])
    await expect(page.locator(`#${id} .section-body`).getAttribute('aria-busy')).resolves.toBeNull();
  expect(await page.locator('.error').count()).toBe(0);
  // Every chart of CHARTS, each drawn as SVG by ECharts.
  expect(await page.locator('figure.panel .chart svg').count()).toBe(18);
  await context.close();
});

test('the scorecard cards show the values the API serves, in Vietnamese number forms, with their status', async () => {
  const { context, page } = await open();
  const latest = await latestScorecard();
  expect(new Set([...latest.values()].map((r) => r.kind))).toEqual(new Set(['plan_target', 'baseline']));
  const cards = page.locator('.cards > li');
  expect(await cards.count()).toBe(latest.size);
  for (const [indicator, row] of latest) {
    const card = page.locator(`.card[data-indicator="${indicator}"]`);
    const actual = await card.locator('.actual strong').innerText();
    expect(viNumber(actual)).toBeCloseTo(row.actual!, 2);
    if (row.kind === 'baseline') {
      // A seed figure is no goal: the card gives it and the change since, and no status badge.
      expect(viNumber(await card.locator('dd[data-baseline]').innerText())).toBeCloseTo(row.baseline!, 2);
      expect(viNumber(await card.locator('dd[data-change]').innerText())).toBeCloseTo(row.change_since_baseline!, 2);
      expect(await card.locator('.badge').count()).toBe(0);
    } else {
      expect(viNumber(await card.locator('dd').first().innerText())).toBeCloseTo(row.target!, 2);
    }
    expect(await card.getAttribute('class')).toContain(`status-${row.status}`);
  }
  // A count above 999 is written with dots: the seed's 1,300,000 mobile subscriptions.
  const mobile = latest.get('mobile_subscribers')!.actual!;
  expect(await page.locator('.card[data-indicator="mobile_subscribers"] .actual strong').innerText()).toContain(
    mobile.toLocaleString('vi-VN'),
  );
  await context.close();
});

/** A chart's table as the page shows it: the row label, then each figure as a number (– is null). */
async function chartTable(
  page: Page,
  chart: string,
): Promise<{ headers: string[]; rows: (string | number | null)[][] }> {
  const figure = page.locator(`#chart-${chart}`);
  const headers = await figure.locator('table thead th').allTextContents();
  const rows = [];
  for (const row of await figure.locator('table tbody tr').all()) {
    const label = (await row.locator('th').textContent())!;
    const figures = await row.locator('td').allTextContents();
    rows.push([label, ...figures.map((text) => (text === '–' ? null : viNumber(text)))]);
  }
  return { headers, rows };
}

/** `2025-12` as the Vietnamese page writes a month. */
const viMonth = (period: string) => `${period.slice(5, 7)}/${period.slice(0, 4)}`;
const WARD_NAMES = new Map(WARDS_2025.map((w) => [w.code, w.name]));
/** The page shows at most two decimals. */
const shown = (value: unknown) => (value === null ? null : Math.round(Number(value) * 100) / 100);
/** One sum of a column per level of government, each named after its level. */
const byLevel = (column: string) =>
  AGENCY_LEVELS.map((level) => `sum(case when level = '${level}' then ${column} else 0 end) as ${level}`).join(', ');

describe('every chart has its figures as a table, equal to the marts queried straight with DuckDB', () => {
  let lake: DuckDbLake;
  let page: Page;
  let context: BrowserContext;
  beforeAll(async () => {
    lake = await DuckDbLake.open(server.lakeDir);
    ({ context, page } = await open());
  });
  afterAll(async () => {
    await context?.close();
    lake?.close();
  });
  const query = async (sql: string) => (await lake.query(sql)).rows;
  const byLabel = (rows: unknown[][]) => [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));

  test('each chart is drawn with a label for screen readers', async () => {
    const figures = await page.locator('figure.panel').all();
    expect(figures).toHaveLength(18);
    for (const figure of figures) {
      const label = await figure.locator('.chart').getAttribute('aria-label');
      expect(label?.length).toBeGreaterThan(10);
    }
  });

  test('BTS on air by ward and technology, the newest month, summed over carriers', async () => {
    const rows = await query(
      'select ward_code, sum(bts_2g) as g2, sum(bts_3g) as g3, sum(bts_4g) as g4, sum(bts_5g) as g5 from telecom_coverage_by_ward where period = (select max(period) from telecom_coverage_by_ward) group by ward_code',
    );
    expect(rows).toHaveLength(36);
    const table = await chartTable(page, 'bts-by-ward');
    expect(table.headers).toEqual(['Xã, phường', '2G', '3G', '4G', '5G']);
    expect(byLabel(table.rows)).toEqual(
      byLabel(rows.map((r) => [WARD_NAMES.get(String(r.ward_code))!, r.g2, r.g3, r.g4, r.g5])),
    );
  });

  test('mobile subscriptions by carrier and month, carriers without mobile subscriptions left out', async () => {
    const rows = await query('select period, carrier, mobile_subscribers from mobile_market_by_carrier');
    const mobile = await query(
      'select carrier from mobile_market_by_carrier group by carrier having max(mobile_subscribers) > 0 order by carrier',
    );
    const carriers = mobile.map((r) => String(r.carrier));
    expect(carriers).toEqual(['mobifone', 'viettel', 'vnpt']);
    const periods = [...new Set(rows.map((r) => String(r.period)))].sort();
    const value = new Map(rows.map((r) => [`${r.period}|${r.carrier}`, r.mobile_subscribers]));
    const table = await chartTable(page, 'subscribers-by-carrier');
    expect(table.headers).toEqual(['Tháng', 'MobiFone', 'Viettel', 'VNPT']);
    expect(table.rows).toEqual(
      periods.map((period) => [viMonth(period), ...carriers.map((c) => value.get(`${period}|${c}`) ?? null)]),
    );
  });

  test('online and on-time dossier rates of the province, month by month', async () => {
    const rows = await query('select period, online_rate_pct, on_time_rate_pct from dossiers_by_month order by period');
    expect(rows.length).toBeGreaterThanOrEqual(36);
    const table = await chartTable(page, 'dossier-rates');
    expect(table.rows).toEqual(
      rows.map((r) => [viMonth(String(r.period)), shown(r.online_rate_pct), shown(r.on_time_rate_pct)]),
    );
  });

  test('e-ID accounts and people aged 14+ by ward, the newest month', async () => {
    const rows = await query(
      'select ward_code, activated_accounts, population_14plus, activated_pct_of_14plus from eid_by_ward where period = (select max(period) from eid_by_ward)',
    );
    expect(rows).toHaveLength(36);
    const table = await chartTable(page, 'eid-by-ward');
    expect(byLabel(table.rows)).toEqual(
      byLabel(
        rows.map((r) => [
          WARD_NAMES.get(String(r.ward_code))!,
          r.activated_accounts,
          r.population_14plus,
          shown(r.activated_pct_of_14plus),
        ]),
      ),
    );
  });

  test('leadership tasks open, overdue and done on time by agency, the newest month', async () => {
    const rows = await query(
      'select agency_code, tasks_open, tasks_overdue, overdue_pct, tasks_completed, on_time_pct from tasks_by_agency where period = (select max(period) from tasks_by_agency)',
    );
    expect(rows.length).toBeGreaterThanOrEqual(10);
    const table = await chartTable(page, 'tasks-by-agency');
    expect(table.headers).toEqual([
      'Cơ quan',
      'Đang thực hiện',
      'Quá hạn',
      'Tỷ lệ quá hạn (%)',
      'Hoàn thành trong tháng',
      'Hoàn thành đúng hạn (%)',
    ]);
    expect(byLabel(table.rows)).toEqual(
      byLabel(
        rows.map((r) => [
          String(r.agency_code),
          r.tasks_open,
          r.tasks_overdue,
          shown(r.overdue_pct),
          r.tasks_completed,
          shown(r.on_time_pct),
        ]),
      ),
    );
  });

  test('traffic accidents, casualties and violations by camera and patrol by ward, the newest month, summed over roads', async () => {
    const rows = await query(
      'select ward_code, sum(accidents) as accidents, sum(deaths) as deaths, sum(injuries) as injuries, sum(violations) as violations, sum(violations_camera) as camera, sum(violations_patrol) as patrol from traffic_safety_by_ward where period = (select max(period) from traffic_safety_by_ward) group by ward_code',
    );
    expect(rows).toHaveLength(36);
    const table = await chartTable(page, 'traffic-by-ward');
    expect(table.headers).toEqual([
      'Xã, phường',
      'Số vụ tai nạn',
      'Số người chết',
      'Số người bị thương',
      'Số vi phạm',
      'Qua camera',
      'Qua tuần tra',
    ]);
    expect(byLabel(table.rows)).toEqual(
      byLabel(
        rows.map((r) => [
          WARD_NAMES.get(String(r.ward_code))!,
          r.accidents,
          r.deaths,
          r.injuries,
          r.violations,
          r.camera,
          r.patrol,
        ]),
      ),
    );
  });

  test('SOC alerts of the newest month on the 15 systems with the most, by severity, with each system’s approval', async () => {
    const rows = await query(
      'select system_id, level_approved, security_level, alerts, alerts_critical, alerts_high, alerts_open, median_hours_to_resolve from security_alerts_by_system where period = (select max(period) from security_alerts_by_system) and alerts > 0 order by alerts desc, alerts_critical desc, system_id limit 15',
    );
    expect(rows).toHaveLength(15);
    // Some of the shown systems lack an approved level (the sample draws more alerts on those).
    expect(rows.some((r) => r.level_approved === false)).toBe(true);
    const figure = page.locator('#chart-security-alerts-by-system');
    expect(await figure.locator('table thead th').allTextContents()).toEqual([
      'Hệ thống',
      'Cấp độ đã phê duyệt',
      'Cấp độ',
      'Số cảnh báo',
      'Nghiêm trọng',
      'Cao',
      'Chưa xử lý xong',
      'Thời gian xử lý (giờ, trung vị)',
    ]);
    const shownRows: (string | number | null)[][] = [];
    for (const row of await figure.locator('table tbody tr').all()) {
      const [approved, ...figures] = await row.locator('td').allTextContents();
      shownRows.push([
        (await row.locator('th').textContent())!,
        approved!,
        ...figures.map((text) => (text === '–' ? null : viNumber(text))),
      ]);
    }
    // In the mart's order: most alerts first.
    expect(shownRows).toEqual(
      rows.map((r) => [
        String(r.system_id),
        r.level_approved === null ? '–' : r.level_approved ? 'Có' : 'Không',
        r.security_level,
        r.alerts,
        r.alerts_critical,
        r.alerts_high,
        r.alerts_open,
        shown(r.median_hours_to_resolve),
      ]),
    );
  });

  test('negative news of the newest month by topic, most first, with the false ones and the share handled', async () => {
    const rows = await query(
      'select topic, mentions, mentions_negative, negative_pct, negative_social_media, mentions_false, negative_reported, negative_answered, handled_pct from news_monitoring_by_topic where period = (select max(period) from news_monitoring_by_topic) order by mentions_negative desc, topic',
    );
    expect(rows).toHaveLength(10);
    // The monitoring system's report names its topics in Vietnamese, as the page does.
    const TOPIC_NAMES: Record<string, string> = {
      administrative_procedures: 'Thủ tục hành chính',
      land_and_construction: 'Đất đai, xây dựng',
      environment: 'Tài nguyên, môi trường',
      health: 'Y tế',
      education: 'Giáo dục, đào tạo',
      traffic: 'Giao thông',
      social_security: 'An sinh xã hội',
      economy_and_investment: 'Kinh tế, đầu tư',
      public_order: 'An ninh, trật tự',
      other: 'Khác',
    };
    const table = await chartTable(page, 'news-monitoring-by-topic');
    expect(table.headers).toEqual([
      'Chủ đề',
      'Tổng số tin, bài',
      'Tin, bài tiêu cực',
      'Tiêu cực (%)',
      'Tiêu cực trên mạng xã hội, diễn đàn, video',
      'Tin giả, sai sự thật',
      'Đề nghị nền tảng gỡ bỏ',
      'Phản hồi, đính chính',
      'Đã xử lý (%)',
    ]);
    // In the mart's order: most negative items first.
    expect(table.rows).toEqual(
      rows.map((r) => [
        TOPIC_NAMES[String(r.topic)],
        r.mentions,
        r.mentions_negative,
        shown(r.negative_pct),
        r.negative_social_media,
        r.mentions_false,
        r.negative_reported,
        r.negative_answered,
        shown(r.handled_pct),
      ]),
    );
  });

  test('documents sent and received over the national document axis by agency, the newest month, most received first', async () => {
    const rows = await query(
      'select agency_code, documents_sent, signed_pct, documents_received, documents_processed, documents_processed_on_time, on_time_pct, documents_pending from document_exchange_by_agency where period = (select max(period) from document_exchange_by_agency)',
    );
    expect(rows).toHaveLength(12);
    const table = await chartTable(page, 'document-exchange-by-agency');
    expect(table.headers).toEqual([
      'Cơ quan',
      'Văn bản gửi',
      'Có ký số (%)',
      'Văn bản nhận',
      'Đã xử lý',
      'Xử lý đúng hạn',
      'Đúng hạn (%)',
      'Đang xử lý',
    ]);
    expect(byLabel(table.rows)).toEqual(
      byLabel(
        rows.map((r) => [
          String(r.agency_code),
          r.documents_sent,
          shown(r.signed_pct),
          r.documents_received,
          r.documents_processed,
          r.documents_processed_on_time,
          shown(r.on_time_pct),
          r.documents_pending,
        ]),
      ),
    );
    const received = table.rows.map((r) => r[3] as number);
    expect(received).toEqual([...received].sort((a, b) => b - a));
  });

  test('systems and databases connected through the LGSP month by month, by kind, and the share of all to connect', async () => {
    const rows = await query(
      `select period,
        sum(case when connection_kind = 'provincial_system' then connected else 0 end) as provincial,
        sum(case when connection_kind = 'national_database' then connected else 0 end) as national_databases,
        sum(case when connection_kind = 'sectoral_database' then connected else 0 end) as sectoral_databases,
        sum(case when connection_kind = 'national_system' then connected else 0 end) as national_systems,
        sum(connections) - sum(connected) as not_connected, sum(connections) as connections, 100.0 * sum(connected) / sum(connections) as share
      from lgsp_interconnection group by period order by period`,
    );
    expect(rows).toHaveLength(36);
    const table = await chartTable(page, 'lgsp-interconnection');
    expect(table.headers).toEqual([
      'Tháng',
      'Hệ thống thông tin của tỉnh',
      'Cơ sở dữ liệu quốc gia',
      'Cơ sở dữ liệu chuyên ngành',
      'Hệ thống thông tin quốc gia',
      'Chưa kết nối',
      'Tổng số cần kết nối',
      'Tỷ lệ kết nối (%)',
    ]);
    expect(table.rows).toEqual(
      rows.map((r) => [
        viMonth(String(r.period)),
        r.provincial,
        r.national_databases,
        r.sectoral_databases,
        r.national_systems,
        r.not_connected,
        r.connections,
        shown(r.share),
      ]),
    );
    // The line is the scorecard's series: its newest month is the card's actual, short of the 100% target.
    const latest = (await latestScorecard()).get('systems_and_databases_interconnected_pct')!;
    expect(table.rows.at(-1)![7]).toBeCloseTo(latest.actual!, 2);
    expect(latest.actual!).toBeLessThan(100);
  });

  test('health facility visits by ward, the newest month, by how the patient was identified, with chip readers and the cashless share', async () => {
    const rows = await query(
      'select ward_code, facilities, facilities_chip_reader, visits, visits_chip_id, visits_insurance_card, visits_uninsured, chip_id_pct, cashless_pct from health_by_ward where period = (select max(period) from health_by_ward)',
    );
    expect(rows).toHaveLength(36);
    const table = await chartTable(page, 'health-by-ward');
    expect(table.headers).toEqual([
      'Xã, phường',
      'Cơ sở y tế',
      'Có đầu đọc CCCD gắn chip',
      'Lượt khám, chữa bệnh',
      'Dùng CCCD gắn chip, VNeID',
      'Dùng thẻ BHYT',
      'Không có BHYT',
      'Dùng CCCD gắn chip (% lượt có BHYT)',
      'Thanh toán không dùng tiền mặt (%)',
    ]);
    expect(byLabel(table.rows)).toEqual(
      byLabel(
        rows.map((r) => [
          WARD_NAMES.get(String(r.ward_code))!,
          r.facilities,
          r.facilities_chip_reader,
          r.visits,
          r.visits_chip_id,
          r.visits_insurance_card,
          r.visits_uninsured,
          shown(r.chip_id_pct),
          shown(r.cashless_pct),
        ]),
      ),
    );
  });

  test('schools, pupils, digital record books and cashless school payers by ward, the newest month', async () => {
    const rows = await query(
      'select ward_code, schools, pupils, pupils_general, digital_record_pct, payers, cashless_pct from education_by_ward where period = (select max(period) from education_by_ward)',
    );
    expect(rows).toHaveLength(36);
    const table = await chartTable(page, 'education-by-ward');
    expect(table.headers).toEqual([
      'Xã, phường',
      'Số trường',
      'Số học sinh',
      'Học sinh phổ thông',
      'Có học bạ số (%)',
      'Học sinh nộp tiền trong tháng',
      'Nộp không dùng tiền mặt (%)',
    ]);
    expect(byLabel(table.rows)).toEqual(
      byLabel(
        rows.map((r) => [
          WARD_NAMES.get(String(r.ward_code))!,
          r.schools,
          r.pupils,
          r.pupils_general,
          shown(r.digital_record_pct),
          r.payers,
          shown(r.cashless_pct),
        ]),
      ),
    );
  });

  test('payments through the national gateway by service in bn VND, month by month, with the cashless share of dossier fees', async () => {
    const services = [
      'dossier_fee',
      'land_obligation',
      'tax',
      'traffic_fine',
      'hospital_fee',
      'tuition',
      'social_insurance',
    ];
    const rows = await query(
      `select period, ${services.map((s) => `max(case when service = '${s}' then value_vnd end) as ${s}`).join(', ')}, sum(transactions) as transactions, max(case when service = 'dossier_fee' then cashless_fee_pct end) as cashless from payments_by_service group by period order by period`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(36);
    const table = await chartTable(page, 'payments-by-service');
    expect(table.headers).toEqual([
      'Tháng',
      'Phí, lệ phí TTHC (tỷ đồng)',
      'Nghĩa vụ tài chính đất đai (tỷ đồng)',
      'Thuế (tỷ đồng)',
      'Phạt vi phạm giao thông (tỷ đồng)',
      'Viện phí (tỷ đồng)',
      'Học phí (tỷ đồng)',
      'BHXH, BHYT tự nguyện (tỷ đồng)',
      'Số giao dịch thành công',
      'Hồ sơ có phí thanh toán trực tuyến (%)',
    ]);
    expect(table.rows).toEqual(
      rows.map((r) => [
        viMonth(String(r.period)),
        ...services.map((s) => (r[s] === null ? null : shown(Number(r[s]) / 1e9))),
        r.transactions,
        shown(r.cashless),
      ]),
    );
  });

  test('online dossiers by sign-in method, month by month, and the share e-authenticated through VNeID', async () => {
    const rows = await query(
      'select period, sum(online_vneid_level2) as level2, sum(online_vneid_organization) as organization, sum(online_national_portal_account) as national, sum(online_local_account) as local, sum(online_dossiers) as online, 100.0 * sum(e_authenticated_dossiers) / sum(online_dossiers) as share from e_authentication_by_agency group by period order by period',
    );
    expect(rows.length).toBeGreaterThanOrEqual(36);
    // The sample rises from about a quarter to short of the plan's 100%.
    expect(rows[0]!.share).toBeLessThan(40);
    expect(rows.at(-1)!.share).toBeGreaterThan(90);
    expect(rows.at(-1)!.share).toBeLessThan(100);
    const table = await chartTable(page, 'e-authentication');
    expect(table.headers).toEqual([
      'Tháng',
      'VNeID mức 2',
      'VNeID tổ chức',
      'Tài khoản Cổng DVC quốc gia',
      'Tài khoản Cổng DVC tỉnh',
      'Hồ sơ trực tuyến',
      'Xác thực qua VNeID (%)',
    ]);
    expect(table.rows).toEqual(
      rows.map((r) => [
        viMonth(String(r.period)),
        r.level2,
        r.organization,
        r.national,
        r.local,
        r.online,
        shown(r.share),
      ]),
    );
  });

  test('units on the special-purpose data network by level and month, with those down and planned, summed over wards', async () => {
    const rows = await query(
      `select period, ${byLevel('network_units_connected')}, sum(network_units_connected) as connected, sum(network_units_down) as down, sum(network_units_planned) as planned from infrastructure_by_ward group by period order by period`,
    );
    expect(rows).toHaveLength(36);
    expect(rows.at(-1)).toMatchObject({ period: '2025-12', connected: 169 });
    const table = await chartTable(page, 'data-network-by-level');
    expect(table.headers).toEqual([
      'Tháng',
      'Cấp tỉnh',
      'Sở, ban, ngành',
      'Cấp huyện',
      'Cấp xã',
      'Đã kết nối',
      'Mất kết nối',
      'Chưa kết nối',
    ]);
    expect(table.rows).toEqual(
      rows.map((r) => [
        viMonth(String(r.period)),
        r.province,
        r.department,
        r.district,
        r.commune,
        r.connected,
        r.down,
        r.planned,
      ]),
    );
  });

  test('video-conference endpoints installed by level and month, the wards with a commune endpoint and the meetings', async () => {
    const rows = await query(
      `select period, ${byLevel('video_endpoints_installed')}, sum(video_endpoints_installed) as installed, count(distinct case when level = 'commune' and video_endpoints_installed > 0 then ward_code end) as wards, sum(video_sessions) as sessions from infrastructure_by_ward group by period order by period`,
    );
    expect(rows).toHaveLength(36);
    // Down to commune level: every one of the 36 wards has its own endpoint by the end.
    expect(rows.at(-1)).toMatchObject({ period: '2025-12', wards: 36 });
    const table = await chartTable(page, 'video-by-level');
    expect(table.headers).toEqual([
      'Tháng',
      'Cấp tỉnh',
      'Sở, ban, ngành',
      'Cấp huyện',
      'Cấp xã',
      'Điểm cầu đã lắp đặt',
      'Xã, phường có điểm cầu',
      'Số cuộc họp',
    ]);
    expect(table.rows).toEqual(
      rows.map((r) => [
        viMonth(String(r.period)),
        r.province,
        r.department,
        r.district,
        r.commune,
        r.installed,
        r.wards,
        r.sessions,
      ]),
    );
  });

  test('the digital economy in bn VND and as a share of GRDP, year by year', async () => {
    const rows = await query(
      'select year, digital_economy_bn_vnd, digital_economy_pct_grdp from digital_economy order by year',
    );
    const table = await chartTable(page, 'digital-economy-share');
    expect(table.rows).toEqual(
      rows.map((r) => [String(r.year), shown(r.digital_economy_bn_vnd), shown(r.digital_economy_pct_grdp)]),
    );
  });
});

test('feed quality has a table row per source, dataset and month received, as the API serves them, with the reject reasons', async () => {
  const { context, page } = await open();
  type QualityRow = Record<string, string | number | null>;
  const { data } = await api<{ data: QualityRow[] }>('/v1/datasets/feed_quality_history/rows?limit=10000');
  const totals = data.filter((r) => r.reason === ALL_REASONS);
  // The demo's files (one per source and dataset) and the viettel file with rejects.
  expect(totals.length).toBeGreaterThan(10);
  expect(totals.some((r) => r.source === LATE_SOURCE)).toBe(false);
  const figure = page.locator('#chart-feed-quality');
  await figure.locator('summary').click();
  const shownRows: string[][] = [];
  for (const row of await figure.locator('table tbody tr').all())
    shownRows.push([(await row.locator('th').textContent())!, ...(await row.locator('td').allTextContents())]);
  const figures = (cells: string[]) => cells.map((text) => (text === '–' ? null : viNumber(text)));
  expect(shownRows.map((cells) => [...cells.slice(0, 3), ...figures(cells.slice(3, 9))])).toEqual(
    totals.map((r) => [
      viMonth(String(r.period)),
      r.source,
      r.dataset,
      r.files_succeeded,
      r.files_failed,
      r.rows_in,
      r.rows_rejected,
      shown(r.rejected_pct),
      shown(r.days_late),
    ]),
  );
  // The viettel file's unknown wards, in the reasons of its month, with their count.
  const unknown = data.find((r) => r.source === 'viettel' && r.reason === 'unknown_ward')!;
  expect(unknown.rows_rejected).toBeGreaterThan(0);
  const reasonsCell = shownRows.find(
    (cells) => cells[0] === viMonth(String(unknown.period)) && cells[1] === 'viettel' && cells[2] === unknown.dataset,
  )!;
  expect(reasonsCell.at(-1)).toContain(`unknown_ward (${Number(unknown.rows_rejected).toLocaleString('vi-VN')})`);
  await context.close();
});

test("a catalog entry's versions, opened, list the API's changelog; an earlier version is served pinned", async () => {
  const { context, page } = await open();
  const dataset = 'broadband_by_ward';
  type Version = {
    version: string;
    source: string;
    periods: string[];
    rowsByPeriod?: Record<string, number>;
    replaces: { version: string; periods: string[] }[];
  };
  const log = await api<{ current: string; versions: Version[] }>(`/v1/datasets/${dataset}/versions`);
  // The demo's files and the viettel file with rejects, which replaced one month of viettel's first file.
  expect(log.versions.length).toBeGreaterThan(2);
  expect(log.versions[0]!.source).toBe('viettel');
  expect(log.versions[0]!.replaces).toHaveLength(1);
  const entry = page.locator(`li.dataset[data-dataset="${dataset}"] details[data-versions]`);
  await entry.locator('summary').click();
  const rows = entry.locator('table tbody tr');
  await rows.first().waitFor();
  const shownRows: string[][] = [];
  for (const row of await rows.all()) shownRows.push(await row.locator('th, td').allTextContents());
  expect(shownRows.map((cells) => [cells[1], cells[2], viNumber(cells[4]!)])).toEqual(
    log.versions.map((v) => [
      v.version.slice(0, 8),
      v.source,
      Object.values(v.rowsByPeriod!).reduce((a, b) => a + b, 0),
    ]),
  );
  const [newest] = log.versions;
  expect(shownRows[0]![5]).toBe(
    `${newest!.replaces[0]!.version.slice(0, 8)}: ${viMonth(newest!.replaces[0]!.periods[0]!)}`,
  );

  // Pinned through the local server (a table of its own): the rows as they were before the viettel file.
  const previous = log.versions[1]!.version;
  const query = `/v1/datasets/${dataset}/rows?limit=10000&period_from=${newest!.periods[0]}&period_to=${newest!.periods.at(-1)}`;
  const now = await api<{ version: string; data: unknown[] }>(query);
  const then = await api<{ version: string; data: unknown[] }>(`${query}&version=${previous}`);
  expect([now.version, then.version]).toEqual([log.current, previous]);
  expect(then.data).toHaveLength(now.data.length);
  expect(then.data).not.toEqual(now.data);
  await context.close();
});

test('feed health shows every source the API reports, and drills down into the reject reasons', async () => {
  const { context, page } = await open();
  const { feeds } = await api<{
    feeds: { source: string; rowsRejected: number; reasons: Record<string, number>; late: boolean }[];
  }>('/v1/feeds');
  expect(await page.locator('table.feeds > tbody > tr').count()).toBe(feeds.length);
  expect(feeds.find((f) => f.source === LATE_SOURCE)).toMatchObject({ late: true, lastFeedAt: null });
  await expect(page.locator(`tr[data-source="${LATE_SOURCE}"] td`).first().innerText()).resolves.toContain('Chưa có');
  // The late badge says what the API says, source by source.
  for (const feed of feeds)
    expect([
      feed.source,
      await page.locator(`tr[data-source="${feed.source}"] .badge`).first().getAttribute('class'),
    ]).toEqual([feed.source, `badge ${feed.late ? 'late' : 'on-time'}`]);
  const viettel = feeds.find((f) => f.source === 'viettel')!;
  expect(viettel.reasons.unknown_ward).toBeGreaterThan(0);
  const row = page.locator('tr[data-source="viettel"]');
  expect(viNumber(await row.locator('td').nth(2).innerText())).toBe(viettel.rowsRejected);
  await row.locator('details summary').click();
  const reason = row.locator('details table').first().locator('tr', { hasText: 'unknown_ward' });
  await expect(reason.isVisible()).resolves.toBe(true);
  expect(viNumber(await reason.locator('td').innerText())).toBe(viettel.reasons.unknown_ward);
  await context.close();
});

test('the Download buttons return the granted rows as CSV for Excel and as Parquet', async () => {
  const { context, page } = await open();
  const dataset = 'dossiers_by_month';
  const { rowCount, columns } = await api<{ rowCount: number; columns: { name: string }[] }>(`/v1/datasets/${dataset}`);
  const entry = page.locator(`li.dataset[data-dataset="${dataset}"]`);

  const [csv] = await Promise.all([page.waitForEvent('download'), entry.locator('button[data-format="csv"]').click()]);
  expect(csv.suggestedFilename()).toBe(`${dataset}.csv`);
  const text = readFileSync((await csv.path())!, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const lines = text.slice(1).trimEnd().split('\r\n');
  expect(lines[0]).toBe(columns.map((c) => c.name).join(','));
  expect(lines.length - 1).toBe(rowCount);
  await expect(entry.locator('[role="status"]').innerText()).resolves.toContain(`${dataset}.csv`);

  const [parquet] = await Promise.all([
    page.waitForEvent('download'),
    entry.locator('button[data-format="parquet"]').click(),
  ]);
  const path = join(root, `${dataset}.parquet`);
  await parquet.saveAs(path);
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const counted = await db.runAndReadAll(`select count(*)::integer as n from read_parquet('${path}')`);
  expect(counted.getRowObjects()[0]!.n).toBe(rowCount);
  db.closeSync();
  await context.close();
});

test('the English switch relabels the page, writes numbers the English way, and is remembered', async () => {
  const { context, page, errors } = await open();
  const latest = await latestScorecard();
  const mobile = latest.get('mobile_subscribers')!.actual!;
  await page.locator('#lang-switch').click();
  await page.waitForSelector('body[data-ready="true"]');
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
  await expect(page.locator('h1').innerText()).resolves.toBe('Vĩnh Phúc provincial digital data center');
  await expect(page.locator('#scorecard h2').innerText()).resolves.toBe('Plan scorecard');
  const actual = await page.locator('.card[data-indicator="mobile_subscribers"] .actual strong').innerText();
  expect(actual).toContain(mobile.toLocaleString('en-US'));
  expect(enNumber(actual)).toBe(mobile);
  // Focus stays on the switch, so a keyboard user can switch back at once.
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('lang-switch');
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  // The token lives in this tab's session: a reload stays signed in, in English.
  await expect(page.locator('#scorecard h2').innerText()).resolves.toBe('Plan scorecard');
  await page.locator('#lang-switch').click();
  await expect(page.locator('#scorecard h2').innerText()).resolves.toBe('Chỉ tiêu quy hoạch');
  expect(errors).toEqual([]);
  await context.close();
});

test('on a 390×844 phone the page fits the width and every section is there', async () => {
  const { context, page, errors } = await open({ width: 390, height: 844 });
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  expect(await page.locator('main > section').count()).toBe(4);
  await page.screenshot({ path: join(ARTIFACTS, 'phone-390x844.png') });
  await page.screenshot({ path: join(ARTIFACTS, 'phone-full.png'), fullPage: true });
  expect(errors).toEqual([]);
  await context.close();
});

test('passes axe-core WCAG 2 A/AA checks (labels, contrast, names), tables open, in both languages', async () => {
  // axe is injected into the page: the test lifts the page's CSP for this context only.
  const { context, page } = await open({ width: 1280, height: 800 }, { bypassCSP: true });
  await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
  for (const lang of ['vi', 'en']) {
    await page.evaluate(() => {
      document.querySelectorAll('details').forEach((d) => {
        d.open = true;
      });
    });
    const result = await page.evaluate(() =>
      (
        window as unknown as {
          axe: {
            run: (
              ctx: unknown,
              opts: unknown,
            ) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
          };
        }
      ).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } }),
    );
    const violations = result.violations.map(
      (v) =>
        `${lang} ${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
    expect(violations).toEqual([]);
    if (lang === 'vi') {
      await page.locator('#lang-switch').click();
      await page.waitForSelector('body[data-ready="true"]');
    }
  }
  await context.close();
});

test('the keyboard reaches the language switch, the sections and every Download button, with a visible focus ring', async () => {
  const { context, page } = await open();
  const downloads = await page.locator('button.download').count();
  const reached = new Set<string>();
  let unringed = 0;
  for (let i = 0; i < 400 && reached.size < downloads + 1; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return {
        key:
          el.id === 'lang-switch'
            ? 'lang-switch'
            : el.classList.contains('download')
              ? `${el.closest('li')?.getAttribute('data-dataset')}:${el.getAttribute('data-format')}`
              : '',
        ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      };
    });
    if (!focused) continue;
    if (!focused.ring) unringed++;
    if (focused.key) reached.add(focused.key);
  }
  expect(reached.has('lang-switch')).toBe(true);
  expect(reached.size).toBe(downloads + 1);
  expect(unringed).toBe(0);
  await context.close();
});

test('without a token the page asks for one with a labelled field, refuses a bad one, and opens with a good one', async () => {
  const { context, page } = await open({ width: 1280, height: 800 }, { signedIn: false });
  const field = page.getByLabel(/Mã truy cập/);
  await field.fill('not-a-token');
  await page.locator('form.sign-in button[type="submit"]').click();
  await expect(page.locator('form.sign-in [role="alert"]').innerText()).resolves.toContain('không hợp lệ');
  await page.getByLabel(/Mã truy cập/).fill(token);
  await page.locator('form.sign-in button[type="submit"]').click();
  await page.waitForSelector('.cards > li');
  await expect(page.locator('.agency strong').innerText()).resolves.toBe('ioc');
  await context.close();
});

test("where the site's config.json says API Gateway wants a key (AWS), the form asks for it and every API call sends it as x-api-key", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route('**/config.json', (route) => route.fulfill({ json: { apiKeyRequired: true } }));
  const keys: (string | undefined)[] = [];
  await page.route('**/v1/**', (route) => {
    keys.push(route.request().headers()['x-api-key']);
    return route.continue();
  });
  await page.goto(server.url);
  await page.getByLabel(/Mã truy cập/).fill(token);
  await page.getByLabel(/Khóa API/).fill('agency-api-key');
  await page.locator('form.sign-in button[type="submit"]').click();
  await page.waitForSelector('body[data-ready="true"] .cards > li');
  expect(keys.length).toBeGreaterThan(5);
  expect(new Set(keys)).toEqual(new Set(['agency-api-key']));
  await context.close();
});

test('when the token expires while the page is open, the next call (a download) brings back the sign-in form with the reason', async () => {
  const shortLived = await agencyToken(server.lakeDir, 'ioc', 1);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/#token=${shortLived}`);
  await page.waitForSelector('body[data-ready="true"] .cards > li');
  // Past its expiry and the verifier's 5 s clock tolerance.
  await new Promise((done) => setTimeout(done, 7_000));
  await page.locator('li.dataset button[data-format="csv"]').first().click();
  await expect(page.locator('form.sign-in [role="alert"]').innerText()).resolves.toContain('hết hạn');
  await context.close();
});
