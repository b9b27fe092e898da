import { defineSource } from '../source-spec';

// Two header rows: `Group / Sub` is a group cell merged over its sub-headers (read joined, `Thuê bao di động Trả trước`).
const ward = { code: ['Mã xã'], name: ['Tên xã'], scheme: '2025' } as const;
const period = { from: 'column', header: ['Kỳ báo cáo'] } as const;

/**
 * VNPT's spreadsheets: a title row above a two-row header (group cells merged over their
 * sub-headers) and a `Tổng cộng` totals row at the bottom, which is not data.
 */
export const vnpt = defineSource({
  id: 'vnpt',
  name: 'VNPT monthly network and subscriber workbooks',
  owner: 'VNPT Vĩnh Phúc',
  format: 'xlsx',
  headerRows: 2,
  totalsRow: ['Tổng cộng', 'Tổng số', 'Cộng'],
  numbers: 'en',
  booleans: ['x', 'Không'],
  feeds: [
    {
      dataset: 'telecom_bts',
      files: 'tram|bts',
      constants: { carrier: 'vnpt' },
      columns: {
        station_id: ['Mã trạm'],
        has_2g: ['Công nghệ / 2G'],
        has_3g: ['Công nghệ / 3G'],
        has_4g: ['Công nghệ / 4G'],
        has_5g: ['Công nghệ / 5G'],
        latitude: ['Toạ độ / Vĩ độ', 'Tọa độ Vĩ độ'],
        longitude: ['Toạ độ / Kinh độ', 'Tọa độ Kinh độ'],
        status: ['Trạng thái'],
        on_air_date: ['Ngày phát sóng'],
      },
      enums: { status: { on_air: ['Hoạt động'], off_air: ['Dừng hoạt động'], planned: ['Kế hoạch'] } },
      ward,
      period,
    },
    {
      dataset: 'telecom_subscribers',
      files: 'thue_?bao|subscri',
      constants: { carrier: 'vnpt' },
      columns: {
        mobile_prepaid: ['Thuê bao di động / Trả trước'],
        mobile_postpaid: ['Thuê bao di động / Trả sau'],
        mobile_broadband: ['Thuê bao di động / Dùng dữ liệu'],
        fixed_broadband_ftth: ['Băng rộng cố định / FTTH'],
        fixed_broadband_other: ['Băng rộng cố định / Khác'],
      },
      ward,
      period,
    },
  ],
  cadence: { everyDays: 31, graceDays: 10 },
});
