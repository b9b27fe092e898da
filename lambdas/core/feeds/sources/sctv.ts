import { defineSource } from '../source-spec';

/** SCTV's reports: CSV separated by `;`, Vietnamese number forms, in Windows-1258. Fixed broadband only. */
export const sctv = defineSource({
  id: 'sctv',
  name: 'SCTV broadband subscribers',
  owner: 'SCTV (Saigontourist Cable Television)',
  format: 'csv',
  encoding: 'windows-1258',
  delimiter: ';',
  numbers: 'vi',
  feeds: [
    {
      dataset: 'telecom_subscribers',
      files: '.',
      constants: { carrier: 'sctv', mobile_prepaid: '0', mobile_postpaid: '0', mobile_broadband: '0' },
      columns: {
        fixed_broadband_ftth: ['Thuê bao cáp quang (FTTH)'],
        fixed_broadband_other: ['Thuê bao cáp đồng trục'],
      },
      ward: { code: ['Mã xã'], name: ['Tên xã'], scheme: '2025' },
      period: { from: 'column', header: ['Tháng báo cáo'] },
    },
  ],
  cadence: { everyDays: 31, graceDays: 10 },
});
