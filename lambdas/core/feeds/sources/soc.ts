import { defineSource } from '../source-spec';

/**
 * The provincial SOC's SIEM (Trung tâm giám sát an toàn thông tin): its alert export as NDJSON,
 * one alert a line, the monitored system in a nested object, severity, category and status in
 * Vietnamese, ISO timestamps with `+07:00`. Each export lists the alerts opened or changed
 * since the last one; the newest line of an alert wins in staging.
 */
export const soc = defineSource({
  id: 'soc',
  name: 'SOC security alerts (SIEM export, NDJSON)',
  owner: 'Department of Science and Technology (Sở Khoa học và Công nghệ), provincial SOC',
  format: 'ndjson',
  encoding: 'utf-8',
  feeds: [
    {
      dataset: 'soc_alerts',
      files: '.',
      columns: {
        alert_id: ['ma_canh_bao', 'case_id'],
        system_id: ['he_thong.ma', 'asset.system_id'],
        severity: ['muc_do'],
        category: ['loai_su_kien', 'phan_loai'],
        status: ['trang_thai'],
        detected_at: ['thoi_gian_phat_hien'],
        closed_at: ['thoi_gian_dong', 'thoi_gian_xu_ly_xong'],
      },
      enums: {
        severity: { low: ['Thấp'], medium: ['Trung bình'], high: ['Cao'], critical: ['Nghiêm trọng'] },
        category: {
          malware: ['Mã độc'],
          phishing: ['Lừa đảo trực tuyến', 'Phishing'],
          intrusion_attempt: ['Tấn công xâm nhập', 'Dò quét, xâm nhập'],
          web_defacement: ['Thay đổi giao diện', 'Deface'],
          ddos: ['Từ chối dịch vụ', 'DDoS'],
          vulnerability: ['Lỗ hổng bảo mật'],
          policy_violation: ['Vi phạm chính sách'],
        },
        status: {
          open: ['Mới'],
          investigating: ['Đang xử lý'],
          resolved: ['Đã xử lý'],
          false_positive: ['Cảnh báo sai', 'Dương tính giả'],
        },
      },
      period: { from: 'month-of', column: 'detected_at' },
    },
  ],
  cadence: { everyDays: 1, graceDays: 2 },
});
