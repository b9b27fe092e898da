import { defineDataset } from '../define-dataset';
import { wardColumns } from '../vocabulary';

export const facilities = defineDataset({
  name: 'facilities',
  version: '1.0.0',
  title: 'Health and education facilities',
  description:
    'Schools and health facilities, whether they accept cashless payments and whether they read chip-based citizen IDs, monthly.',
  owner: 'Departments of Health and of Education and Training',
  fedBy: 'health and education departments',
  grain: 'one facility in one month',
  naturalKey: ['facility_id', 'period'],
  columns: [
    {
      name: 'facility_id',
      type: 'string',
      pattern: '[A-Za-z0-9_.-]{1,64}',
      description: 'Facility identifier in the sector registry.',
    },
    { name: 'facility_name', type: 'string', description: 'Name of the facility.' },
    { name: 'sector', type: 'string', enum: ['health', 'education'], description: 'Health or education.' },
    ...wardColumns,
    { name: 'cashless_payments', type: 'boolean', description: 'Fees can be paid without cash.' },
    { name: 'chip_id_reader', type: 'boolean', description: 'Has a reader for chip-based citizen IDs.' },
  ],
});
