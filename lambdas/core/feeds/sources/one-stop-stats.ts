import { defineSource } from '../source-spec';

/**
 * The one-stop system's monthly statistics report (Hệ thống thông tin giải quyết TTHC tỉnh,
 * báo cáo thống kê hồ sơ theo hình thức nộp, xác thực và thanh toán), exported to Excel: a
 * title above the table, a totals row, the month as `mm/yyyy`, channels as the dossier export
 * spells them and sign-in methods in Vietnamese.
 */
export const oneStopStats = defineSource({
  id: 'one-stop-stats',
  name: 'One-stop dossier statistics (Hệ thống thông tin giải quyết TTHC: báo cáo thống kê)',
  owner: 'Provincial Public Administration Service Center (Trung tâm Phục vụ hành chính công tỉnh)',
  format: 'xlsx',
  dates: 'dd/mm/yyyy',
  totalsRow: ['Tổng cộng', 'Tổng số'],
  feeds: [
    {
      dataset: 'dossier_submissions',
      files: '.',
      columns: {
        agency_code: ['Mã đơn vị', 'Mã cơ quan'],
        channel: ['Hình thức nộp', 'Kênh nộp'],
        auth_method: ['Hình thức xác thực', 'Phương thức đăng nhập'],
        dossiers: ['Số hồ sơ tiếp nhận', 'Tổng số hồ sơ'],
        fee_bearing_dossiers: ['Hồ sơ có nghĩa vụ tài chính', 'Hồ sơ phải nộp phí, lệ phí'],
        paid_online_dossiers: ['Hồ sơ thanh toán trực tuyến', 'Đã thanh toán trực tuyến'],
      },
      enums: {
        channel: {
          online: ['Trực tuyến'],
          direct: ['Trực tiếp'],
          postal: ['Bưu chính', 'Qua dịch vụ bưu chính công ích'],
        },
        auth_method: {
          vneid_level2: ['Tài khoản định danh điện tử mức 2 (VNeID)', 'VNeID mức 2'],
          vneid_organization: ['Tài khoản định danh điện tử của tổ chức', 'VNeID tổ chức'],
          national_portal_account: ['Tài khoản Cổng DVCQG', 'Tài khoản Cổng Dịch vụ công quốc gia'],
          local_account: ['Tài khoản Cổng DVC tỉnh', 'Tài khoản địa phương'],
          none: ['Không áp dụng', 'Không xác thực'],
        },
      },
      period: { from: 'column', header: ['Kỳ báo cáo', 'Tháng báo cáo'] },
    },
  ],
  cadence: { everyDays: 31, graceDays: 7 },
});
