import { defineSource } from '../source-spec';

/**
 * The province's document management and operations system (Hệ thống quản lý văn bản và điều
 * hành, a VNPT-iOffice deployment): its monthly report of electronic documents sent and received
 * over the national document exchange axis, exported to Excel. A title row above a two-row header
 * (`Văn bản đi` and `Văn bản đến` merged over their sub-headers), one row per agency, and a
 * `Tổng cộng` row at the bottom, which is not data.
 */
export const ioffice = defineSource({
  id: 'ioffice',
  name: 'Document management and operations system (Hệ thống quản lý văn bản và điều hành)',
  owner: 'Provincial People’s Committee Office (Văn phòng UBND tỉnh)',
  format: 'xlsx',
  headerRows: 2,
  totalsRow: ['Tổng cộng', 'Tổng số', 'Cộng'],
  feeds: [
    {
      dataset: 'document_exchange',
      files: '.',
      columns: {
        agency_code: ['Mã đơn vị', 'Mã cơ quan'],
        documents_sent: ['Văn bản đi / Gửi qua Trục', 'Văn bản đi / Số văn bản gửi'],
        documents_sent_signed: ['Văn bản đi / Có ký số', 'Văn bản đi / Ký số'],
        documents_received: ['Văn bản đến / Nhận qua Trục', 'Văn bản đến / Số văn bản nhận'],
        documents_processed: ['Văn bản đến / Đã xử lý'],
        documents_processed_on_time: ['Văn bản đến / Xử lý đúng hạn', 'Văn bản đến / Đúng hạn'],
      },
      period: { from: 'column', header: ['Kỳ báo cáo'] },
    },
  ],
  cadence: { everyDays: 31, graceDays: 10 },
});
