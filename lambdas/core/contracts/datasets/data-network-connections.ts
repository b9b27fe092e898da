import { AGENCY_LEVELS } from '../agency-levels';
import { defineDataset } from '../define-dataset';
import { wardColumns } from '../vocabulary';

/** A connection in service, reachable or not at the export; `planned` is not connected yet. */
const CONNECTED = new Set(['up', 'down']);

export const dataNetworkConnections = defineDataset({
  name: 'data_network_connections',
  version: '1.0.0',
  title: 'Special-purpose data network connections',
  description:
    'Every connection point of the special-purpose data network of Party and State agencies (mạng truyền số liệu chuyên dùng của các cơ quan Đảng, Nhà nước) in the Vĩnh Phúc area, as the network’s operator, the Central Post Office Department (Cục Bưu điện Trung ương, Ministry of Science and Technology), lists them at each month end from its monitoring system: the connected agency and its level, where it sits, the access link (type, bandwidth, the carrier that runs it), its status at the export and its availability over the month. A unit is connected when its link is in service, whether it answered the last poll (up) or not (down); a planned one is in the plan with no link yet. The seed’s figure, 169 units on the network, is the number connected at the last month (2025-12). The rest is invented for the sample: about 100 units in January 2023 (the province’s and departments’ offices, the 9 district-level People’s Committees, Party committees and one-stop desks, and the first People’s Committees of the 121 old communes), a few more connected each month, and on 1 July 2025 the district units and the old communes’ links retired as the 36 new communes and wards take their place (three units each: the Party committee, the People’s Committee and the public administration service center, the centers connected one after another until mid-December 2025, so every earlier month has fewer than 169); which carrier runs which link, bandwidths and uptimes are invented too.',
  owner: 'Central Post Office Department (Cục Bưu điện Trung ương, Ministry of Science and Technology)',
  fedBy: 'the network operator’s monitoring system',
  grain: 'one connection point (a connected or planned agency) at one month end',
  naturalKey: ['unit_id', 'period'],
  columns: [
    {
      name: 'unit_id',
      type: 'string',
      pattern: '[A-Za-z0-9_.-]{1,64}',
      description: 'Code of the connection point in the operator’s inventory (mã điểm kết nối).',
    },
    {
      name: 'unit_name',
      type: 'string',
      description: 'The connected agency as the inventory names it (`Sở Tài chính`, `UBND xã Tam Dương`).',
    },
    {
      name: 'level',
      type: 'string',
      enum: [...AGENCY_LEVELS],
      description:
        'Level of the agency: province (the provincial Party committee, People’s Council and People’s Committee and their offices), department (departments, boards and their units), district (district-level agencies, until 30 June 2025), commune (commune and ward agencies).',
    },
    ...wardColumns,
    {
      name: 'link_type',
      type: 'string',
      enum: ['fiber', 'fiber_dual', 'shdsl'],
      description:
        'The access link: optical fibre, fibre on two routes (a backup path, at the provincial offices), or SHDSL over copper (old commune links).',
    },
    {
      name: 'bandwidth_mbps',
      type: 'bigint',
      unit: 'Mbit/s',
      min: 1,
      max: 100_000,
      description: 'Bandwidth of the access link as contracted.',
    },
    {
      name: 'carrier',
      type: 'string',
      enum: ['vnpt', 'viettel'],
      description: 'The carrier that builds and runs the access link for the operator.',
    },
    {
      name: 'status',
      type: 'string',
      enum: ['up', 'down', 'planned'],
      description:
        'At the export: up (in service, answering), down (in service, not answering: an outage), planned (no link yet).',
    },
    {
      name: 'connected_on',
      type: 'date',
      nullable: true,
      description: 'Date the link was put into service; null for a planned unit.',
    },
    {
      name: 'uptime_pct',
      type: 'double',
      unit: '%',
      min: 0,
      max: 100,
      nullable: true,
      description:
        'Availability of the link over the month’s time in service, as the monitoring system measures it; null for a planned unit.',
    },
  ],
  checks: [
    {
      reason: 'connection_fields_mismatch',
      columns: ['status', 'connected_on', 'uptime_pct'],
      description: 'A connected unit (up or down) has its date in service and its uptime; a planned one has neither.',
      holds: (r) =>
        CONNECTED.has(r.status as string)
          ? r.connected_on !== null && r.uptime_pct !== null
          : r.connected_on === null && r.uptime_pct === null,
    },
  ],
});
