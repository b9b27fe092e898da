import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { ALL_REASONS } from '../../lambdas/core/marts/all-reasons';
import type { Api, Row } from './api';
import { base, type ChartSpec, type MonthRows, newestMonth, num, percentAxis } from './chart-spec';
import { documentExchangeByAgency } from './documents-chart';
import { h, table } from './dom';
import { educationByWard } from './education-chart';
import { healthByWard } from './health-chart';
import { formatNumber, formatPeriod, t } from './i18n';
import { dataNetworkByLevel, videoByLevel } from './infrastructure-chart';
import { lgspInterconnection } from './interconnection-chart';
import { newsMonitoringByTopic } from './news-chart';
import { eAuthentication, paymentsByService } from './payments-chart';
import { securityAlertsBySystem } from './security-chart';
import { tasksByAgency } from './tasks-chart';
import { trafficByWard } from './traffic-chart';
import { carrierName, wardName } from './wards';

// Only what the charts use, so the bundle stays small; SVG keeps text crisp and selectable.
use([
  BarChart,
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  AriaComponent,
  SVGRenderer,
]);

const TECHNOLOGIES = ['bts_2g', 'bts_3g', 'bts_4g', 'bts_5g'] as const;

const btsByWard: ChartSpec<MonthRows> = {
  id: 'bts-by-ward',
  domain: 'telecom',
  title: 'btsByWard',
  dataset: 'telecom_coverage_by_ward',
  load: (api) => newestMonth(api, 'telecom_coverage_by_ward', `ward_code,carrier,${TECHNOLOGIES.join(',')}`),
  option: (data) => {
    const wards = byWard(data.rows, TECHNOLOGIES);
    return {
      ...base(),
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: formatNumber } },
      yAxis: { type: 'category', inverse: true, data: wards.map((w) => wardName(w.ward)) },
      // Grouped, not stacked: one station may broadcast several technologies.
      series: TECHNOLOGIES.map((tech, i) => ({
        type: 'bar',
        name: tech.slice(4).toUpperCase(),
        data: wards.map((w) => w.sums[i]),
        barGap: 0,
      })),
    };
  },
  figures: (data) => ({
    headers: [t('ward'), '2G', '3G', '4G', '5G'],
    rows: byWard(data.rows, TECHNOLOGIES).map((w) => [wardName(w.ward), ...w.sums.map(formatNumber)]),
  }),
  height: (data) => 64 + 30 * new Set(data.rows.map((r) => r.ward_code)).size,
};

/** Sums of the given columns per ward (over carriers), wards in code order. */
function byWard(rows: Row[], columns: readonly string[]): { ward: string; sums: number[] }[] {
  const sums = new Map<string, number[]>();
  for (const row of rows) {
    const ward = String(row.ward_code);
    const acc = sums.get(ward) ?? columns.map(() => 0);
    for (const [i, c] of columns.entries()) acc[i]! += num(row[c]);
    sums.set(ward, acc);
  }
  return [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([ward, s]) => ({ ward, sums: s }));
}

const subscribersByCarrier: ChartSpec<Row[]> = {
  id: 'subscribers-by-carrier',
  domain: 'telecom',
  title: 'subscribersByCarrier',
  dataset: 'mobile_market_by_carrier',
  load: (api) => api.rows('mobile_market_by_carrier', { fields: 'period,carrier,mobile_subscribers' }),
  option: (rows) => {
    const { periods, carriers, value } = pivot(rows, 'carrier', 'mobile_subscribers');
    return {
      ...base(),
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: periods.map(formatPeriod) },
      yAxis: { type: 'value', axisLabel: { formatter: formatNumber } },
      series: carriers.map((carrier) => ({
        type: 'line',
        name: carrierName(carrier),
        showSymbol: false,
        data: periods.map((p) => value(p, carrier)),
      })),
    };
  },
  figures: (rows) => {
    const { periods, carriers, value } = pivot(rows, 'carrier', 'mobile_subscribers');
    return {
      headers: [t('month'), ...carriers.map(carrierName)],
      rows: periods.map((p) => [formatPeriod(p), ...carriers.map((c) => formatNumber(value(p, c)))]),
    };
  },
};

/** Rows of (period, series, value) → periods × series; a series with no value above zero is left out (fixed-only carriers have no mobile subscriptions). */
function pivot(rows: Row[], seriesColumn: string, valueColumn: string) {
  const cells = new Map(
    rows.map((r) => [`${r.period}|${r[seriesColumn]}`, r[valueColumn] === null ? null : Number(r[valueColumn])]),
  );
  const periods = [...new Set(rows.map((r) => String(r.period)))].sort();
  const carriers = [...new Set(rows.filter((r) => num(r[valueColumn]) > 0).map((r) => String(r[seriesColumn])))].sort();
  return { periods, carriers, value: (period: string, series: string) => cells.get(`${period}|${series}`) ?? null };
}

const DOSSIER_TARGET_PCT = 80;

const dossierRates: ChartSpec<Row[]> = {
  id: 'dossier-rates',
  domain: 'administration',
  title: 'dossierRates',
  dataset: 'dossiers_by_month',
  load: (api) => api.rows('dossiers_by_month', { fields: 'period,online_rate_pct,on_time_rate_pct' }),
  option: (rows) => ({
    ...base(),
    legend: { top: 0 },
    grid: { left: 8, right: 56, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => formatPeriod(String(r.period))) },
    yAxis: percentAxis(),
    series: [
      {
        type: 'line',
        name: t('onlineRate'),
        showSymbol: false,
        data: rows.map((r) => r.online_rate_pct),
        markLine: {
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#B00020' },
          label: { formatter: t('target80'), position: 'insideEndTop' },
          data: [{ yAxis: DOSSIER_TARGET_PCT }],
        },
      },
      { type: 'line', name: t('onTimeRate'), showSymbol: false, data: rows.map((r) => r.on_time_rate_pct) },
    ],
  }),
  figures: (rows) => ({
    headers: [t('month'), `${t('onlineRate')} (%)`, `${t('onTimeRate')} (%)`],
    rows: rows.map((r) => [
      formatPeriod(String(r.period)),
      formatNumber(r.online_rate_pct as number),
      formatNumber(r.on_time_rate_pct as number),
    ]),
  }),
};

const eidByWard: ChartSpec<MonthRows> = {
  id: 'eid-by-ward',
  domain: 'identity',
  title: 'eidByWard',
  dataset: 'eid_by_ward',
  load: (api) =>
    newestMonth(api, 'eid_by_ward', 'ward_code,activated_accounts,population_14plus,activated_pct_of_14plus'),
  option: (data) => {
    const rows = [...data.rows].sort((a, b) => num(b.activated_pct_of_14plus) - num(a.activated_pct_of_14plus));
    return {
      ...base(),
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: percentAxis(),
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => wardName(String(r.ward_code))) },
      series: [
        {
          type: 'bar',
          name: t('eidByWard'),
          data: rows.map((r) => r.activated_pct_of_14plus),
          label: { show: true, position: 'right', formatter: (p: { value: number }) => `${formatNumber(p.value)}%` },
        },
      ],
    };
  },
  figures: (data) => ({
    headers: [t('ward'), 'e-ID', t('total'), '%'],
    rows: data.rows.map((r) => [
      wardName(String(r.ward_code)),
      formatNumber(num(r.activated_accounts)),
      formatNumber(num(r.population_14plus)),
      formatNumber(num(r.activated_pct_of_14plus)),
    ]),
  }),
  height: (data) => 32 + 22 * data.rows.length,
};

const digitalEconomyShare: ChartSpec<Row[]> = {
  id: 'digital-economy-share',
  domain: 'economy',
  title: 'digitalEconomyShare',
  dataset: 'digital_economy',
  load: (api) => api.rows('digital_economy', { fields: 'year,digital_economy_bn_vnd,digital_economy_pct_grdp' }),
  option: (rows) => ({
    ...base(),
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => String(r.year)) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${formatNumber(v)}%` } },
    series: [
      {
        type: 'bar',
        name: t('digitalEconomyShare'),
        data: rows.map((r) => r.digital_economy_pct_grdp),
        label: { show: true, position: 'top', formatter: (p: { value: number }) => `${formatNumber(p.value)}%` },
      },
    ],
  }),
  figures: (rows) => ({
    headers: [t('year'), 'bn VND', '% GRDP'],
    rows: rows.map((r) => [
      String(r.year),
      formatNumber(num(r.digital_economy_bn_vnd)),
      formatNumber(num(r.digital_economy_pct_grdp)),
    ]),
  }),
};

const FEED_QUALITY = 'feed_quality_history';

/** The mart's rows split: the totals of each source, dataset and month, and each one's reason rows. */
function feedMonths(rows: Row[]) {
  const key = (r: Row) => `${r.period}|${r.source}|${r.dataset}`;
  const reasons = new Map<string, Row[]>();
  for (const r of rows.filter((r) => r.reason !== ALL_REASONS))
    reasons.set(key(r), [...(reasons.get(key(r)) ?? []), r]);
  return rows
    .filter((r) => r.reason === ALL_REASONS)
    .map((total) => ({ total, reasons: reasons.get(key(total)) ?? [] }));
}

/** `unknown_ward (12), missing_columns`: each reason with its rejected rows (a failed file's code has none). */
function reasonsText(reasons: Row[]): string {
  return reasons
    .map((r) => (num(r.rows_rejected) > 0 ? `${r.reason} (${formatNumber(num(r.rows_rejected))})` : String(r.reason)))
    .join(', ');
}

const feedQuality: ChartSpec<Row[]> = {
  id: 'feed-quality',
  domain: 'feedQuality',
  title: 'rejectedBySource',
  dataset: FEED_QUALITY,
  load: (api) => api.rows(FEED_QUALITY),
  option: (rows) => {
    // Per source and month, over its datasets: the share of rows in that were rejected.
    // A source that never had a row rejected is left out (a flat line at 0; the table lists it).
    const totals = rows.filter((r) => r.reason === ALL_REASONS);
    const periods = [...new Set(totals.map((r) => String(r.period)))].sort();
    const sources = [...new Set(totals.filter((r) => num(r.rows_rejected) > 0).map((r) => String(r.source)))].sort();
    const share = (source: string, period: string) => {
      const cells = totals.filter((r) => r.source === source && r.period === period);
      const rowsIn = cells.reduce((n, r) => n + num(r.rows_in), 0);
      return cells.length && rowsIn > 0 ? (100 * cells.reduce((n, r) => n + num(r.rows_rejected), 0)) / rowsIn : null;
    };
    return {
      ...base(),
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: periods.map(formatPeriod) },
      // At least 0–5%: a share of a few rejects in thousands stays near the floor, where it belongs.
      yAxis: {
        type: 'value',
        min: 0,
        max: (extent: { max: number }) => Math.max(5, Math.ceil(extent.max)),
        axisLabel: { formatter: (v: number) => `${formatNumber(v)}%` },
      },
      // Symbols shown: a feed with one file so far is one point.
      series: sources.map((source) => ({
        type: 'line',
        name: source,
        data: periods.map((p) => share(source, p)),
      })),
    };
  },
  figures: (rows) => ({
    headers: [
      t('month'),
      t('source'),
      t('dataset'),
      t('filesOk'),
      t('filesFailed'),
      t('rowsIn'),
      t('rejected'),
      t('rejectedPct'),
      t('daysLate'),
      t('reasons'),
    ],
    rows: feedMonths(rows).map(({ total: r, reasons }) => [
      formatPeriod(String(r.period)),
      String(r.source),
      String(r.dataset),
      formatNumber(num(r.files_succeeded)),
      formatNumber(num(r.files_failed)),
      formatNumber(num(r.rows_in)),
      formatNumber(num(r.rows_rejected)),
      formatNumber(r.rejected_pct as number | null),
      formatNumber(r.days_late as number | null),
      reasonsText(reasons),
    ]),
    numericFrom: 3,
  }),
};

// biome-ignore lint/suspicious/noExplicitAny: each chart has its own data type; the page only hands what load gave to option and figures.
export const CHARTS: readonly ChartSpec<any>[] = [
  btsByWard,
  subscribersByCarrier,
  dossierRates,
  eAuthentication,
  paymentsByService,
  eidByWard,
  digitalEconomyShare,
  tasksByAgency,
  trafficByWard,
  securityAlertsBySystem,
  newsMonitoringByTopic,
  healthByWard,
  educationByWard,
  dataNetworkByLevel,
  videoByLevel,
  documentExchangeByAgency,
  lgspInterconnection,
  feedQuality,
];

export type ChartData = Map<string, unknown>;

/** The rows of every chart whose dataset the agency is granted, loaded in parallel. */
export async function loadCharts(api: Api, granted: ReadonlySet<string>): Promise<ChartData> {
  const loaded = await Promise.all(
    CHARTS.filter((c) => granted.has(c.dataset)).map(async (c) => [c.id, await c.load(api)] as const),
  );
  return new Map(loaded);
}

/**
 * The charts, each a figure whose caption titles it and whose table gives the same figures in
 * words (the text alternative). `mount` draws them once the element is in the page (ECharts
 * needs the container's size) and returns them, for resizing and disposal.
 */
export function renderCharts(data: ChartData): { element: HTMLElement; mount: () => EChartsType[] } {
  const drawings: (() => EChartsType)[] = [];
  const panels = CHARTS.filter((c) => data.has(c.id)).map((spec) => {
    const rows = data.get(spec.id);
    const title = t(spec.title);
    // ECharts' own ARIA text is English only: the chart is labelled in the page's language and points to its table.
    const canvas = h('div', {
      class: 'chart',
      role: 'img',
      'aria-label': `${title}. ${t('showTable')}.`,
      style: spec.height ? `height:${spec.height(rows)}px` : undefined,
    });
    const { headers, rows: cells, numericFrom } = spec.figures(rows);
    drawings.push(() => {
      const chart = init(canvas, undefined, { renderer: 'svg' });
      chart.setOption(spec.option(rows));
      return chart;
    });
    const drawing = spec.height
      ? h('div', { class: 'chart-scroll', tabindex: 0, role: 'region', 'aria-label': title }, canvas)
      : canvas;
    return h(
      'figure',
      { class: 'panel', id: `chart-${spec.id}` },
      h('figcaption', {}, h('span', { class: 'domain' }, t(spec.domain)), h('h3', {}, title)),
      drawing,
      h(
        'details',
        {},
        h('summary', {}, t('showTable')),
        // A wide table scrolls within its panel (and takes the keyboard's focus to do so).
        h(
          'div',
          { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': title },
          table(title, headers, cells, numericFrom),
        ),
      ),
    );
  });
  return { element: h('div', { class: 'charts' }, ...panels), mount: () => drawings.map((draw) => draw()) };
}
