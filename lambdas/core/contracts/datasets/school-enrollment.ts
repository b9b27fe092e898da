import { civilFromDays } from '../canonical-values';
import { defineDataset } from '../define-dataset';
import { wardColumns } from '../vocabulary';

/** The levels of a school in the education sector database; preschool keeps no school record book. */
export const SCHOOL_LEVELS = ['preschool', 'primary', 'lower_secondary', 'upper_secondary'] as const;

/** The school year (`2024-2025`) a month falls in: a year runs from September to August. */
export function schoolYearOf(year: number, month: number): string {
  const first = month >= 9 ? year : year - 1;
  return `${first}-${first + 1}`;
}

const count = (name: string, unit: string, description: string) =>
  ({ name, type: 'bigint', unit, min: 0, description }) as const;

export const schoolEnrollment = defineDataset({
  name: 'school_enrollment',
  version: '1.0.0',
  title: 'School pupils, digital record books and cashless fees',
  description:
    'Each school’s pupils at a month end, as the education sector database (CSDL ngành giáo dục, the Ministry of Education and Training’s system the schools keep up to date) exports them for the Department of Education and Training: the school’s level, the school year, the pupils (children at a preschool), how many of them have a digital school record book (học bạ số; preschools keep none) and how many paid tuition or other school charges in the month, of them how many without cash. Counts only: the database’s pupil records (names, ID numbers) never come to the data center. The `school_id` is the school’s id in facilities. Tuition in public schools is waived from the 2025-2026 school year (Resolution 217/2025/QH15), so from September 2025 the payments are mostly other charges (meals, boarding, health insurance). The sample’s figures are invented (the seed says only that every education and health facility accepts cashless payment): the schools of facilities (160 preschools, 140 primary, 120 lower and 30 upper secondary schools), about 300,000 pupils; digital record books first in primary schools (20% of them in 2022-2023, all by 2025-2026) and later in secondary ones (none in 2022-2023, 85% in 2025-2026); pupils paying without cash only at schools that accept it that month, from about 35% of the payers to 92%; no payments in June to August but at preschools.',
  owner: 'Department of Education and Training (Sở Giáo dục và Đào tạo)',
  fedBy: 'the education sector database (CSDL ngành giáo dục)',
  grain: 'one school in one month',
  naturalKey: ['school_id', 'period'],
  columns: [
    {
      name: 'school_id',
      type: 'string',
      pattern: '[A-Za-z0-9_.-]{1,64}',
      description: 'The school, as in facilities (`GD-0003`).',
    },
    {
      name: 'school_level',
      type: 'string',
      enum: [...SCHOOL_LEVELS],
      description:
        'Preschool (mầm non), primary (tiểu học), lower secondary (trung học cơ sở) or upper secondary (trung học phổ thông).',
    },
    ...wardColumns,
    {
      name: 'school_year',
      type: 'string',
      pattern: '\\d{4}-\\d{4}',
      description: 'School year, as the sector writes it (`2024-2025`: September 2024 to August 2025).',
    },
    {
      name: 'as_of',
      type: 'date',
      description: 'The day the figures are as at (ngày chốt số liệu); its month is the period.',
    },
    count('pupils', 'pupils', 'Pupils enrolled (children, at a preschool).'),
    {
      ...count(
        'pupils_digital_record',
        'pupils',
        'Of those, pupils with a digital school record book (học bạ số); null at a preschool, which keeps no record book.',
      ),
      nullable: true,
    },
    count('payers', 'pupils', 'Pupils who paid tuition or other school charges in the month.'),
    count('payers_cashless', 'pupils', 'Of those, pupils who paid without cash (bank transfer, QR code, e-wallet).'),
  ],
  checks: [
    {
      reason: 'school_year_mismatch',
      columns: ['school_year', 'as_of'],
      description: 'The school year is the one the as-of day falls in (September to August).',
      holds: (r) => {
        const { year, month } = civilFromDays(r.as_of as number);
        return r.school_year === schoolYearOf(year, month);
      },
    },
    {
      reason: 'record_book_mismatch',
      columns: ['school_level', 'pupils', 'pupils_digital_record'],
      description: 'A preschool has no record-book count; any other school has one, at most its pupils.',
      holds: (r) =>
        r.school_level === 'preschool'
          ? r.pupils_digital_record === null
          : r.pupils_digital_record !== null && (r.pupils_digital_record as number) <= (r.pupils as number),
    },
    {
      reason: 'payers_exceed_pupils',
      columns: ['pupils', 'payers', 'payers_cashless'],
      description: 'Payers are at most the pupils, and those who paid without cash at most the payers.',
      holds: (r) =>
        (r.payers as number) <= (r.pupils as number) && (r.payers_cashless as number) <= (r.payers as number),
    },
  ],
});
