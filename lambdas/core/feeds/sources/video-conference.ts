import { defineSource } from '../source-spec';

/**
 * The provincial video-conference system's endpoint list (danh sách điểm cầu hệ thống hội nghị
 * truyền hình trực tuyến), which the Department of Science and Technology exports to Excel each
 * month: a title above the table, levels, kinds and states in Vietnamese, day-first dates, and
 * a `Tổng cộng` row under it that sums the meetings.
 */
export const videoConference = defineSource({
  id: 'video-conference',
  name: 'Video-conference endpoints (Hệ thống hội nghị truyền hình trực tuyến, Sở Khoa học và Công nghệ)',
  owner: 'Department of Science and Technology (Sở Khoa học và Công nghệ)',
  format: 'xlsx',
  dates: 'dd/mm/yyyy',
  totalsRow: ['Tổng cộng', 'Tổng số'],
  feeds: [
    {
      dataset: 'video_conference_endpoints',
      files: '.',
      columns: {
        endpoint_id: ['Mã điểm cầu'],
        endpoint_name: ['Tên điểm cầu'],
        level: ['Cấp', 'Cấp điểm cầu'],
        endpoint_type: ['Loại điểm cầu', 'Thiết bị'],
        status: ['Tình trạng', 'Trạng thái'],
        installed_on: ['Ngày lắp đặt', 'Ngày đưa vào sử dụng'],
        sessions: ['Số cuộc họp trong tháng', 'Số phiên họp'],
      },
      enums: {
        level: {
          province: ['Cấp tỉnh'],
          department: ['Sở, ban, ngành', 'Cấp sở'],
          district: ['Cấp huyện'],
          commune: ['Cấp xã'],
        },
        endpoint_type: { hardware: ['Thiết bị chuyên dụng', 'Phòng họp chuyên dụng'], software: ['Phần mềm'] },
        status: {
          active: ['Hoạt động', 'Hoạt động tốt'],
          faulty: ['Hỏng, đang khắc phục', 'Lỗi thiết bị'],
          planned: ['Chưa lắp đặt', 'Kế hoạch'],
        },
      },
      ward: { code: ['Mã xã'], name: ['Tên xã, phường'], scheme: '2025' },
      period: { from: 'column', header: ['Kỳ báo cáo'] },
    },
  ],
  cadence: { everyDays: 31, graceDays: 10 },
});
