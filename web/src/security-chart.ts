import { base, type ChartSpec, type MonthRows, newestMonth, num } from './chart-spec';
import type { Row } from './api';
import { formatNumber, t } from './i18n';

const DATASET = 'security_alerts_by_system';
const FIELDS =
  'system_id,security_level,level_approved,alerts,alerts_critical,alerts_high,alerts_medium,alerts_low,alerts_open,median_hours_to_resolve';
/** How many systems the chart and its table show: those with the most alerts. */
export const SECURITY_TOP_SYSTEMS = 15;

const SEVERITIES = [
  { field: 'alerts_critical', word: 'severityCritical', colour: '#D55E00' },
  { field: 'alerts_high', word: 'severityHigh', colour: '#E69F00' },
  { field: 'alerts_medium', word: 'severityMedium', colour: '#56B4E9' },
  { field: 'alerts_low', word: 'severityLow', colour: '#0072B2' },
] as const;

/** The month's systems with the most alerts: by alerts, then critical alerts, then id. */
function topSystems(rows: readonly Row[]): Row[] {
  return rows
    .filter((r) => num(r.alerts) > 0)
    .sort(
      (a, b) =>
        num(b.alerts) - num(a.alerts) ||
        num(b.alerts_critical) - num(a.alerts_critical) ||
        String(a.system_id).localeCompare(String(b.system_id)),
    )
    .slice(0, SECURITY_TOP_SYSTEMS);
}

const approval = (r: Row) => (r.level_approved === null ? '–' : r.level_approved ? t('yes') : t('no'));

/**
 * The cyberspace information-security domain: the newest month's SOC alerts on the systems with
 * the most of them, by severity; a system whose security level is not approved is marked ✗.
 */
export const securityAlertsBySystem: ChartSpec<MonthRows> = {
  id: 'security-alerts-by-system',
  domain: 'security',
  title: 'securityAlertsBySystem',
  dataset: DATASET,
  load: (api) => newestMonth(api, DATASET, FIELDS),
  option: (data) => {
    const rows = topSystems(data.rows);
    return {
      ...base(),
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: formatNumber } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => (r.level_approved === true ? String(r.system_id) : `${r.system_id} ✗`)),
      },
      series: SEVERITIES.map((s) => ({
        type: 'bar',
        stack: 'alerts',
        name: t(s.word),
        color: s.colour,
        data: rows.map((r) => num(r[s.field])),
      })),
    };
  },
  figures: (data) => ({
    headers: [
      t('system'),
      t('levelApproved'),
      t('securityLevel'),
      t('alerts'),
      t('severityCritical'),
      t('severityHigh'),
      t('alertsOpen'),
      t('medianHoursToResolve'),
    ],
    rows: topSystems(data.rows).map((r) => [
      String(r.system_id),
      approval(r),
      formatNumber(r.security_level as number | null),
      formatNumber(num(r.alerts)),
      formatNumber(num(r.alerts_critical)),
      formatNumber(num(r.alerts_high)),
      formatNumber(num(r.alerts_open)),
      formatNumber(r.median_hours_to_resolve as number | null),
    ]),
    numericFrom: 2,
  }),
  height: (data) => 48 + 26 * topSystems(data.rows).length,
};
