import { AGENCY_LEVELS } from '../agency-levels';
import { defineDataset } from '../define-dataset';
import { wardColumns } from '../vocabulary';

export const videoConferenceEndpoints = defineDataset({
  name: 'video_conference_endpoints',
  version: '1.0.0',
  title: 'Video-conference endpoints',
  description:
    'Every endpoint (điểm cầu: a meeting room joined to the system) of the provincial online video-conference system (hệ thống hội nghị truyền hình trực tuyến), as the Department of Science and Technology, which runs it, lists them at each month end: the agency’s level and ward, the kind of endpoint, its state and the meetings it joined in the month. The seed names video conferencing down to commune level and gives no figure: every figure here is invented for the sample. About 60 endpoints in January 2023 (the provincial halls, most departments, the 9 districts and a first group of old communes), more communes each month; the district and old-commune rooms close on 1 July 2025, and each of the 36 new communes and wards has its own endpoint, installed between June and October 2025, so all 36 have one by the end of 2025.',
  owner: 'Department of Science and Technology (Sở Khoa học và Công nghệ)',
  fedBy: 'the video-conference system’s endpoint list',
  grain: 'one endpoint at one month end',
  naturalKey: ['endpoint_id', 'period'],
  columns: [
    {
      name: 'endpoint_id',
      type: 'string',
      pattern: '[A-Za-z0-9_.-]{1,64}',
      description: 'Code of the endpoint in the video-conference system.',
    },
    {
      name: 'endpoint_name',
      type: 'string',
      description: 'The room as the system lists it (`Hội trường UBND tỉnh`, `Điểm cầu UBND xã Tam Dương`).',
    },
    {
      name: 'level',
      type: 'string',
      enum: [...AGENCY_LEVELS],
      description:
        'Level of the agency whose room it is: province, department, district (until 30 June 2025) or commune (communes and wards).',
    },
    ...wardColumns,
    {
      name: 'endpoint_type',
      type: 'string',
      enum: ['hardware', 'software'],
      description: 'A room with dedicated equipment (codec, cameras, microphones) or a software client on a computer.',
    },
    {
      name: 'status',
      type: 'string',
      enum: ['active', 'faulty', 'planned'],
      description: 'At the month end: active, faulty (installed, awaiting repair), or planned (not installed yet).',
    },
    {
      name: 'installed_on',
      type: 'date',
      nullable: true,
      description: 'Date the endpoint was installed and joined to the system; null for a planned one.',
    },
    {
      name: 'sessions',
      type: 'bigint',
      unit: 'meetings',
      min: 0,
      description: 'Online meetings the endpoint joined in the month.',
    },
  ],
  checks: [
    {
      reason: 'planned_endpoint_mismatch',
      columns: ['status', 'installed_on', 'sessions'],
      description:
        'A planned endpoint has no installation date and joined no meeting; an installed one (active or faulty) has its date.',
      holds: (r) => (r.status === 'planned' ? r.installed_on === null && r.sessions === 0 : r.installed_on !== null),
    },
  ],
});
