import { AGENCY_LEVELS, type AgencyLevel } from '../../lambdas/core/contracts/agency-levels';
import type { Row } from './api';
import { base, type ChartSpec, num } from './chart-spec';
import { formatNumber, formatPeriod, t, type WordKey } from './i18n';

const DATASET = 'infrastructure_by_ward';
const FIELDS =
  'period,ward_code,level,network_units_connected,network_units_down,network_units_planned,video_endpoints_installed,video_sessions';

const LEVEL_WORDS: Record<AgencyLevel, WordKey> = {
  province: 'levelProvince',
  department: 'levelDepartment',
  district: 'levelDistrict',
  commune: 'levelCommune',
};

interface Month {
  period: string;
  connected: Record<AgencyLevel, number>;
  installed: Record<AgencyLevel, number>;
  down: number;
  planned: number;
  sessions: number;
  /** Wards with a commune-level endpoint installed. */
  wardsWithEndpoint: number;
}

const zeros = () => Object.fromEntries(AGENCY_LEVELS.map((l) => [l, 0])) as Record<AgencyLevel, number>;
const sum = (values: Record<AgencyLevel, number>) => AGENCY_LEVELS.reduce((total, l) => total + values[l], 0);

/** The mart has a row per ward and level: the province's month is the sums over wards. */
function byMonth(rows: readonly Row[]): Month[] {
  const months = new Map<string, Month & { wards: Set<string> }>();
  for (const row of rows) {
    const period = String(row.period);
    let month = months.get(period);
    if (!month) {
      month = {
        period,
        connected: zeros(),
        installed: zeros(),
        down: 0,
        planned: 0,
        sessions: 0,
        wardsWithEndpoint: 0,
        wards: new Set(),
      };
      months.set(period, month);
    }
    const level = row.level as AgencyLevel;
    month.connected[level] += num(row.network_units_connected);
    month.installed[level] += num(row.video_endpoints_installed);
    month.down += num(row.network_units_down);
    month.planned += num(row.network_units_planned);
    month.sessions += num(row.video_sessions);
    if (level === 'commune' && num(row.video_endpoints_installed) > 0) month.wards.add(String(row.ward_code));
  }
  return [...months.values()]
    .sort((a, b) => a.period.localeCompare(b.period))
    .map(({ wards, ...month }) => ({ ...month, wardsWithEndpoint: wards.size }));
}

/** Stacked monthly bars, one series per level, the total above the last. */
function stackedByLevel(months: readonly Month[], values: (m: Month) => Record<AgencyLevel, number>) {
  return AGENCY_LEVELS.map((level, i) => ({
    type: 'bar',
    stack: 'levels',
    name: t(LEVEL_WORDS[level]),
    data: months.map((m) => values(m)[level]),
    ...(i === AGENCY_LEVELS.length - 1
      ? {
          label: {
            show: true,
            position: 'top',
            fontSize: 10,
            formatter: (p: { dataIndex: number }) => formatNumber(sum(values(months[p.dataIndex]!))),
          },
        }
      : {}),
  }));
}

const levelHeaders = () => AGENCY_LEVELS.map((l) => t(LEVEL_WORDS[l]));

/** The special-purpose data network: units connected each month, by level, as the network grew and the districts went. */
export const dataNetworkByLevel: ChartSpec<Row[]> = {
  id: 'data-network-by-level',
  domain: 'infrastructure',
  title: 'dataNetworkByLevel',
  dataset: DATASET,
  load: (api) => api.rows(DATASET, { fields: FIELDS }),
  option: (rows) => {
    const months = byMonth(rows);
    return {
      ...base(),
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => formatPeriod(m.period)) },
      yAxis: { type: 'value', axisLabel: { formatter: formatNumber } },
      series: stackedByLevel(months, (m) => m.connected),
    };
  },
  figures: (rows) => ({
    headers: [t('month'), ...levelHeaders(), t('unitsConnected'), t('unitsDown'), t('unitsPlanned')],
    rows: byMonth(rows).map((m) => [
      formatPeriod(m.period),
      ...AGENCY_LEVELS.map((l) => formatNumber(m.connected[l])),
      formatNumber(sum(m.connected)),
      formatNumber(m.down),
      formatNumber(m.planned),
    ]),
  }),
};

/** Video conferencing down to commune level: endpoints installed by level, and how many wards have one of their own. */
export const videoByLevel: ChartSpec<Row[]> = {
  id: 'video-by-level',
  domain: 'infrastructure',
  title: 'videoByLevel',
  dataset: DATASET,
  load: (api) => api.rows(DATASET, { fields: FIELDS }),
  option: (rows) => {
    const months = byMonth(rows);
    return {
      ...base(),
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => formatPeriod(m.period)) },
      yAxis: [
        { type: 'value', axisLabel: { formatter: formatNumber } },
        { type: 'value', min: 0, splitLine: { show: false }, axisLabel: { formatter: formatNumber } },
      ],
      series: [
        ...stackedByLevel(months, (m) => m.installed),
        {
          type: 'line',
          yAxisIndex: 1,
          name: t('wardsWithEndpoint'),
          showSymbol: false,
          data: months.map((m) => m.wardsWithEndpoint),
        },
      ],
    };
  },
  figures: (rows) => ({
    headers: [t('month'), ...levelHeaders(), t('endpointsInstalled'), t('wardsWithEndpoint'), t('meetings')],
    rows: byMonth(rows).map((m) => [
      formatPeriod(m.period),
      ...AGENCY_LEVELS.map((l) => formatNumber(m.installed[l])),
      formatNumber(sum(m.installed)),
      formatNumber(m.wardsWithEndpoint),
      formatNumber(m.sessions),
    ]),
  }),
};
