import { defineSource } from '../source-spec';

const ward = { code: ['Mã phường/xã', 'Mã xã'], name: ['Tên phường/xã', 'Tên xã'], scheme: '2025' } as const;
const period = { from: 'column', header: ['Kỳ báo cáo', 'Tháng'] } as const;

/** Viettel's monthly reports: CSV in UTF-8, Vietnamese headers, day-first dates, `.` between thousands. */
export const viettel = defineSource({
  id: 'viettel',
  name: 'Viettel monthly network and subscriber reports',
  owner: 'Viettel Vĩnh Phúc (Viettel Group)',
  format: 'csv',
  encoding: 'utf-8',
  numbers: 'vi',
  dates: 'dd/mm/yyyy',
  booleans: ['Có', 'Không'],
  feeds: [
    {
      dataset: 'telecom_bts',
      files: 'tram|bts',
      constants: { carrier: 'viettel' },
      columns: {
        station_id: ['Mã trạm'],
        has_2g: ['Phát sóng 2G', '2G'],
        has_3g: ['Phát sóng 3G', '3G'],
        has_4g: ['Phát sóng 4G', '4G'],
        has_5g: ['Phát sóng 5G', '5G'],
        latitude: ['Vĩ độ'],
        longitude: ['Kinh độ'],
        status: ['Trạng thái'],
        on_air_date: ['Ngày phát sóng'],
      },
      enums: { status: { on_air: ['Đang phát sóng'], off_air: ['Ngừng phát sóng'], planned: ['Quy hoạch'] } },
      ward,
      period,
    },
    {
      dataset: 'telecom_subscribers',
      files: 'thue_?bao|subscri',
      constants: { carrier: 'viettel' },
      columns: {
        mobile_prepaid: ['Số thuê bao di động trả trước'],
        mobile_postpaid: ['Số thuê bao di động trả sau'],
        mobile_broadband: ['Số thuê bao băng rộng di động'],
        fixed_broadband_ftth: ['Số thuê bao băng rộng cố định FTTH'],
        fixed_broadband_other: ['Số thuê bao băng rộng cố định khác'],
      },
      ward,
      period,
    },
  ],
  cadence: { everyDays: 31, graceDays: 10 },
});
