import { defineSource } from '../source-spec';

/**
 * The monthly reconciliation report of the National Public Service Portal's payment platform
 * (Nền tảng thanh toán trực tuyến, Cổng Dịch vụ công quốc gia), as the provincial Public
 * Administration Service Center downloads it for the province's payees: CSV separated by `;`
 * (Excel's list separator under Vietnamese regional settings), UTF-8 with a BOM, amounts in VND
 * with `.` thousands separators, the month as `mm/yyyy`, services and channels in Vietnamese.
 */
export const paymentGateway = defineSource({
  id: 'payment-gateway',
  name: 'Payment reconciliation (Nền tảng thanh toán trực tuyến, Cổng DVCQG)',
  owner: 'Provincial Public Administration Service Center (Trung tâm Phục vụ hành chính công tỉnh)',
  format: 'csv',
  encoding: 'utf-8',
  bom: true,
  delimiter: ';',
  numbers: 'vi',
  dates: 'dd/mm/yyyy',
  feeds: [
    {
      dataset: 'payment_transactions',
      files: '.',
      columns: {
        service: ['Loại khoản thu', 'Loại dịch vụ thanh toán'],
        channel: ['Phương thức thanh toán', 'Kênh thanh toán'],
        transactions: ['Số giao dịch thành công', 'Số GD thành công'],
        value_vnd: ['Số tiền giao dịch thành công (VNĐ)', 'Giá trị GD thành công (VNĐ)'],
        failed_transactions: ['Số giao dịch không thành công', 'Số GD lỗi'],
        refunds: ['Số giao dịch hoàn tiền', 'Số GD hoàn tiền'],
        refunded_vnd: ['Số tiền hoàn trả (VNĐ)', 'Giá trị hoàn tiền (VNĐ)'],
      },
      enums: {
        service: {
          dossier_fee: ['Phí, lệ phí thủ tục hành chính', 'Phí, lệ phí TTHC'],
          land_obligation: ['Nghĩa vụ tài chính về đất đai'],
          tax: ['Thuế', 'Nộp thuế điện tử'],
          traffic_fine: ['Phạt vi phạm hành chính giao thông', 'Phạt VPHC giao thông'],
          hospital_fee: ['Viện phí', 'Phí khám, chữa bệnh'],
          tuition: ['Học phí'],
          social_insurance: ['BHXH tự nguyện, BHYT hộ gia đình', 'Bảo hiểm xã hội, bảo hiểm y tế'],
        },
        channel: {
          bank_transfer: ['Chuyển khoản ngân hàng', 'Internet Banking'],
          card: ['Thẻ ATM nội địa, thẻ quốc tế', 'Thẻ'],
          e_wallet: ['Ví điện tử'],
          qr: ['Mã QR (VietQR)', 'QR Code'],
        },
      },
      period: { from: 'column', header: ['Kỳ đối soát', 'Tháng đối soát'] },
    },
  ],
  cadence: { everyDays: 31, graceDays: 10 },
});
