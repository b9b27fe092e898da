import { SEED_FIGURES } from '../reference/seed-figures';
import { acceptsCashless, hasChipReader, sampleFacilities } from './facilities';
import { trend } from './periods';
import type { SampleContext, SampleRow } from './sample-context';

/** Annual figures, bn VND (reported in December). 2023 is the seed's: 34,202 = 21.6% of GRDP. */
const ANNUAL: Record<string, { grdp: number; digital: number }> = {
  '2023': {
    grdp: Math.round(SEED_FIGURES.digitalEconomy2023BnVnd / (SEED_FIGURES.digitalEconomy2023PctGrdp / 100)),
    digital: SEED_FIGURES.digitalEconomy2023BnVnd,
  },
  '2024': { grdp: 172_400, digital: 38_550 },
  '2025': { grdp: 188_900, digital: 43_420 },
};
export const ENTERPRISES = Math.round(SEED_FIGURES.smesOnDigitalPlatforms / (SEED_FIGURES.smesPctOfEnterprises / 100));

/**
 * Province-wide indicators. Monthly: enterprises, SMEs on digital platforms (from 50% to 72%
 * of enterprises). Annual, in the December period: GRDP and digital economy value added. (The
 * units on the special-use data network come from the operator's list: samples/infrastructure.ts.)
 */
export function* provincialIndicatorRows(ctx: SampleContext): Generator<SampleRow> {
  const { periods } = ctx;
  for (let index = 0; index < periods.length; index++) {
    const period = periods[index]!;
    const enterprises = Math.round(ENTERPRISES * trend(index, periods.length, 0.9));
    const smes = Math.round(SEED_FIGURES.smesOnDigitalPlatforms * trend(index, periods.length, (0.5 * 0.9) / 0.72));
    yield { indicator: 'enterprises', value: enterprises, unit: 'enterprises', period };
    yield { indicator: 'smes_on_digital_platforms', value: smes, unit: 'enterprises', period };
    const annual = period.endsWith('-12') ? ANNUAL[period.slice(0, 4)] : undefined;
    if (annual) {
      yield { indicator: 'grdp', value: annual.grdp, unit: 'bn VND', period };
      yield { indicator: 'digital_economy_value_added', value: annual.digital, unit: 'bn VND', period };
    }
  }
}

/** 450 schools and 180 health facilities (samples/facilities.ts); cashless payment rises from 60% to 100%. */
export function* facilityRows(ctx: SampleContext): Generator<SampleRow> {
  const { periods } = ctx;
  const facilities = sampleFacilities(ctx);
  for (let index = 0; index < periods.length; index++) {
    for (const f of facilities) {
      yield {
        facility_id: f.id,
        facility_name: f.name,
        sector: f.sector,
        ward_code: f.ward,
        ward_code_original: f.ward,
        ward_name_original: null,
        cashless_payments: acceptsCashless(f, index, periods.length),
        chip_id_reader: hasChipReader(f, index, periods.length),
        period: periods[index]!,
      };
    }
  }
}
