import { defineSource } from '../source-spec';

/**
 * The special-purpose data network's monitoring system (hệ thống quản lý, giám sát mạng truyền
 * số liệu chuyên dùng), run by the Central Post Office Department: its month-end list of the
 * province's connection points exported as CSV the way Vietnamese Excel writes it (UTF-8 with
 * a BOM, `;` between cells, `99,95` decimals, day-first dates, the report month as `12/2025`),
 * with levels, link types, carriers and statuses in Vietnamese.
 */
export const dataNetwork = defineSource({
  id: 'data-network',
  name: 'Special-purpose data network connection points (Cục Bưu điện Trung ương, mạng TSLCD)',
  owner: 'Central Post Office Department (Cục Bưu điện Trung ương, Ministry of Science and Technology)',
  format: 'csv',
  encoding: 'utf-8',
  bom: true,
  delimiter: ';',
  numbers: 'vi',
  dates: 'dd/mm/yyyy',
  feeds: [
    {
      dataset: 'data_network_connections',
      files: '.',
      columns: {
        unit_id: ['Mã điểm kết nối', 'Mã điểm'],
        unit_name: ['Tên đơn vị', 'Đơn vị sử dụng'],
        level: ['Cấp'],
        link_type: ['Loại kênh truyền', 'Phương thức kết nối'],
        bandwidth_mbps: ['Băng thông (Mbps)', 'Tốc độ (Mbps)'],
        carrier: ['Doanh nghiệp cung cấp kênh', 'Nhà cung cấp'],
        status: ['Trạng thái'],
        connected_on: ['Ngày đưa vào sử dụng', 'Ngày kết nối'],
        uptime_pct: ['Tỷ lệ sẵn sàng (%)', 'Độ sẵn sàng (%)'],
      },
      enums: {
        level: {
          province: ['Cấp tỉnh'],
          department: ['Sở, ban, ngành', 'Cấp sở'],
          district: ['Cấp huyện'],
          commune: ['Cấp xã'],
        },
        link_type: {
          fiber: ['Cáp quang'],
          fiber_dual: ['Cáp quang (2 hướng)', 'Cáp quang dự phòng'],
          shdsl: ['SHDSL', 'Cáp đồng (SHDSL)'],
        },
        carrier: { vnpt: ['VNPT'], viettel: ['Viettel'] },
        status: {
          up: ['Hoạt động'],
          down: ['Mất kết nối', 'Gián đoạn'],
          planned: ['Chưa kết nối', 'Kế hoạch'],
        },
      },
      ward: { code: ['Mã xã'], name: ['Tên xã, phường'], scheme: '2025' },
      period: { from: 'column', header: ['Kỳ báo cáo'] },
    },
  ],
  cadence: { everyDays: 31, graceDays: 10 },
});
