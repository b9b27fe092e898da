import { SEED_FIGURES } from '../reference/seed-figures';
import { apportion } from './random';
import { monthStart, daysInMonth, trend } from './periods';
import { isoDate, type SampleContext, type SampleRow } from './sample-context';

const MOBILE = ['viettel', 'vnpt', 'mobifone'] as const;
const MOBILE_SHARE = [0.5, 0.3, 0.2];
const FIXED = ['viettel', 'vnpt', 'fpt', 'sctv', 'vtvcab'] as const;
const FIXED_SHARE = [0.4, 0.3, 0.18, 0.07, 0.05];
const PLANNED_STATIONS = 40;
const RETIRED_STATIONS = 15;
/** The two Viettel 5G stations went on air in this month. */
const FIVE_G_FROM = '2024-10';

interface Station {
  carrier: string;
  id: string;
  ward: number;
  onAir: number;
  offAir: number | undefined;
  has2g: boolean;
  has3g: boolean;
  lat: number;
  lon: number;
  fiveG: boolean;
}

/**
 * Base stations: 3,000 on air at the last period (2,400 at the first), 2 of them Viettel 5G,
 * every ward covered by 4G throughout, plus planned and retired stations that are reported
 * but not on air.
 */
export function* telecomBtsRows(ctx: SampleContext): Generator<SampleRow> {
  const { random, periods, wards, wardWeights } = ctx;
  const first = monthStart(periods[0]!);
  const lastEnd = monthStart(periods[periods.length - 1]!) + daysInMonth(periods[periods.length - 1]!) * 86_400_000 - 1;
  const initial = Math.round(SEED_FIGURES.btsOnAir * 0.8);
  const perCarrier = apportion(SEED_FIGURES.btsOnAir + RETIRED_STATIONS, MOBILE_SHARE);
  const stations: Station[] = [];
  let counter = 0;
  MOBILE.forEach((carrier, c) => {
    for (let k = 0; k < perCarrier[c]!; k++) {
      // Early stations cover every ward in turn, later ones follow ward size.
      const ward = counter < wards.length ? counter : random.index(wardWeights);
      stations.push({
        carrier,
        id: `${carrier.slice(0, 2).toUpperCase()}${String(k + 1).padStart(5, '0')}`,
        ward,
        onAir: 0,
        offAir: undefined,
        has2g: random.chance(0.6),
        has3g: random.chance(0.85),
        lat: 21.2 + random.next() * 0.35,
        lon: 105.35 + random.next() * 0.4,
        fiveG: false,
      });
      counter++;
    }
  });
  // Order of switching on: the ward anchors first, the rest shuffled (Fisher–Yates).
  const order = stations.map((_, i) => i);
  for (let i = order.length - 1; i > wards.length; i--) {
    const j = wards.length + Math.floor(random.next() * (i - wards.length + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const span = lastEnd - first;
  order.forEach((stationIndex, rank) => {
    const station = stations[stationIndex]!;
    station.onAir =
      rank < initial
        ? first - (1 + Math.floor(random.next() * 3000)) * 86_400_000
        : first + Math.floor(((rank - initial + 1) / (stations.length - initial + 1)) * span);
  });
  // Retired: old stations (not ward anchors) that went off air during 2025.
  const retirable = order.slice(wards.length, initial).slice(0, RETIRED_STATIONS);
  for (const [k, i] of retirable.entries()) stations[i]!.offAir = monthStart('2025-01') + k * 20 * 86_400_000;
  const viettel5g = order
    .map((i) => stations[i]!)
    .filter((s) => s.carrier === 'viettel' && s.offAir === undefined && s.onAir < first)
    .slice(0, SEED_FIGURES.bts5g);
  for (const s of viettel5g) s.fiveG = true;
  const planned = Array.from({ length: PLANNED_STATIONS }, (_, k) => ({
    carrier: MOBILE[k % 3]!,
    id: `PL${String(k + 1).padStart(5, '0')}`,
    ward: random.index(wardWeights),
  }));

  for (const period of periods) {
    const end = monthStart(period) + daysInMonth(period) * 86_400_000 - 1;
    for (const s of stations) {
      const onAirNow = s.onAir <= end && (s.offAir === undefined || s.offAir > end);
      const plannedNow = s.onAir > end && s.onAir - end < 180 * 86_400_000;
      if (!onAirNow && !plannedNow && !(s.offAir !== undefined && s.offAir <= end)) continue;
      const status = onAirNow ? 'on_air' : plannedNow ? 'planned' : 'off_air';
      yield row(
        s.carrier,
        s.id,
        wards[s.ward]!.code,
        period,
        status,
        s.has2g,
        s.has3g,
        s.fiveG && period >= FIVE_G_FROM,
        s.lat,
        s.lon,
        status === 'planned' ? null : isoDate(s.onAir),
      );
    }
    for (const p of planned) {
      yield row(p.carrier, p.id, wards[p.ward]!.code, period, 'planned', false, false, false, 21.3, 105.5, null);
    }
  }
}

function row(
  carrier: string,
  id: string,
  ward: string,
  period: string,
  status: string,
  has2g: boolean,
  has3g: boolean,
  has5g: boolean,
  lat: number,
  lon: number,
  onAirDate: string | null,
): SampleRow {
  return {
    carrier,
    station_id: id,
    ward_code: ward,
    ward_code_original: ward,
    ward_name_original: null,
    has_2g: has2g,
    has_3g: has3g,
    has_4g: true,
    has_5g: has5g,
    latitude: Math.round(lat * 1e6) / 1e6,
    longitude: Math.round(lon * 1e6) / 1e6,
    status,
    on_air_date: onAirDate,
    period,
  };
}

/**
 * Subscribers by carrier and ward: at the last period 1.3 M mobile (10% postpaid), 1 M mobile
 * broadband and 284 k fixed broadband (95% fibre) across five providers.
 */
export function* telecomSubscriberRows(ctx: SampleContext): Generator<SampleRow> {
  const { periods, wards, wardWeights } = ctx;
  const carriers = ['viettel', 'vnpt', 'mobifone', 'fpt', 'sctv', 'vtvcab'] as const;
  for (let index = 0; index < periods.length; index++) {
    const period = periods[index]!;
    const mobile = apportion(
      Math.round(SEED_FIGURES.mobileSubscribers * trend(index, periods.length, 0.92)),
      MOBILE_SHARE,
    );
    const mobileBroadband = apportion(
      Math.round(SEED_FIGURES.mobileBroadbandSubscribers * trend(index, periods.length, 0.8)),
      MOBILE_SHARE,
    );
    const fixed = apportion(
      Math.round(SEED_FIGURES.fixedBroadbandSubscribers * trend(index, periods.length, 0.8)),
      FIXED_SHARE,
    );
    const perWard = (list: readonly string[], totals: number[], carrier: string) => {
      const at = list.indexOf(carrier);
      return at === -1 ? wards.map(() => 0) : apportion(totals[at]!, wardWeights);
    };
    for (const carrier of carriers) {
      const m = perWard(MOBILE, mobile, carrier);
      const broadband = perWard(MOBILE, mobileBroadband, carrier);
      const f = perWard(FIXED, fixed, carrier);
      for (let w = 0; w < wards.length; w++) {
        const postpaid = Math.round(m[w]! * 0.1);
        const ftth = Math.round(f[w]! * 0.95);
        yield {
          carrier,
          ward_code: wards[w]!.code,
          ward_code_original: wards[w]!.code,
          ward_name_original: null,
          mobile_prepaid: m[w]! - postpaid,
          mobile_postpaid: postpaid,
          mobile_broadband: broadband[w]!,
          fixed_broadband_ftth: ftth,
          fixed_broadband_other: f[w]! - ftth,
          period,
        };
      }
    }
  }
}
