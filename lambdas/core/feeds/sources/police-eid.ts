import { defineSource } from '../source-spec';

/** The provincial police's VNeID report: a spreadsheet by district and ward name (pre-2025), districts merged down their wards. */
export const policeEid = defineSource({
  id: 'police-eid',
  name: 'VNeID activation report (Công an tỉnh)',
  owner: 'Provincial Police (Công an tỉnh)',
  format: 'xlsx',
  totalsRow: ['Tổng cộng', 'Toàn tỉnh'],
  numbers: 'en',
  feeds: [
    {
      dataset: 'eid_accounts',
      files: '.',
      columns: { activated_accounts: ['Số tài khoản đã kích hoạt'], level2_accounts: ['Trong đó mức 2', 'Mức 2'] },
      ward: { name: ['Xã/Phường/Thị trấn'], district: ['Huyện/Thành phố'], scheme: 'pre2025' },
      period: { from: 'column', header: ['Tháng'] },
    },
  ],
  cadence: { everyDays: 31, graceDays: 10 },
});
