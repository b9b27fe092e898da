import type { Row } from './api';
import { base, type ChartSpec, type MonthRows, newestMonth, num } from './chart-spec';
import { formatNumber, t } from './i18n';

const DATASET = 'document_exchange_by_agency';
const FIELDS =
  'agency_code,documents_sent,signed_pct,documents_received,documents_processed,documents_processed_on_time,on_time_pct,documents_pending';

/** Agencies with the most documents received first. */
const byReceived = (rows: readonly Row[]) =>
  [...rows].sort(
    (a, b) =>
      num(b.documents_received) - num(a.documents_received) ||
      String(a.agency_code).localeCompare(String(b.agency_code)),
  );

/**
 * The document-exchange domain: each agency's documents over the national document axis in the
 * newest month, those sent beside those received, the received split into processed by their
 * deadline, processed late and still in hand, with the on-time share.
 */
export const documentExchangeByAgency: ChartSpec<MonthRows> = {
  id: 'document-exchange-by-agency',
  domain: 'documents',
  title: 'documentExchangeByAgency',
  dataset: DATASET,
  load: (api) => newestMonth(api, DATASET, FIELDS),
  option: (data) => {
    const rows = byReceived(data.rows);
    return {
      ...base(),
      legend: { top: 0 },
      grid: { left: 8, right: 56, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: formatNumber } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => String(r.agency_code)) },
      series: [
        { type: 'bar', name: t('documentsSent'), data: rows.map((r) => num(r.documents_sent)) },
        {
          type: 'bar',
          stack: 'received',
          name: t('documentsOnTime'),
          data: rows.map((r) => num(r.documents_processed_on_time)),
        },
        {
          type: 'bar',
          stack: 'received',
          name: t('documentsLate'),
          data: rows.map((r) => num(r.documents_processed) - num(r.documents_processed_on_time)),
        },
        {
          type: 'bar',
          stack: 'received',
          name: t('documentsPending'),
          data: rows.map((r) => num(r.documents_pending)),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number }) => `${formatNumber(num(rows[p.dataIndex]!.on_time_pct))}%`,
          },
        },
      ],
    };
  },
  figures: (data) => ({
    headers: [
      t('agency'),
      t('documentsSent'),
      t('signedPct'),
      t('documentsReceived'),
      t('documentsProcessed'),
      t('documentsOnTime'),
      t('documentsOnTimePct'),
      t('documentsPending'),
    ],
    rows: byReceived(data.rows).map((r) => [
      String(r.agency_code),
      formatNumber(num(r.documents_sent)),
      formatNumber(r.signed_pct as number | null),
      formatNumber(num(r.documents_received)),
      formatNumber(num(r.documents_processed)),
      formatNumber(num(r.documents_processed_on_time)),
      formatNumber(r.on_time_pct as number | null),
      formatNumber(num(r.documents_pending)),
    ]),
  }),
  height: (data) => 48 + 40 * data.rows.length,
};
