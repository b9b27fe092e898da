import { createHmac } from 'node:crypto';
import type { TRAFFIC_CATEGORIES } from '../contracts/datasets/traffic-events';
import { SAMPLE_HMAC_KEY } from './administration';
import { daysInMonth, monthStart, trend } from './periods';
import { Random } from './random';
import { vietnamTimestamp, type SampleContext, type SampleRow } from './sample-context';

const DAY = 86_400_000;
const HOUR = 3_600_000;

type Category = (typeof TRAFFIC_CATEGORIES)[number];
type Vehicle = 'motorbike' | 'car' | 'truck' | 'coach' | 'other';
type Severity = 'minor' | 'serious' | 'very_serious' | 'especially_serious';

/** The named roads the police record, with how many wards each crosses (which ones is invented). */
const NAMED_ROADS: readonly { road: string; wards: number; camera: boolean }[] = [
  { road: 'QL2', wards: 8, camera: true },
  { road: 'QL2B', wards: 3, camera: false },
  { road: 'QL2C', wards: 7, camera: true },
  { road: 'QL23', wards: 3, camera: false },
  { road: 'CT05', wards: 5, camera: true },
  { road: 'ĐT301', wards: 3, camera: false },
  { road: 'ĐT302', wards: 4, camera: false },
  { road: 'ĐT304', wards: 4, camera: false },
  { road: 'ĐT305', wards: 4, camera: false },
  { road: 'ĐT309', wards: 4, camera: false },
  { road: 'ĐT310', wards: 3, camera: false },
];
const VEHICLES: readonly Vehicle[] = ['motorbike', 'car', 'truck', 'coach', 'other'];
const SEVERITIES: readonly Severity[] = ['minor', 'serious', 'very_serious', 'especially_serious'];
const SEVERITY_WEIGHTS = [0.45, 0.4, 0.12, 0.03];

/** What a camera catches, what a patrol records, and what the police find as an accident's cause. */
const CAMERA_CATEGORIES: readonly Category[] = ['speeding', 'red_light', 'wrong_lane', 'parking', 'no_helmet'];
const CAMERA_WEIGHTS = [0.45, 0.25, 0.2, 0.05, 0.05];
const PATROL_CATEGORIES: readonly Category[] = [
  'no_helmet',
  'drunk_driving',
  'speeding',
  'overload',
  'wrong_lane',
  'parking',
  'other',
];
const PATROL_WEIGHTS = [0.2, 0.25, 0.15, 0.1, 0.1, 0.1, 0.1];
const CAUSE_CATEGORIES: readonly Category[] = ['speeding', 'drunk_driving', 'wrong_lane', 'red_light', 'other'];
const CAUSE_WEIGHTS = [0.25, 0.2, 0.25, 0.05, 0.25];
/** Vehicle of a violation by category: motorbikes, cars, trucks, coaches, other. */
const VEHICLE_WEIGHTS: Record<Category, readonly number[]> = {
  speeding: [0.3, 0.4, 0.2, 0.1, 0],
  red_light: [0.7, 0.2, 0.07, 0.03, 0],
  wrong_lane: [0.5, 0.3, 0.15, 0.05, 0],
  no_helmet: [1, 0, 0, 0, 0],
  drunk_driving: [0.8, 0.17, 0.03, 0, 0],
  parking: [0.1, 0.75, 0.15, 0, 0],
  overload: [0, 0, 0.85, 0.15, 0],
  other: [0.6, 0.2, 0.1, 0.05, 0.05],
};

/**
 * The traffic police's records (invented volumes: the seed gives none): about 3,000
 * violations a month, caught by cameras on the national roads, the expressway and the town
 * streets (35% of them at the first month, 65% at the last, as cameras are added) or by
 * patrols anywhere; about 11 accidents a month, most from reports to the police, with deaths
 * and injuries by severity (about 7 deaths a month). Plates are drawn from a pool of vehicles,
 * so repeat offenders repeat; the canonical file carries the keyed hash, the police export the
 * clear plate (`plate`), which the ETL hashes on the way in.
 */
export function* trafficEventRows(ctx: SampleContext): Generator<SampleRow> {
  const { random, periods, wards, wardWeights } = ctx;
  const roads = roadsByWard(ctx);
  const plates = new PlatePool(ctx.options.seed);
  const wardOf = () => random.index(wardWeights);
  const anyCamera = roads.some((r) => r.cameras.length > 0);
  for (let index = 0; index < periods.length; index++) {
    const period = periods[index]!;
    const start = monthStart(period);
    const days = daysInMonth(period);
    const month = period.replace('-', '');
    /** A Vietnam-time instant in the month, between the local hours given. */
    const when = (fromHour: number, toHour: number) =>
      start + random.int(0, days - 1) * DAY + random.int(fromHour * 60, toHour * 60 - 1) * 60_000 - 7 * HOUR;

    const accidents = random.int(8, 14);
    for (let n = 0; n < accidents; n++) {
      const w = wardOf();
      const ward = roads[w]!;
      const severity = random.weighted(SEVERITIES, SEVERITY_WEIGHTS);
      const [deaths, injuries] = casualties(random, severity);
      const category = random.weighted(CAUSE_CATEGORIES, CAUSE_WEIGHTS);
      const vehicle = random.weighted(VEHICLES, VEHICLE_WEIGHTS[category]);
      const reported = random.chance(0.8);
      const plate = reported && random.chance(0.15) ? null : plates.draw(random, vehicle);
      yield {
        event_id: `TN-${month}-${String(n + 1).padStart(4, '0')}`,
        event_type: 'accident',
        category,
        severity,
        ward_code: wards[w]!.code,
        ward_code_original: null,
        ward_name_original: null,
        road: random.weighted(ward.all, ward.accidentWeights),
        occurred_at: vietnamTimestamp(category === 'drunk_driving' ? when(17, 24) : when(5, 23)),
        detected_by: reported ? 'report' : 'patrol',
        vehicle_type: vehicle,
        plate: plate?.clear ?? null,
        plate_hash: plate?.hash ?? null,
        deaths,
        injuries,
        period,
      };
    }

    const cameraShare = trend(index, periods.length, 0.35 / 0.65) * 0.65;
    const violations = Math.round(3000 * (0.9 + 0.2 * random.next()));
    for (let n = 0; n < violations; n++) {
      let w = wardOf();
      const camera = anyCamera && random.chance(cameraShare);
      // Cameras stand on the camera roads: a ward without one has its camera violations in a ward that has.
      while (camera && roads[w]!.cameras.length === 0) w = wardOf();
      const ward = roads[w]!;
      const category = camera
        ? random.weighted(CAMERA_CATEGORIES, CAMERA_WEIGHTS)
        : random.weighted(PATROL_CATEGORIES, PATROL_WEIGHTS);
      const vehicle = random.weighted(VEHICLES, VEHICLE_WEIGHTS[category]);
      const plate = plates.draw(random, vehicle);
      yield {
        event_id: `VP-${month}-${String(n + 1).padStart(6, '0')}`,
        event_type: 'violation',
        category,
        severity: null,
        ward_code: wards[w]!.code,
        ward_code_original: null,
        ward_name_original: null,
        road: camera ? random.pick(ward.cameras) : random.weighted(ward.all, ward.patrolWeights),
        occurred_at: vietnamTimestamp(category === 'drunk_driving' ? when(18, 24) : camera ? when(0, 24) : when(6, 22)),
        detected_by: camera ? 'camera' : 'patrol',
        vehicle_type: vehicle,
        plate: plate.clear,
        plate_hash: plate.hash,
        deaths: null,
        injuries: null,
        period,
      };
    }
  }
}

/** Deaths and injuries of an accident by its severity (the police's classes: one death makes it serious, two very serious, three especially serious). */
function casualties(random: Random, severity: Severity): [number, number] {
  switch (severity) {
    case 'minor':
      return [0, random.int(1, 2)];
    case 'serious':
      return random.chance(0.85) ? [1, random.int(0, 1)] : [0, random.int(2, 4)];
    case 'very_serious':
      return [2, random.int(0, 3)];
    case 'especially_serious':
      return [random.int(3, 4), random.int(1, 5)];
  }
}

interface WardRoads {
  /** Every road the ward has: its named roads, then `urban` (a town ward) or `local`. */
  all: string[];
  cameras: string[];
  accidentWeights: number[];
  patrolWeights: number[];
}

/** Which roads cross which ward (invented, fixed by the seed): a town ward has streets, every other commune roads. */
function roadsByWard(ctx: SampleContext): WardRoads[] {
  const random = new Random(ctx.options.seed ^ 0x7a11c);
  const crossing = ctx.wards.map(() => [] as { road: string; camera: boolean }[]);
  for (const { road, wards, camera } of NAMED_ROADS) {
    // The first `wards` of a Fisher–Yates shuffle of the wards.
    const order = ctx.wards.map((_, i) => i);
    for (let k = 0; k < wards; k++) {
      const j = random.int(k, order.length - 1);
      [order[k], order[j]] = [order[j]!, order[k]!];
      crossing[order[k]!]!.push({ road, camera });
    }
  }
  return ctx.wards.map((ward, i) => {
    const named = crossing[i]!;
    const street = ward.type === 'Phường' ? 'urban' : 'local';
    return {
      all: [...named.map((r) => r.road), street],
      // Town streets have cameras at their crossroads.
      cameras: [...named.filter((r) => r.camera).map((r) => r.road), ...(street === 'urban' ? ['urban'] : [])],
      // Accidents and patrols mostly on the named roads, a quarter (a third for patrols) off them.
      accidentWeights: [...named.map(() => 3 / Math.max(1, named.length)), 1],
      patrolWeights: [...named.map(() => 2 / Math.max(1, named.length)), 1],
    };
  });
}

interface Plate {
  clear: string;
  hash: string;
}

/** Vehicles by type, 88 (Vĩnh Phúc) for most, some from Hà Nội (29, 30) and Phú Thọ (19); hashed once each. */
class PlatePool {
  private readonly pools = new Map<Vehicle, Plate[]>();

  constructor(seed: number) {
    const random = new Random(seed ^ 0xb5e);
    const sizes: Record<Vehicle, number> = { motorbike: 30_000, car: 12_000, truck: 5_000, coach: 800, other: 400 };
    const series: Record<Vehicle, readonly string[]> = {
      motorbike: ['B1', 'B2', 'C1', 'D1', 'H1', 'K1'],
      car: ['A'],
      truck: ['C'],
      coach: ['B'],
      other: ['D', 'LD'],
    };
    for (const vehicle of VEHICLES) {
      this.pools.set(
        vehicle,
        Array.from({ length: sizes[vehicle] }, () => {
          const province = random.chance(0.8) ? '88' : random.pick(['29', '30', '19']);
          const letters = random.pick(series[vehicle]);
          const digits = String(random.int(0, 99_999)).padStart(5, '0');
          const number = `${digits.slice(0, 3)}.${digits.slice(3)}`;
          const clear =
            vehicle === 'motorbike' ? `${province}-${letters} ${number}` : `${province}${letters}-${number}`;
          return { clear, hash: '' };
        }),
      );
    }
  }

  draw(random: Random, vehicle: Vehicle): Plate {
    const pool = this.pools.get(vehicle)!;
    const plate = pool[Math.floor(random.next() * pool.length)]!;
    if (plate.hash === '') plate.hash = createHmac('sha256', SAMPLE_HMAC_KEY).update(plate.clear).digest('hex');
    return plate;
  }
}
