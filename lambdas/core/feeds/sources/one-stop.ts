import { defineSource } from '../source-spec';

/**
 * The one-stop-shop information system's dossier export: CSV in UTF-8 with a BOM, ISO
 * timestamps with `+07:00`, channel and status in Vietnamese, and the applicant's clear
 * citizen ID (or tax code), which the ETL replaces by its keyed hash before writing anything.
 */
export const oneStop = defineSource({
  id: 'one-stop',
  name: 'One-stop-shop dossiers (Hệ thống thông tin giải quyết TTHC)',
  owner: 'Provincial People’s Committee Office (Văn phòng UBND tỉnh)',
  format: 'csv',
  encoding: 'utf-8',
  bom: true,
  booleans: ['Có', 'Không'],
  feeds: [
    {
      dataset: 'admin_dossiers',
      files: '.',
      columns: {
        dossier_id: ['Số hồ sơ', 'Mã hồ sơ'],
        procedure_code: ['Mã thủ tục'],
        agency_code: ['Mã cơ quan'],
        channel: ['Kênh nộp', 'Hình thức nộp'],
        service_level: ['Mức độ dịch vụ công', 'Mức độ DVC'],
        received_at: ['Ngày tiếp nhận'],
        due_at: ['Hạn trả kết quả', 'Hạn xử lý'],
        completed_at: ['Ngày trả kết quả'],
        status: ['Trạng thái'],
        on_time: ['Đúng hạn'],
        paid_online: ['Thanh toán trực tuyến'],
        applicant_type: ['Đối tượng nộp'],
      },
      enums: {
        channel: {
          online: ['Trực tuyến'],
          direct: ['Trực tiếp'],
          postal: ['Bưu chính', 'Qua dịch vụ bưu chính công ích'],
        },
        service_level: { full_process: ['Toàn trình'], partial: ['Một phần'], offline: ['Không trực tuyến'] },
        status: {
          received: ['Mới tiếp nhận'],
          processing: ['Đang xử lý'],
          completed: ['Đã trả kết quả'],
          rejected: ['Từ chối'],
          withdrawn: ['Rút hồ sơ'],
        },
        applicant_type: { citizen: ['Công dân'], business: ['Doanh nghiệp'] },
      },
      keyedHashes: { applicant_id_hash: ['Số CCCD/MST người nộp', 'Số định danh người nộp'] },
      ward: { code: ['Mã xã'], name: ['Tên xã'], scheme: '2025' },
      period: { from: 'month-of', column: 'received_at' },
    },
  ],
  cadence: { everyDays: 7, graceDays: 3 },
});
