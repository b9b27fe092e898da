import { defineSource } from '../source-spec';

const ward = { code: ['Commune code (old)', 'Commune code'], scheme: 'pre2025' } as const;
const period = { from: 'column', header: ['Month'] } as const;

/** MobiFone's exports: CSV with English headers and numbers, wards still by their pre-2025 codes. */
export const mobifone = defineSource({
  id: 'mobifone',
  name: 'MobiFone monthly network and subscriber exports',
  owner: 'MobiFone (Region 1)',
  format: 'csv',
  encoding: 'utf-8',
  numbers: 'en',
  booleans: ['Y', 'N'],
  feeds: [
    {
      dataset: 'telecom_bts',
      files: 'site|bts',
      constants: { carrier: 'mobifone' },
      columns: {
        station_id: ['Site ID'],
        has_2g: ['2G'],
        has_3g: ['3G'],
        has_4g: ['4G'],
        has_5g: ['5G'],
        latitude: ['Latitude'],
        longitude: ['Longitude'],
        status: ['Status'],
        on_air_date: ['On-air date'],
      },
      enums: { status: { on_air: ['On air'], off_air: ['Off air'], planned: ['Planned'] } },
      ward,
      period,
    },
    {
      dataset: 'telecom_subscribers',
      files: 'subscri',
      constants: { carrier: 'mobifone' },
      columns: {
        mobile_prepaid: ['Prepaid'],
        mobile_postpaid: ['Postpaid'],
        mobile_broadband: ['Mobile data users'],
        fixed_broadband_ftth: ['FTTH'],
        fixed_broadband_other: ['Other fixed broadband'],
      },
      ward,
      period,
    },
  ],
  cadence: { everyDays: 31, graceDays: 10 },
});
