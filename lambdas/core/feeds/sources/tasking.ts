import { defineSource } from '../source-spec';

/**
 * The People's Committee Office's task-tracking system (Hệ thống theo dõi, đôn đốc nhiệm vụ
 * UBND tỉnh giao): its monthly report exported to Excel, a title above the table, dates
 * day-first, who assigned a task and its status in Vietnamese.
 */
export const tasking = defineSource({
  id: 'tasking',
  name: 'Leadership task tracking (Hệ thống theo dõi nhiệm vụ UBND tỉnh giao)',
  owner: 'Provincial People’s Committee Office (Văn phòng UBND tỉnh)',
  format: 'xlsx',
  dates: 'dd/mm/yyyy',
  totalsRow: ['Tổng cộng', 'Tổng số'],
  feeds: [
    {
      dataset: 'leadership_tasks',
      files: '.',
      columns: {
        task_id: ['Mã nhiệm vụ'],
        directive_ref: ['Văn bản giao', 'Số, ký hiệu văn bản'],
        assigned_by: ['Người giao', 'Lãnh đạo giao'],
        agency_code: ['Mã cơ quan chủ trì', 'Mã đơn vị chủ trì'],
        assigned_on: ['Ngày giao'],
        due_on: ['Thời hạn', 'Hạn hoàn thành'],
        completed_on: ['Ngày hoàn thành'],
        status: ['Tình trạng', 'Trạng thái'],
      },
      enums: {
        assigned_by: {
          chairman: ['Chủ tịch UBND tỉnh'],
          vice_chairman: ['Phó Chủ tịch UBND tỉnh'],
          committee: ['UBND tỉnh', 'Tập thể UBND tỉnh'],
        },
        status: {
          in_progress: ['Đang thực hiện', 'Chưa hoàn thành'],
          completed: ['Đã hoàn thành'],
          cancelled: ['Dừng thực hiện', 'Hủy'],
        },
      },
      period: { from: 'column', header: ['Kỳ báo cáo'] },
    },
  ],
  cadence: { everyDays: 31, graceDays: 7 },
});
