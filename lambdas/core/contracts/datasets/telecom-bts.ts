import { defineDataset } from '../define-dataset';
import { CARRIERS, wardColumns } from '../vocabulary';

export const telecomBts = defineDataset({
  name: 'telecom_bts',
  version: '1.0.0',
  title: 'Mobile base stations (BTS)',
  description:
    'Every mobile base station a carrier operates or plans in the Vĩnh Phúc area, with its technologies and location, reported monthly.',
  owner: 'Department of Science and Technology (Sở Khoa học và Công nghệ)',
  fedBy: 'telecom carriers',
  grain: 'one base station of one carrier in one month',
  naturalKey: ['carrier', 'station_id', 'period'],
  columns: [
    { name: 'carrier', type: 'string', enum: [...CARRIERS], description: 'Carrier operating the station.' },
    {
      name: 'station_id',
      type: 'string',
      pattern: '[A-Za-z0-9_.-]{1,64}',
      description: "Carrier's own station identifier.",
    },
    ...wardColumns,
    { name: 'has_2g', type: 'boolean', description: 'The station broadcasts 2G (GSM).' },
    { name: 'has_3g', type: 'boolean', description: 'The station broadcasts 3G (UMTS).' },
    { name: 'has_4g', type: 'boolean', description: 'The station broadcasts 4G (LTE).' },
    { name: 'has_5g', type: 'boolean', description: 'The station broadcasts 5G (NR).' },
    {
      name: 'latitude',
      type: 'double',
      unit: 'degrees (WGS 84)',
      min: -90,
      max: 90,
      description: 'Latitude of the station.',
    },
    {
      name: 'longitude',
      type: 'double',
      unit: 'degrees (WGS 84)',
      min: -180,
      max: 180,
      description: 'Longitude of the station.',
    },
    {
      name: 'status',
      type: 'string',
      enum: ['on_air', 'off_air', 'planned'],
      description: 'Whether the station is broadcasting at month end.',
    },
    {
      name: 'on_air_date',
      type: 'date',
      nullable: true,
      description: 'Date the station first went on air; null while planned.',
    },
  ],
  checks: [
    {
      reason: 'on_air_without_date',
      columns: ['status', 'on_air_date'],
      description: 'A station on air has the date it went on air.',
      holds: (r) => r.status !== 'on_air' || r.on_air_date !== null,
    },
  ],
});
