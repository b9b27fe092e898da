import { defineSource } from '../source-spec';

/**
 * The education sector database's export (CSDL ngành giáo dục, csdl.moet.gov.vn) of each
 * school's figures at a month end, as the Department of Education and Training downloads it:
 * CSV in UTF-8 with a BOM (Excel's "CSV UTF-8"), Vietnamese headers and level names, the school
 * year written `2024-2025`, the as-of day day-first and counts as plain digits. No pupil
 * record leaves the database: the export is counts per school.
 */
export const educationDb = defineSource({
  id: 'education-db',
  name: 'Education sector database school export (CSDL ngành giáo dục)',
  owner: 'Department of Education and Training (Sở Giáo dục và Đào tạo)',
  format: 'csv',
  encoding: 'utf-8',
  bom: true,
  dates: 'dd/mm/yyyy',
  feeds: [
    {
      dataset: 'school_enrollment',
      files: '.',
      columns: {
        school_id: ['Mã trường'],
        school_level: ['Cấp học'],
        school_year: ['Năm học'],
        as_of: ['Ngày chốt số liệu', 'Ngày báo cáo'],
        pupils: ['Tổng số học sinh', 'Số học sinh'],
        pupils_digital_record: ['Số học sinh có học bạ số', 'Học bạ số'],
        payers: ['Số học sinh nộp học phí, khoản thu trong tháng', 'Số học sinh nộp tiền'],
        payers_cashless: ['Trong đó: nộp không dùng tiền mặt', 'Nộp không dùng tiền mặt'],
      },
      enums: {
        school_level: {
          preschool: ['Mầm non', 'Mẫu giáo', 'Nhà trẻ'],
          primary: ['Tiểu học'],
          lower_secondary: ['Trung học cơ sở', 'THCS'],
          upper_secondary: ['Trung học phổ thông', 'THPT'],
        },
      },
      ward: { code: ['Mã xã'], name: ['Tên xã'], scheme: '2025' },
      period: { from: 'month-of', column: 'as_of' },
    },
  ],
  cadence: { everyDays: 31, graceDays: 10 },
});
