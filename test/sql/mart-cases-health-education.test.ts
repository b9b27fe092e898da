import { DuckDbLake } from '../../lambdas/core/query/duckdb-lake';

// health_by_ward and education_by_ward tested the way dbt unit-tests a model (as in
// mart-cases.test.ts): the staging views they read replaced by literal rows, the expected rows
// worked out by hand below. Nothing here re-computes a rule.

type Literal = string | number | boolean | null;
const literal = (v: Literal) => (v === null ? 'null' : typeof v === 'string' ? `'${v}'` : `${v}`);
const values = (rows: Literal[][]) => rows.map((row) => `(${row.map(literal).join(', ')})`).join(',\n');

let lake: DuckDbLake;
beforeAll(async () => {
  lake = await DuckDbLake.open('/nonexistent-lake');
});
afterAll(() => lake.close());

describe('health_by_ward', () => {
  type Facility = [period: string, id: string, sector: string, ward: string, chipReader: boolean, cashless: boolean];
  const FACILITIES: Facility[] = [
    ['2025-03', 'YT-1', 'health', '08707', true, true],
    ['2025-03', 'YT-2', 'health', '08707', false, true],
    ['2025-03', 'GD-3', 'education', '08707', true, true], // a school: not a health facility
    ['2025-03', 'YT-4', 'health', '08710', false, false], // listed, sent no report
    ['2025-04', 'YT-1', 'health', '08707', true, true],
  ];
  type Visits = [
    period: string,
    id: string,
    ward: string,
    visits: number,
    chipId: number,
    card: number,
    uninsured: number,
    paid: number,
    cashless: number,
  ];
  const VISITS: Visits[] = [
    ['2025-03', 'YT-1', '08707', 100, 40, 50, 10, 30, 12],
    ['2025-03', 'YT-2', '08707', 50, 0, 45, 5, 10, 3],
    ['2025-03', 'YT-5', '08713', 20, 0, 0, 20, 20, 0], // reported, not on the list
    ['2025-04', 'YT-1', '08707', 80, 60, 20, 0, 0, 0],
  ];

  beforeAll(async () => {
    await lake.query(
      `create or replace view stg_facilities as select period, facility_id, sector, ward_code, chip_id_reader, cashless_payments from (values ${values(FACILITIES)}) as t (period, facility_id, sector, ward_code, chip_id_reader, cashless_payments)`,
    );
    const counts = [
      'visits',
      'visits_chip_id',
      'visits_insurance_card',
      'visits_uninsured',
      'visits_paid',
      'visits_paid_cashless',
    ];
    await lake.query(
      `create or replace view stg_health_visits as select period, facility_id, ward_code, ${counts.map((c) => `cast(${c} as bigint) as ${c}`).join(', ')} from (values ${values(VISITS)}) as t (period, facility_id, ward_code, ${counts.join(', ')})`,
    );
  });

  test('counts listed facilities, readers and visits by identification and payment per ward and month, by hand', async () => {
    const { rows } = await lake.query('select * from health_by_ward order by period, ward_code');
    expect(rows).toEqual([
      {
        period: '2025-03',
        ward_code: '08707',
        facilities: 2, // the school is not counted
        facilities_chip_reader: 1,
        facilities_cashless: 2,
        facilities_reporting: 2,
        visits: 150, // 100 + 50
        visits_chip_id: 40,
        visits_insurance_card: 95, // 50 + 45
        visits_uninsured: 15,
        chip_id_pct: 29.63, // 40 of the 135 insured visits
        visits_paid: 40,
        visits_paid_cashless: 15,
        cashless_pct: 37.5, // 15 of 40
      },
      {
        period: '2025-03',
        ward_code: '08710',
        facilities: 1,
        facilities_chip_reader: 0,
        facilities_cashless: 0,
        facilities_reporting: 0, // listed but no report: no visits, not unknown ones
        visits: 0,
        visits_chip_id: 0,
        visits_insurance_card: 0,
        visits_uninsured: 0,
        chip_id_pct: null,
        visits_paid: 0,
        visits_paid_cashless: 0,
        cashless_pct: null,
      },
      {
        period: '2025-03',
        ward_code: '08713',
        facilities: 0, // reported without being listed: kept, not dropped
        facilities_chip_reader: 0,
        facilities_cashless: 0,
        facilities_reporting: 1,
        visits: 20,
        visits_chip_id: 0,
        visits_insurance_card: 0,
        visits_uninsured: 20,
        chip_id_pct: null, // no insured visit: no share, not 0%
        visits_paid: 20,
        visits_paid_cashless: 0,
        cashless_pct: 0, // paid, none without cash
      },
      {
        period: '2025-04',
        ward_code: '08707',
        facilities: 1,
        facilities_chip_reader: 1,
        facilities_cashless: 1,
        facilities_reporting: 1,
        visits: 80,
        visits_chip_id: 60,
        visits_insurance_card: 20,
        visits_uninsured: 0,
        chip_id_pct: 75, // 60 of 80
        visits_paid: 0,
        visits_paid_cashless: 0,
        cashless_pct: null, // nothing paid
      },
    ]);
  });
});

describe('education_by_ward', () => {
  type School = [
    period: string,
    id: string,
    ward: string,
    level: string,
    schoolYear: string,
    pupils: number,
    digital: number | null,
    payers: number,
    cashless: number,
  ];
  const SCHOOLS: School[] = [
    ['2025-05', 'GD-1', '08707', 'preschool', '2024-2025', 300, null, 280, 140],
    ['2025-05', 'GD-2', '08707', 'primary', '2024-2025', 800, 800, 760, 600],
    ['2025-05', 'GD-3', '08707', 'lower_secondary', '2024-2025', 600, 150, 540, 540],
    ['2025-07', 'GD-1', '08707', 'preschool', '2024-2025', 295, null, 180, 90], // summer care
    ['2025-07', 'GD-4', '08710', 'upper_secondary', '2024-2025', 1000, 0, 0, 0], // summer: nobody paid
    ['2025-09', 'GD-2', '08707', 'primary', '2025-2026', 820, 820, 800, 780],
  ];

  beforeAll(async () => {
    const counts = ['pupils', 'pupils_digital_record', 'payers', 'payers_cashless'];
    await lake.query(
      `create or replace view stg_school_enrollment as select period, school_id, ward_code, school_level, school_year, ${counts.map((c) => `cast(${c} as bigint) as ${c}`).join(', ')} from (values ${values(SCHOOLS)}) as t (period, school_id, ward_code, school_level, school_year, ${counts.join(', ')})`,
    );
  });

  test('counts schools, pupils by level, digital record books and cashless payers per ward and month, by hand', async () => {
    const { rows } = await lake.query('select * from education_by_ward order by period, ward_code');
    expect(rows).toEqual([
      {
        period: '2025-05',
        ward_code: '08707',
        school_year: '2024-2025',
        schools: 3,
        pupils: 1700, // 300 + 800 + 600
        pupils_preschool: 300,
        pupils_primary: 800,
        pupils_lower_secondary: 600,
        pupils_upper_secondary: 0,
        pupils_general: 1400, // the preschool's children keep no record book
        pupils_digital_record: 950, // 800 + 150
        digital_record_pct: 67.86, // 950 of 1,400
        payers: 1580, // 280 + 760 + 540
        payers_cashless: 1280, // 140 + 600 + 540
        cashless_pct: 81.01, // 1,280 of 1,580
      },
      {
        period: '2025-07',
        ward_code: '08707',
        school_year: '2024-2025',
        schools: 1,
        pupils: 295,
        pupils_preschool: 295,
        pupils_primary: 0,
        pupils_lower_secondary: 0,
        pupils_upper_secondary: 0,
        pupils_general: 0,
        pupils_digital_record: 0, // the preschool's null is none
        digital_record_pct: null, // nobody keeps a record book: no share, not 0%
        payers: 180,
        payers_cashless: 90,
        cashless_pct: 50,
      },
      {
        period: '2025-07',
        ward_code: '08710',
        school_year: '2024-2025',
        schools: 1,
        pupils: 1000,
        pupils_preschool: 0,
        pupils_primary: 0,
        pupils_lower_secondary: 0,
        pupils_upper_secondary: 1000,
        pupils_general: 1000,
        pupils_digital_record: 0,
        digital_record_pct: 0, // record books, none digital
        payers: 0,
        payers_cashless: 0,
        cashless_pct: null, // nobody paid
      },
      {
        period: '2025-09',
        ward_code: '08707',
        school_year: '2025-2026',
        schools: 1,
        pupils: 820,
        pupils_preschool: 0,
        pupils_primary: 820,
        pupils_lower_secondary: 0,
        pupils_upper_secondary: 0,
        pupils_general: 820,
        pupils_digital_record: 820,
        digital_record_pct: 100,
        payers: 800,
        payers_cashless: 780,
        cashless_pct: 97.5, // 780 of 800
      },
    ]);
  });
});
