import { SEED_FIGURES } from '../reference/seed-figures';
import { apportion } from './random';
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
 * of enterprises), units on the special-use data network (from 140 to 169). Annual, in the
 * December period: GRDP and digital economy value added.
 */
export function* provincialIndicatorRows(ctx: SampleContext): Generator<SampleRow> {
  const { periods } = ctx;
  for (let index = 0; index < periods.length; index++) {
    const period = periods[index]!;
    const enterprises = Math.round(ENTERPRISES * trend(index, periods.length, 0.9));
    const smes = Math.round(SEED_FIGURES.smesOnDigitalPlatforms * trend(index, periods.length, (0.5 * 0.9) / 0.72));
    const units = Math.round(
      SEED_FIGURES.dataNetworkUnits * trend(index, periods.length, 140 / SEED_FIGURES.dataNetworkUnits),
    );
    yield { indicator: 'enterprises', value: enterprises, unit: 'enterprises', period };
    yield { indicator: 'smes_on_digital_platforms', value: smes, unit: 'enterprises', period };
    yield { indicator: 'data_network_units', value: units, unit: 'units', period };
    const annual = period.endsWith('-12') ? ANNUAL[period.slice(0, 4)] : undefined;
    if (annual) {
      yield { indicator: 'grdp', value: annual.grdp, unit: 'bn VND', period };
      yield { indicator: 'digital_economy_value_added', value: annual.digital, unit: 'bn VND', period };
    }
  }
}

/** 450 schools and 180 health facilities; cashless payment rises from 60% to 100%. */
export function* facilityRows(ctx: SampleContext): Generator<SampleRow> {
  const { random, periods, wards, wardWeights } = ctx;
  const perWard = apportion(630, wardWeights);
  const facilities = perWard.flatMap((count, w) =>
    Array.from({ length: count }, () => ({ ward: wards[w]!.code, rank: random.next(), readerRank: random.next() })),
  );
  for (let index = 0; index < periods.length; index++) {
    const cashless = trend(index, periods.length, 0.6);
    for (let k = 0; k < facilities.length; k++) {
      const f = facilities[k]!;
      const sector = k % 7 < 2 ? 'health' : 'education';
      yield {
        facility_id: `${sector === 'health' ? 'YT' : 'GD'}-${String(k + 1).padStart(4, '0')}`,
        facility_name: `${sector === 'health' ? 'Trạm y tế' : 'Trường'} số ${k + 1}`,
        sector,
        ward_code: f.ward,
        ward_code_original: f.ward,
        ward_name_original: null,
        cashless_payments: f.rank < cashless,
        chip_id_reader:
          f.readerRank <
          (sector === 'health' ? trend(index, periods.length, 0.3) : 0.3 * trend(index, periods.length, 0.2)),
        period: periods[index]!,
      };
    }
  }
}
