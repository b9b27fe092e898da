import type { Row } from './api';
import { base, type ChartSpec, type MonthRows, newestMonth, num } from './chart-spec';
import { formatNumber, t } from './i18n';
import { wardName } from './wards';

const DATASET = 'traffic_safety_by_ward';
const FIELDS = 'ward_code,road,accidents,deaths,injuries,violations,violations_camera,violations_patrol';
const SUMMED = ['accidents', 'deaths', 'injuries', 'violations', 'violations_camera', 'violations_patrol'] as const;

type WardTotals = Record<(typeof SUMMED)[number], number> & { ward_code: string };

/** The mart has a row per road: a ward's totals are the sums over its roads. */
function byWard(rows: readonly Row[]): WardTotals[] {
  const wards = new Map<string, WardTotals>();
  for (const row of rows) {
    const code = String(row.ward_code);
    let totals = wards.get(code);
    if (!totals) {
      totals = { ward_code: code, ...Object.fromEntries(SUMMED.map((c) => [c, 0])) } as WardTotals;
      wards.set(code, totals);
    }
    for (const column of SUMMED) totals[column] += num(row[column]);
  }
  return [...wards.values()];
}

/** The traffic safety domain: each ward's violations at the newest month, by cameras and patrols, with its accidents and casualties. */
export const trafficByWard: ChartSpec<MonthRows> = {
  id: 'traffic-by-ward',
  domain: 'traffic',
  title: 'trafficByWard',
  dataset: DATASET,
  load: (api) => newestMonth(api, DATASET, FIELDS),
  option: (data) => {
    const wards = byWard(data.rows).sort((a, b) => b.violations - a.violations);
    return {
      ...base(),
      legend: { top: 0 },
      grid: { left: 8, right: 56, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: formatNumber } },
      yAxis: { type: 'category', inverse: true, data: wards.map((w) => wardName(w.ward_code)) },
      series: [
        { type: 'bar', stack: 'violations', name: t('byCamera'), data: wards.map((w) => w.violations_camera) },
        {
          type: 'bar',
          stack: 'violations',
          name: t('byPatrol'),
          data: wards.map((w) => w.violations_patrol),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number }) => formatNumber(wards[p.dataIndex]!.violations),
          },
        },
      ],
    };
  },
  figures: (data) => ({
    headers: [t('ward'), t('accidents'), t('deaths'), t('injuries'), t('violations'), t('byCamera'), t('byPatrol')],
    rows: byWard(data.rows).map((w) => [wardName(w.ward_code), ...SUMMED.map((column) => formatNumber(w[column]))]),
  }),
  height: (data) => 48 + 22 * byWard(data.rows).length,
};
