import { base, type ChartSpec, type MonthRows, newestMonth, num } from './chart-spec';
import { formatNumber, t } from './i18n';
import { wardName } from './wards';

const DATASET = 'health_by_ward';
const FIELDS =
  'ward_code,facilities,facilities_chip_reader,visits,visits_chip_id,visits_insurance_card,visits_uninsured,chip_id_pct,cashless_pct';

/** How a visit's patient was identified, in the order the bars stack. */
const CHANNELS = [
  { field: 'visits_chip_id', word: 'visitsChipId' },
  { field: 'visits_insurance_card', word: 'visitsInsuranceCard' },
  { field: 'visits_uninsured', word: 'visitsUninsured' },
] as const;

/**
 * The health domain: each ward's visits at the newest month, by how the patient was identified
 * (chip-based ID or VNeID, the insurance card, uninsured), labelled with the chip-ID share of the
 * insured visits; the table adds the facilities, their chip readers and the cashless share.
 */
export const healthByWard: ChartSpec<MonthRows> = {
  id: 'health-by-ward',
  domain: 'health',
  title: 'healthByWard',
  dataset: DATASET,
  load: (api) => newestMonth(api, DATASET, FIELDS),
  option: (data) => {
    const rows = [...data.rows].sort((a, b) => num(b.visits) - num(a.visits));
    return {
      ...base(),
      legend: { top: 0 },
      grid: { left: 8, right: 56, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: formatNumber } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => wardName(String(r.ward_code))) },
      series: CHANNELS.map((channel, i) => ({
        type: 'bar',
        stack: 'visits',
        name: t(channel.word),
        data: rows.map((r) => num(r[channel.field])),
        ...(i === CHANNELS.length - 1 && {
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number }) => {
              const pct = rows[p.dataIndex]!.chip_id_pct as number | null;
              return pct === null ? '' : `${formatNumber(pct)}%`;
            },
          },
        }),
      })),
    };
  },
  figures: (data) => ({
    headers: [
      t('ward'),
      t('healthFacilities'),
      t('withChipReader'),
      t('visits'),
      ...CHANNELS.map((c) => t(c.word)),
      t('chipIdPct'),
      t('paymentsCashlessPct'),
    ],
    rows: data.rows.map((r) => [
      wardName(String(r.ward_code)),
      formatNumber(num(r.facilities)),
      formatNumber(num(r.facilities_chip_reader)),
      formatNumber(num(r.visits)),
      ...CHANNELS.map((c) => formatNumber(num(r[c.field]))),
      formatNumber(r.chip_id_pct as number | null),
      formatNumber(r.cashless_pct as number | null),
    ]),
  }),
  height: (data) => 48 + 22 * data.rows.length,
};
