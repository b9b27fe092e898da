import { defineSource } from '../source-spec';

/** The certification authorities' digital-signature counts: CSV with one column per month (`T01/2025`), unpivoted. */
export const caProviders = defineSource({
  id: 'ca-providers',
  name: 'Digital signature certificates by provider',
  owner: 'Certification authorities (VNPT-CA, Viettel-CA), via the Department of Science and Technology',
  format: 'csv',
  encoding: 'utf-8',
  numbers: 'vi',
  feeds: [
    {
      dataset: 'digital_signatures',
      files: '.',
      columns: { provider: ['Nhà cung cấp'], subscriber_type: ['Đối tượng'] },
      enums: {
        provider: { vnpt: ['VNPT-CA'], viettel: ['Viettel-CA'] },
        subscriber_type: { organization: ['Tổ chức'], individual: ['Cá nhân'] },
      },
      period: { from: 'month-columns', column: 'active_certificates' },
    },
  ],
  cadence: { everyDays: 31, graceDays: 10 },
});
