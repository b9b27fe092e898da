import type { Row } from './api';
import { base, type ChartSpec, num } from './chart-spec';
import { CONNECTION_KINDS } from './connection-kinds';
import { formatNumber, formatPeriod, t } from './i18n';

const DATASET = 'lgsp_interconnection';
const FIELDS = 'period,connection_kind,connections,connected';
/** Neutral grey: what is still to connect, beside the palette's kinds. */
const NOT_CONNECTED_COLOUR = '#C4CBD2';

interface Month {
  period: string;
  /** Connected, by kind in CONNECTION_KINDS' order. */
  connected: number[];
  notConnected: number;
  connections: number;
  /** Connected over all connections, %; null when there are none. */
  share: number | null;
}

/** The mart has a row per kind: a month's share is its sums' ratio, not an average of the kinds' shares. */
function byMonth(rows: readonly Row[]): Month[] {
  const periods = [...new Set(rows.map((r) => String(r.period)))].sort();
  return periods.map((period) => {
    const month = rows.filter((r) => r.period === period);
    const connected = CONNECTION_KINDS.map(({ kind }) =>
      month.filter((r) => r.connection_kind === kind).reduce((sum, r) => sum + num(r.connected), 0),
    );
    const allConnected = connected.reduce((sum, n) => sum + n, 0);
    const connections = month.reduce((sum, r) => sum + num(r.connections), 0);
    return {
      period,
      connected,
      notConnected: connections - allConnected,
      connections,
      share: connections === 0 ? null : (100 * allConnected) / connections,
    };
  });
}

/**
 * The interconnection domain: month by month, every system and database the LGSP is to connect,
 * as one bar: those connected by kind, and in grey those not yet (the seed's target: no grey).
 * The newest bar is labelled with the connected share.
 */
export const lgspInterconnection: ChartSpec<Row[]> = {
  id: 'lgsp-interconnection',
  domain: 'interconnection',
  title: 'lgspInterconnection',
  dataset: DATASET,
  load: (api) => api.rows(DATASET, { fields: FIELDS }),
  option: (rows) => {
    const months = byMonth(rows);
    const newest = months.length - 1;
    return {
      ...base(),
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => formatPeriod(m.period)) },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: formatNumber } },
      series: [
        ...CONNECTION_KINDS.map(({ word }, k) => ({
          type: 'bar',
          stack: 'connections',
          name: t(word),
          data: months.map((m) => m.connected[k]),
        })),
        {
          type: 'bar',
          stack: 'connections',
          name: t('notConnected'),
          color: NOT_CONNECTED_COLOUR,
          data: months.map((m, i) =>
            i === newest
              ? {
                  value: m.notConnected,
                  label: { show: true, position: 'top', formatter: `${formatNumber(m.share)}%` },
                }
              : m.notConnected,
          ),
        },
      ],
    };
  },
  figures: (rows) => ({
    headers: [
      t('month'),
      ...CONNECTION_KINDS.map(({ word }) => t(word)),
      t('notConnected'),
      t('connectionsTotal'),
      `${t('connectedShare')} (%)`,
    ],
    rows: byMonth(rows).map((m) => [
      formatPeriod(m.period),
      ...m.connected.map(formatNumber),
      formatNumber(m.notConnected),
      formatNumber(m.connections),
      formatNumber(m.share),
    ]),
  }),
};
