import type { HEALTH_FACILITY_TYPES } from '../contracts/datasets/health-visits';
import type { SCHOOL_LEVELS } from '../contracts/datasets/school-enrollment';
import { trend } from './periods';
import { apportion, Random } from './random';
import { sampleContext, type SampleContext, type SampleOptions } from './sample-context';

/** The PRNG stream of the facilities sample, which also fixes the facilities the health and education samples report on. */
export const FACILITIES_STREAM = 10;

export type FacilityKind = (typeof HEALTH_FACILITY_TYPES)[number] | (typeof SCHOOL_LEVELS)[number];

export interface SampleFacility {
  id: string;
  name: string;
  sector: 'health' | 'education';
  kind: FacilityKind;
  ward: string;
  /** Below the month's cashless share, the facility accepts cashless payment. */
  rank: number;
  /** Below the month's chip-reader share, the facility has a chip-based ID reader. */
  readerRank: number;
}

/** How many facilities of each kind (invented): 180 health facilities and 450 schools. */
const KINDS: Record<'health' | 'education', readonly [FacilityKind, number][]> = {
  health: [
    ['hospital', 15],
    ['clinic', 25],
    ['health_station', 140],
  ],
  education: [
    ['preschool', 160],
    ['primary', 140],
    ['lower_secondary', 120],
    ['upper_secondary', 30],
  ],
};
const TOTAL = Object.values(KINDS)
  .flat()
  .reduce((sum, [, n]) => sum + n, 0);

const NAMES: Record<FacilityKind, string> = {
  hospital: 'Bệnh viện',
  clinic: 'Phòng khám đa khoa',
  health_station: 'Trạm y tế',
  preschool: 'Trường mầm non',
  primary: 'Trường tiểu học',
  lower_secondary: 'Trường THCS',
  upper_secondary: 'Trường THPT',
};

/**
 * The province's health facilities and schools, spread over the wards by their size: two in
 * seven are health facilities. The ranks come from the facilities stream, in the order the
 * facilities sample has always drawn them; which facility is a hospital or a primary school is
 * drawn from a PRNG of its own, so it moves none of them.
 */
export function sampleFacilities(ctx: SampleContext): SampleFacility[] {
  const { random, wards, wardWeights } = ctx;
  const placed = apportion(TOTAL, wardWeights).flatMap((count, w) =>
    Array.from({ length: count }, () => ({ ward: wards[w]!.code, rank: random.next(), readerRank: random.next() })),
  );
  const sectors = placed.map((_, k) => (k % 7 < 2 ? 'health' : 'education') as SampleFacility['sector']);
  const kinds = new Random(ctx.options.seed ^ 0xfac111);
  const kindOf = new Map<number, FacilityKind>();
  for (const sector of ['health', 'education'] as const) {
    const order = sectors.flatMap((s, k) => (s === sector ? [k] : []));
    // A Fisher–Yates shuffle of the sector's facilities, dealt to the kinds in turn.
    for (let i = order.length - 1; i > 0; i--) {
      const j = kinds.int(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let next = 0;
    for (const [kind, n] of KINDS[sector]) for (let c = 0; c < n; c++) kindOf.set(order[next++]!, kind);
  }
  const numbers = new Map<FacilityKind, number>();
  return placed.map((f, k) => {
    const sector = sectors[k]!;
    const kind = kindOf.get(k)!;
    const number = (numbers.get(kind) ?? 0) + 1;
    numbers.set(kind, number);
    return {
      id: `${sector === 'health' ? 'YT' : 'GD'}-${String(k + 1).padStart(4, '0')}`,
      name: `${NAMES[kind]} số ${number}`,
      sector,
      kind,
      ...f,
    };
  });
}

/** The facilities the facilities sample lists, for a generator of another dataset that reports on them. */
export function sampleFacilitiesOf(options: SampleOptions): SampleFacility[] {
  return sampleFacilities(sampleContext(options, FACILITIES_STREAM));
}

/** Whether a facility accepts cashless payment in the month: 60% of them at the first month, all at the last. */
export function acceptsCashless(facility: SampleFacility, index: number, count: number): boolean {
  return facility.rank < trend(index, count, 0.6);
}

/** Whether a facility reads chip-based IDs in the month: health facilities from 30% to all, schools from 6% to 30%. */
export function hasChipReader(facility: SampleFacility, index: number, count: number): boolean {
  return (
    facility.readerRank < (facility.sector === 'health' ? trend(index, count, 0.3) : 0.3 * trend(index, count, 0.2))
  );
}
