import { defineDataset } from '../define-dataset';
import { wardColumns } from '../vocabulary';

/** What a violation was, or the violation the police found as an accident's main cause. */
export const TRAFFIC_CATEGORIES = [
  'speeding',
  'red_light',
  'wrong_lane',
  'no_helmet',
  'drunk_driving',
  'parking',
  'overload',
  'other',
] as const;

export const trafficEvents = defineDataset({
  name: 'traffic_events',
  version: '1.0.0',
  title: 'Traffic accidents and violations',
  description:
    'Every traffic accident and every recorded traffic violation in the province, as the provincial police’s traffic division (Phòng Cảnh sát giao thông) holds them: violations caught by the surveillance cameras or by patrols, accidents from the police reports, by ward, road and type. No personal data: the plate is kept only as a keyed hash and names are never taken. The period is the month the event happened (Vietnam time); an event id is issued in its month and a correction keeps it there. The sample’s volumes are invented (the seed gives none): about 3,000 violations a month, the camera share growing from 35% to 65% as cameras are added, and about 11 accidents a month with about 7 deaths (85–95 a year); which wards each road crosses is invented too.',
  owner: 'Provincial Police, traffic police division (Phòng Cảnh sát giao thông, Công an tỉnh)',
  fedBy: 'traffic police',
  grain: 'one accident or one recorded violation',
  naturalKey: ['event_id', 'period'],
  columns: [
    {
      name: 'event_id',
      type: 'string',
      pattern: '[A-Za-z0-9_.-]{1,64}',
      description: 'Identifier of the record in the traffic police system (violation record or accident report).',
    },
    {
      name: 'event_type',
      type: 'string',
      enum: ['accident', 'violation'],
      description: 'A traffic accident, or a recorded violation.',
    },
    {
      name: 'category',
      type: 'string',
      enum: [...TRAFFIC_CATEGORIES],
      description:
        'The violation (speeding, running a red light, wrong lane, no helmet, drink driving, illegal parking, overloading); for an accident, the violation found as its main cause.',
    },
    {
      name: 'severity',
      type: 'string',
      enum: ['minor', 'serious', 'very_serious', 'especially_serious'],
      nullable: true,
      description:
        'Accident severity as the police classify it (ít nghiêm trọng, nghiêm trọng, rất nghiêm trọng, đặc biệt nghiêm trọng); null for a violation.',
    },
    ...wardColumns,
    {
      name: 'road',
      type: 'string',
      description:
        'The road as the police name it: a national road (`QL2`, `QL2C`), the expressway (`CT05`), a provincial road (`ĐT305`), `urban` for a town street or `local` for a commune road.',
    },
    { name: 'occurred_at', type: 'timestamp', description: 'When it happened (UTC; the export writes Vietnam time).' },
    {
      name: 'detected_by',
      type: 'string',
      enum: ['camera', 'patrol', 'report'],
      description: 'Who recorded it: a surveillance camera, a police patrol, or a report to the police (accidents).',
    },
    {
      name: 'vehicle_type',
      type: 'string',
      enum: ['motorbike', 'car', 'truck', 'coach', 'other'],
      description: 'The vehicle of the violation, or the main vehicle involved in the accident.',
    },
    {
      name: 'plate_hash',
      type: 'string',
      pii: 'keyed_hash',
      pattern: '[0-9a-f]{64}',
      nullable: true,
      description:
        'HMAC-SHA256 of the number plate (repeat offenders stay countable); the clear plate is never stored. Null when none was recorded (a driver who fled).',
    },
    {
      name: 'deaths',
      type: 'bigint',
      unit: 'people',
      min: 0,
      nullable: true,
      description: 'People killed in the accident; null for a violation.',
    },
    {
      name: 'injuries',
      type: 'bigint',
      unit: 'people',
      min: 0,
      nullable: true,
      description: 'People injured in the accident; null for a violation.',
    },
  ],
  checks: [
    {
      reason: 'accident_fields_mismatch',
      columns: ['event_type', 'severity', 'deaths', 'injuries'],
      description: 'An accident has its severity, deaths and injuries; a violation has none of them.',
      holds: (r) =>
        r.event_type === 'accident'
          ? r.severity !== null && r.deaths !== null && r.injuries !== null
          : r.severity === null && r.deaths === null && r.injuries === null,
    },
  ],
});
