import { SAMPLE_GENERATORS } from '../../lambdas/core/samples/generate-samples';
import { sampleContext, type SampleRow } from '../../lambdas/core/samples/sample-context';

// The health and education samples report on the facilities sample's own facilities: the same
// ids in the same wards, e-ID visits only where a chip reader is listed that month, payments
// without cash only where cashless payment is accepted.

const PERIODS = ['2023-01', '2023-02', '2024-06', '2025-12'];
const rowsOf = (dataset: string): SampleRow[] => {
  const generator = SAMPLE_GENERATORS[dataset]!;
  return [...generator.rows(sampleContext({ periods: PERIODS }, generator.stream))];
};
const facilities = new Map(rowsOf('facilities').map((r) => [`${r.facility_id}|${r.period}`, r]));
const listed = (sector: string, period: string) =>
  [...facilities.values()]
    .filter((f) => f.sector === sector && f.period === period)
    .map((f) => `${f.facility_id} ${f.ward_code}`)
    .sort();

describe.each([
  ['health_visits', 'health', 'facility_id', 'visits_chip_id', 'visits_paid_cashless'],
  ['school_enrollment', 'education', 'school_id', null, 'payers_cashless'],
] as const)('%s', (dataset, sector, idColumn, chipColumn, cashlessColumn) => {
  const rows = rowsOf(dataset);
  const facilityOf = (row: SampleRow) => facilities.get(`${row[idColumn]}|${row.period}`);

  test(`has a row for every ${sector} facility of the facilities sample each month, in its ward, and for no other`, () => {
    for (const period of PERIODS) {
      const reported = rows.filter((r) => r.period === period).map((r) => `${r[idColumn]} ${r.ward_code}`);
      expect(reported.sort()).toEqual(listed(sector, period));
    }
  });

  test('has cashless payments only where the facility accepts cashless payment that month, and some where it does not', () => {
    const refusing = rows.filter((r) => facilityOf(r)?.cashless_payments === false);
    expect(refusing.length).toBeGreaterThan(0);
    expect(refusing.filter((r) => (r[cashlessColumn] as number) > 0)).toEqual([]);
    expect(rows.some((r) => (r[cashlessColumn] as number) > 0)).toBe(true);
  });

  if (chipColumn)
    test('has e-ID visits only where the facility has a chip reader that month, and some where it does not', () => {
      const without = rows.filter((r) => facilityOf(r)?.chip_id_reader === false);
      expect(without.length).toBeGreaterThan(0);
      expect(without.filter((r) => (r[chipColumn] as number) > 0)).toEqual([]);
      expect(rows.some((r) => (r[chipColumn] as number) > 0)).toBe(true);
    });
});
