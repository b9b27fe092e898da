import { defineSource } from '../source-spec';

const ward = {
  code: ['Mã đơn vị hành chính', 'Mã xã'],
  name: ['Tên đơn vị hành chính', 'Tên xã'],
  scheme: '2025',
} as const;
const period = { from: 'column', header: ['Kỳ'] } as const;

/** The statistics office's tables: Excel's "Unicode text" (UTF-16LE, tab-separated), numbers like `1.234.567,5`. */
export const statistics = defineSource({
  id: 'statistics',
  name: 'Provincial statistics office tables',
  owner: 'Provincial Statistics Office (Cục Thống kê)',
  format: 'csv',
  encoding: 'utf-16le',
  bom: true,
  delimiter: '\t',
  numbers: 'vi',
  booleans: ['Có', 'Không'],
  feeds: [
    {
      dataset: 'population',
      files: 'dan_so|population',
      columns: {
        population: ['Dân số'],
        population_14plus: ['Dân số từ 14 tuổi'],
        households: ['Số hộ'],
        households_with_fixed_broadband: ['Số hộ có băng rộng cố định'],
      },
      ward,
      period,
    },
    {
      dataset: 'provincial_indicators',
      files: 'chi_tieu|indicator',
      columns: { indicator: ['Mã chỉ tiêu'], value: ['Giá trị'], unit: ['Đơn vị tính'] },
      period,
    },
    {
      dataset: 'facilities',
      files: 'co_so|facilit',
      columns: {
        facility_id: ['Mã cơ sở'],
        facility_name: ['Tên cơ sở'],
        sector: ['Lĩnh vực'],
        cashless_payments: ['Thanh toán không dùng tiền mặt'],
        chip_id_reader: ['Có đầu đọc CCCD gắn chip'],
      },
      enums: { sector: { health: ['Y tế'], education: ['Giáo dục'] } },
      ward,
      period,
    },
  ],
  cadence: { everyDays: 31, graceDays: 15 },
});
