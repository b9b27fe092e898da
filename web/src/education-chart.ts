import { base, type ChartSpec, type MonthRows, newestMonth, num } from './chart-spec';
import { formatNumber, t } from './i18n';
import { wardName } from './wards';

const DATASET = 'education_by_ward';
const FIELDS = 'ward_code,schools,pupils,pupils_general,digital_record_pct,payers,cashless_pct';

/**
 * The education and training domain: each ward's share of general-education pupils with a
 * digital record book and share of paying pupils who paid without cash, at the newest month,
 * the ward furthest behind on record books first; the table adds schools, pupils and payers.
 */
export const educationByWard: ChartSpec<MonthRows> = {
  id: 'education-by-ward',
  domain: 'education',
  title: 'educationByWard',
  dataset: DATASET,
  load: (api) => newestMonth(api, DATASET, FIELDS),
  option: (data) => {
    const rows = [...data.rows].sort((a, b) => num(a.digital_record_pct) - num(b.digital_record_pct));
    const share = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return {
      ...base(),
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: (v: number) => `${formatNumber(v)}%` } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => wardName(String(r.ward_code))) },
      series: [
        { type: 'bar', name: t('digitalRecordPct'), data: rows.map((r) => share(r.digital_record_pct)) },
        { type: 'bar', name: t('payersCashlessPct'), data: rows.map((r) => share(r.cashless_pct)) },
      ],
    };
  },
  figures: (data) => ({
    headers: [
      t('ward'),
      t('schools'),
      t('pupils'),
      t('pupilsGeneral'),
      t('digitalRecordPct'),
      t('payers'),
      t('payersCashlessPct'),
    ],
    rows: data.rows.map((r) => [
      wardName(String(r.ward_code)),
      formatNumber(num(r.schools)),
      formatNumber(num(r.pupils)),
      formatNumber(num(r.pupils_general)),
      formatNumber(r.digital_record_pct as number | null),
      formatNumber(num(r.payers)),
      formatNumber(r.cashless_pct as number | null),
    ]),
  }),
  height: (data) => 48 + 30 * data.rows.length,
};
