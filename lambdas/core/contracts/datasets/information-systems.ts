import { defineDataset } from '../define-dataset';

export const informationSystems = defineDataset({
  name: 'information_systems',
  version: '1.0.0',
  title: 'Information systems and their security levels',
  description:
    'The information systems of provincial agencies, their security level (Decree 85/2016), whether that level is approved, and whether they connect through the provincial integration platform (LGSP).',
  owner: 'Department of Science and Technology (Sở Khoa học và Công nghệ)',
  fedBy: 'IT department',
  grain: 'one information system in one month',
  naturalKey: ['system_id', 'period'],
  columns: [
    {
      name: 'system_id',
      type: 'string',
      pattern: '[A-Za-z0-9_.-]{1,64}',
      description: 'Identifier of the system in the provincial inventory.',
    },
    { name: 'system_name', type: 'string', description: 'Name of the system.' },
    { name: 'owner_agency', type: 'string', description: 'Agency that owns the system.' },
    {
      name: 'security_level',
      type: 'bigint',
      unit: 'level (1–5)',
      min: 1,
      max: 5,
      description: 'Security level of the system (1 lowest, 5 highest).',
    },
    { name: 'level_approved', type: 'boolean', description: 'The security level dossier has been approved.' },
    {
      name: 'approved_on',
      type: 'date',
      nullable: true,
      description: 'Date the security level was approved; null if not approved.',
    },
    { name: 'lgsp_connected', type: 'boolean', description: 'Connected through the provincial LGSP.' },
    {
      name: 'serves_public',
      type: 'boolean',
      description: 'Faces citizens or businesses (as opposed to internal use).',
    },
  ],
  checks: [
    {
      reason: 'approved_without_date',
      columns: ['level_approved', 'approved_on'],
      description: 'An approved level has its approval date.',
      holds: (r) => r.level_approved !== true || r.approved_on !== null,
    },
  ],
});
