import { defineDataset } from '../define-dataset';

export const publicServices = defineDataset({
  name: 'public_services',
  version: '1.0.0',
  title: 'Online public services catalogue',
  description:
    'The provincial catalogue of administrative procedures and the online level at which each is offered, monthly.',
  owner: 'Department of Science and Technology (Sở Khoa học và Công nghệ)',
  fedBy: 'IT department catalogue',
  grain: 'one procedure in one month',
  naturalKey: ['procedure_code', 'period'],
  columns: [
    {
      name: 'procedure_code',
      type: 'string',
      pattern: '[A-Za-z0-9_.-]{1,32}',
      description: 'Code of the procedure in the national catalogue.',
    },
    { name: 'procedure_name', type: 'string', description: 'Name of the procedure, in Vietnamese.' },
    {
      name: 'agency_code',
      type: 'string',
      pattern: '[A-Za-z0-9_.-]{1,32}',
      description: 'Code of the agency responsible for the procedure.',
    },
    {
      name: 'online_level',
      type: 'string',
      enum: ['full_process', 'partial', 'none'],
      description: 'Online level (Decree 42/2022): full-process (toàn trình), partial (một phần) or none.',
    },
    {
      name: 'on_national_portal',
      type: 'boolean',
      description: 'Integrated with the National Public Service Portal (Cổng Dịch vụ công quốc gia).',
    },
  ],
});
