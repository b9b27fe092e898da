import { defineSource } from '../source-spec';

/** VTVcab's reports: CSV in TCVN3 (ABC), wards by their pre-2025 names with the district, no codes. Fixed broadband only. */
export const vtvcab = defineSource({
  id: 'vtvcab',
  name: 'VTVcab broadband subscribers',
  owner: 'VTVcab (Vietnam Cable Television)',
  format: 'csv',
  encoding: 'tcvn3',
  numbers: 'vi',
  feeds: [
    {
      dataset: 'telecom_subscribers',
      files: '.',
      constants: { carrier: 'vtvcab', mobile_prepaid: '0', mobile_postpaid: '0', mobile_broadband: '0' },
      columns: { fixed_broadband_ftth: ['Cáp quang'], fixed_broadband_other: ['Cáp đồng'] },
      ward: { name: ['Phường/Xã/Thị trấn', 'Xã'], district: ['Huyện/Thành phố', 'Huyện'], scheme: 'pre2025' },
      period: { from: 'column', header: ['Tháng'] },
    },
  ],
  cadence: { everyDays: 31, graceDays: 10 },
});
