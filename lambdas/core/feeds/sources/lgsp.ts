import { defineSource } from '../source-spec';

/**
 * The provincial integration platform's API gateway (LGSP, nền tảng tích hợp, chia sẻ dữ liệu
 * tỉnh): its monthly statistics export as NDJSON, one registered connection a line, the
 * connection in a nested object, its kind and status in Vietnamese, the call counts and mean
 * response time under `thong_ke`, the month as `yyyy-mm`.
 */
export const lgsp = defineSource({
  id: 'lgsp',
  name: 'LGSP API gateway statistics (NDJSON)',
  owner: 'Department of Science and Technology (Sở Khoa học và Công nghệ), LGSP operator',
  format: 'ndjson',
  encoding: 'utf-8',
  feeds: [
    {
      dataset: 'lgsp_exchanges',
      files: '.',
      columns: {
        connection_id: ['ket_noi.ma', 'service.code'],
        connection_name: ['ket_noi.ten', 'service.name'],
        connection_kind: ['ket_noi.loai'],
        status: ['trang_thai'],
        transactions: ['thong_ke.tong_giao_dich', 'thong_ke.so_giao_dich'],
        failed_transactions: ['thong_ke.giao_dich_loi'],
        mean_latency_ms: ['thong_ke.thoi_gian_phan_hoi_tb_ms'],
      },
      enums: {
        connection_kind: {
          provincial_system: ['Hệ thống thông tin của tỉnh'],
          national_database: ['Cơ sở dữ liệu quốc gia'],
          sectoral_database: ['Cơ sở dữ liệu chuyên ngành'],
          national_system: ['Hệ thống thông tin quốc gia', 'Nền tảng quốc gia'],
        },
        status: {
          connected: ['Đã kết nối', 'Đang hoạt động'],
          testing: ['Đang thử nghiệm', 'Kết nối thử nghiệm'],
          not_connected: ['Chưa kết nối'],
        },
      },
      period: { from: 'column', header: ['ky_bao_cao'] },
    },
  ],
  cadence: { everyDays: 31, graceDays: 7 },
});
