import { defineSource } from '../source-spec';

/**
 * The provincial police traffic division's export of its violation and accident records (the
 * camera system's violation list, patrol records and accident reports in one table): CSV in
 * UTF-8 with a BOM, Vietnamese headers and spellings, ISO timestamps with `+07:00`, and the
 * clear number plate (`Biển kiểm soát`), which the ETL replaces by its keyed hash before
 * writing anything. The export has no name column: drivers' names are never taken.
 */
export const trafficPolice = defineSource({
  id: 'traffic-police',
  name: 'Traffic violations and accidents (Phòng Cảnh sát giao thông, Công an tỉnh)',
  owner: 'Provincial Police, traffic police division (Phòng Cảnh sát giao thông, Công an tỉnh)',
  format: 'csv',
  encoding: 'utf-8',
  bom: true,
  numbers: 'vi',
  feeds: [
    {
      dataset: 'traffic_events',
      files: '.',
      columns: {
        event_id: ['Mã vụ việc', 'Số biên bản'],
        event_type: ['Loại vụ việc'],
        category: ['Hành vi vi phạm', 'Lỗi vi phạm'],
        severity: ['Mức độ tai nạn', 'Mức độ'],
        road: ['Tuyến đường'],
        occurred_at: ['Thời gian xảy ra', 'Thời điểm vi phạm'],
        detected_by: ['Hình thức phát hiện', 'Nguồn phát hiện'],
        vehicle_type: ['Loại phương tiện'],
        deaths: ['Số người chết', 'Số người tử vong'],
        injuries: ['Số người bị thương'],
      },
      enums: {
        event_type: { accident: ['Tai nạn giao thông', 'TNGT'], violation: ['Vi phạm', 'Vi phạm TTATGT'] },
        category: {
          speeding: ['Chạy quá tốc độ quy định', 'Quá tốc độ'],
          red_light: ['Không chấp hành hiệu lệnh đèn tín hiệu', 'Vượt đèn đỏ'],
          wrong_lane: ['Đi không đúng làn đường', 'Sai làn'],
          no_helmet: ['Không đội mũ bảo hiểm'],
          drunk_driving: ['Nồng độ cồn', 'Vi phạm nồng độ cồn'],
          parking: ['Dừng, đỗ xe sai quy định', 'Đỗ xe sai quy định'],
          overload: ['Chở quá tải trọng', 'Quá tải'],
          other: ['Lỗi khác', 'Khác'],
        },
        severity: {
          minor: ['Ít nghiêm trọng'],
          serious: ['Nghiêm trọng'],
          very_serious: ['Rất nghiêm trọng'],
          especially_serious: ['Đặc biệt nghiêm trọng'],
        },
        detected_by: {
          camera: ['Camera giám sát', 'Hệ thống camera'],
          patrol: ['Tuần tra, kiểm soát', 'Tuần tra'],
          report: ['Tin báo', 'Tiếp nhận tin báo'],
        },
        vehicle_type: {
          motorbike: ['Xe mô tô', 'Xe máy'],
          car: ['Ô tô con'],
          truck: ['Ô tô tải', 'Xe tải'],
          coach: ['Ô tô khách', 'Xe khách'],
          other: ['Phương tiện khác', 'Khác'],
        },
      },
      keyedHashes: { plate_hash: ['Biển kiểm soát', 'BKS'] },
      ward: { code: ['Mã xã'], name: ['Tên xã, phường'], scheme: '2025' },
      period: { from: 'month-of', column: 'occurred_at' },
    },
  ],
  cadence: { everyDays: 7, graceDays: 3 },
});
