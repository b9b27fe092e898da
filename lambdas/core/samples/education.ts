import { type SCHOOL_LEVELS, schoolYearOf } from '../contracts/datasets/school-enrollment';
import { acceptsCashless, sampleFacilitiesOf } from './facilities';
import { daysInMonth, trend } from './periods';
import type { SampleContext, SampleRow } from './sample-context';

type Level = (typeof SCHOOL_LEVELS)[number];

/** Pupils a school of each level has [fewest, most] (invented): about 300,000 in all. */
const PUPILS: Record<Level, [number, number]> = {
  preschool: [250, 600],
  primary: [500, 1200],
  lower_secondary: [400, 1000],
  upper_secondary: [700, 1500],
};
/** Share of a level's schools keeping digital record books, by school year (invented; primary schools first). */
const DIGITAL_RECORDS: Record<Exclude<Level, 'preschool'>, Record<string, number>> = {
  primary: { '2022-2023': 0.2, '2023-2024': 0.55, '2024-2025': 0.85, '2025-2026': 1 },
  lower_secondary: { '2022-2023': 0, '2023-2024': 0.15, '2024-2025': 0.5, '2025-2026': 0.85 },
  upper_secondary: { '2022-2023': 0, '2023-2024': 0.15, '2024-2025': 0.5, '2025-2026': 0.85 },
};
/** June, July and August: no term, so no fees but a preschool's summer care. */
const SUMMER = new Set([6, 7, 8]);

interface School {
  level: Level;
  pupils: number;
  year: string;
  /** Below a year's share of its level, the school keeps digital record books that year. */
  adoption: number;
}

/**
 * The education sector database's month-end figures per school (invented: the seed gives
 * none): the schools of the facilities sample, about 300,000 pupils, each school's roll drawn
 * anew each September (within 3% of the year before) and moving by a few pupils a month; the
 * record books of a school that keeps them digital for 97–100% of its pupils; nine in ten
 * pupils paying in a term month, and six in ten at a preschool in summer; payers without cash
 * only at schools that accept cashless payment that month, from about 35% of them to 92%.
 */
export function* schoolEnrollmentRows(ctx: SampleContext): Generator<SampleRow> {
  const { random, periods } = ctx;
  const facilities = sampleFacilitiesOf(ctx.options).filter((f) => f.sector === 'education');
  const schools: School[] = facilities.map((f) => ({
    level: f.kind as Level,
    pupils: random.int(...PUPILS[f.kind as Level]),
    year: '',
    adoption: random.next(),
  }));
  for (let index = 0; index < periods.length; index++) {
    const period = periods[index]!;
    const [year, month] = period.split('-').map(Number) as [number, number];
    const schoolYear = schoolYearOf(year, month);
    const cashlessShare = trend(index, periods.length, 0.35 / 0.92) * 0.92;
    for (let k = 0; k < facilities.length; k++) {
      const f = facilities[k]!;
      const school = schools[k]!;
      if (school.year !== schoolYear) {
        if (school.year !== '') school.pupils = Math.round(school.pupils * (0.97 + 0.06 * random.next()));
        school.year = schoolYear;
      }
      const pupils = Math.max(0, school.pupils + random.int(-3, 3));
      const digital =
        school.level === 'preschool'
          ? null
          : school.adoption < (DIGITAL_RECORDS[school.level][schoolYear] ?? 1)
            ? Math.round(pupils * (0.97 + 0.03 * random.next()))
            : 0;
      const payers = SUMMER.has(month)
        ? school.level === 'preschool'
          ? Math.round(pupils * (0.55 + 0.15 * random.next()))
          : 0
        : Math.round(pupils * (0.88 + 0.11 * random.next()));
      yield {
        school_id: f.id,
        school_level: school.level,
        ward_code: f.ward,
        ward_code_original: null,
        ward_name_original: null,
        school_year: schoolYear,
        as_of: `${period}-${String(daysInMonth(period)).padStart(2, '0')}`,
        pupils,
        pupils_digital_record: digital,
        payers,
        payers_cashless: acceptsCashless(f, index, periods.length)
          ? Math.min(payers, Math.round(payers * cashlessShare * (0.85 + 0.3 * random.next())))
          : 0,
        period,
      };
    }
  }
}
