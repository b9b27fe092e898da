import { defineSource } from '../source-spec';

/** FPT Telecom's feed: NDJSON, one object per ward and month, counts in nested objects. Fixed broadband only. */
export const fpt = defineSource({
  id: 'fpt',
  name: 'FPT Telecom broadband subscribers (NDJSON)',
  owner: 'FPT Telecom',
  format: 'ndjson',
  encoding: 'utf-8',
  numbers: 'en',
  feeds: [
    {
      dataset: 'telecom_subscribers',
      files: '.',
      constants: { carrier: 'fpt', mobile_prepaid: '0', mobile_postpaid: '0', mobile_broadband: '0' },
      columns: { fixed_broadband_ftth: ['thue_bao.ftth'], fixed_broadband_other: ['thue_bao.khac'] },
      ward: { code: ['xa.ma'], name: ['xa.ten'], scheme: '2025' },
      period: { from: 'column', header: ['thang'] },
    },
  ],
  cadence: { everyDays: 31, graceDays: 10 },
});
