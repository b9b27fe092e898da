import type { HEALTH_FACILITY_TYPES } from '../contracts/datasets/health-visits';
import { acceptsCashless, hasChipReader, sampleFacilitiesOf } from './facilities';
import { trend } from './periods';
import type { SampleContext, SampleRow } from './sample-context';

type FacilityType = (typeof HEALTH_FACILITY_TYPES)[number];

/** What each kind of facility sees (invented): visits a month [fewest, most], the uninsured, the insured who pay something, and how readily payers use cashless. */
const PROFILE: Record<FacilityType, { visits: [number, number]; uninsured: number; copay: number; cashless: number }> =
  {
    hospital: { visits: [4000, 12000], uninsured: 0.07, copay: 0.55, cashless: 1.2 },
    clinic: { visits: [400, 1400], uninsured: 0.4, copay: 0.3, cashless: 1.3 },
    health_station: { visits: [200, 500], uninsured: 0.03, copay: 0.05, cashless: 0.5 },
  };
/** Visits by calendar month against the average: fewer around Tết (January–February), more in spring and summer. */
const SEASON = [1, 0.85, 1.05, 1, 1, 1.05, 1.05, 1.05, 1, 1, 1, 1.05];

/**
 * The Department of Health's monthly report per health facility (invented volumes: the seed
 * gives none): the health facilities of the facilities sample, each with a size of its own,
 * about 180,000 visits a month in all. Patients identified by chip-based ID or VNeID only where
 * the facility has a chip reader that month, from about 15% of the insured visits there to 70%;
 * payments without cash only where it accepts them, from about 10% of the payments to 55%
 * (hospitals and clinics more, commune stations less).
 */
export function* healthVisitRows(ctx: SampleContext): Generator<SampleRow> {
  const { random, periods } = ctx;
  const facilities = sampleFacilitiesOf(ctx.options).filter((f) => f.sector === 'health');
  const sizes = facilities.map((f) => random.int(...PROFILE[f.kind as FacilityType].visits));
  /** `share` of `n`, give or take a fifth, within 0…n. */
  const part = (n: number, share: number) => Math.min(n, Math.round(n * share * (0.8 + 0.4 * random.next())));
  for (let index = 0; index < periods.length; index++) {
    const period = periods[index]!;
    const season = SEASON[Number(period.slice(5)) - 1]!;
    const chipShare = trend(index, periods.length, 0.15 / 0.7) * 0.7;
    const cashlessShare = trend(index, periods.length, 0.1 / 0.55) * 0.55;
    for (let k = 0; k < facilities.length; k++) {
      const f = facilities[k]!;
      const type = f.kind as FacilityType;
      const profile = PROFILE[type];
      const visits = Math.round(sizes[k]! * season * (0.92 + 0.16 * random.next()));
      const uninsured = part(visits, profile.uninsured);
      const insured = visits - uninsured;
      const chip = hasChipReader(f, index, periods.length) ? part(insured, chipShare) : 0;
      const paid = uninsured + part(insured, profile.copay);
      yield {
        facility_id: f.id,
        facility_type: type,
        ward_code: f.ward,
        ward_code_original: null,
        ward_name_original: null,
        visits,
        visits_chip_id: chip,
        visits_insurance_card: insured - chip,
        visits_uninsured: uninsured,
        visits_paid: paid,
        visits_paid_cashless: acceptsCashless(f, index, periods.length)
          ? part(paid, Math.min(1, cashlessShare * profile.cashless))
          : 0,
        period,
      };
    }
  }
}
