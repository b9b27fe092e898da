import { defineSource } from '../source-spec';

/**
 * The Department of Health's monthly report of insured and uninsured visits per facility,
 * compiled from the health insurance assessment portal (Cổng tiếp nhận dữ liệu Hệ thống thông
 * tin giám định BHYT) and the facilities' own payment figures: an Excel workbook with a title
 * row, a two-row header (the visit and payment groups merged over their columns) and a
 * `Tổng cộng` totals row, one row per facility and month. Aggregates only: the portal's
 * per-visit XML (QĐ 4210/130) is never sent.
 */
export const dohVisits = defineSource({
  id: 'doh-visits',
  name: 'Monthly health facility visits report (Sở Y tế, from the giám định BHYT portal)',
  owner: 'Department of Health (Sở Y tế)',
  format: 'xlsx',
  headerRows: 2,
  totalsRow: ['Tổng cộng', 'Cộng'],
  feeds: [
    {
      dataset: 'health_visits',
      files: '.',
      columns: {
        facility_id: ['Mã cơ sở KCB', 'Mã cơ sở'],
        facility_type: ['Loại cơ sở KCB', 'Loại hình'],
        visits: ['Số lượt khám, chữa bệnh / Tổng số', 'Tổng số lượt KCB'],
        visits_chip_id: ['Số lượt khám, chữa bệnh / Dùng CCCD gắn chip, VNeID', 'Lượt KCB dùng CCCD gắn chip'],
        visits_insurance_card: ['Số lượt khám, chữa bệnh / Dùng thẻ BHYT', 'Lượt KCB dùng thẻ BHYT'],
        visits_uninsured: ['Số lượt khám, chữa bệnh / Không có BHYT', 'Lượt KCB không BHYT'],
        visits_paid: ['Người bệnh chi trả / Số lượt', 'Số lượt người bệnh chi trả'],
        visits_paid_cashless: ['Người bệnh chi trả / Không dùng tiền mặt', 'Số lượt thanh toán không dùng tiền mặt'],
      },
      enums: {
        facility_type: {
          hospital: ['Bệnh viện', 'BV'],
          health_station: ['Trạm y tế', 'TYT'],
          clinic: ['Phòng khám đa khoa', 'PKĐK'],
        },
      },
      ward: { code: ['Mã xã'], name: ['Tên xã, phường'], scheme: '2025' },
      period: { from: 'column', header: ['Tháng báo cáo', 'Kỳ báo cáo'] },
    },
  ],
  cadence: { everyDays: 31, graceDays: 10 },
});
