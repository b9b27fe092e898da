import { base, type ChartSpec, type MonthRows, newestMonth, num } from './chart-spec';
import { formatNumber, t } from './i18n';

const DATASET = 'tasks_by_agency';
const FIELDS = 'agency_code,tasks_open,tasks_overdue,overdue_pct,tasks_completed,tasks_completed_on_time,on_time_pct';

/** The operational tasking domain: each agency's open tasks at the newest month end, split into within the deadline and overdue. */
export const tasksByAgency: ChartSpec<MonthRows> = {
  id: 'tasks-by-agency',
  domain: 'tasking',
  title: 'tasksByAgency',
  dataset: DATASET,
  load: (api) => newestMonth(api, DATASET, FIELDS),
  option: (data) => {
    const rows = [...data.rows].sort((a, b) => num(b.overdue_pct) - num(a.overdue_pct));
    return {
      ...base(),
      legend: { top: 0 },
      grid: { left: 8, right: 56, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: formatNumber } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => String(r.agency_code)) },
      series: [
        {
          type: 'bar',
          stack: 'open',
          name: t('tasksOnSchedule'),
          data: rows.map((r) => num(r.tasks_open) - num(r.tasks_overdue)),
        },
        {
          type: 'bar',
          stack: 'open',
          name: t('tasksOverdue'),
          data: rows.map((r) => num(r.tasks_overdue)),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number }) => `${formatNumber(num(rows[p.dataIndex]!.overdue_pct))}%`,
          },
        },
      ],
    };
  },
  figures: (data) => ({
    headers: [
      t('agency'),
      t('tasksOpen'),
      t('tasksOverdue'),
      t('overduePct'),
      t('tasksCompleted'),
      t('tasksOnTimePct'),
    ],
    rows: data.rows.map((r) => [
      String(r.agency_code),
      formatNumber(num(r.tasks_open)),
      formatNumber(num(r.tasks_overdue)),
      formatNumber(r.overdue_pct as number | null),
      formatNumber(num(r.tasks_completed)),
      formatNumber(r.on_time_pct as number | null),
    ]),
  }),
  height: (data) => 48 + 26 * data.rows.length,
};
