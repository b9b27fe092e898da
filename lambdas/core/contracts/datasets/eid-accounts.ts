import { defineDataset } from '../define-dataset';
import { wardColumns } from '../vocabulary';

export const eidAccounts = defineDataset({
  name: 'eid_accounts',
  version: '1.0.0',
  title: 'Electronic identification (VNeID) accounts',
  description: 'Activated VNeID electronic identification accounts of residents, by ward, at month end.',
  owner: 'Provincial Police (Công an tỉnh)',
  fedBy: 'police (VNeID)',
  grain: 'one ward in one month',
  naturalKey: ['ward_code', 'period'],
  columns: [
    ...wardColumns,
    {
      name: 'activated_accounts',
      type: 'bigint',
      unit: 'accounts',
      min: 0,
      description: 'Activated VNeID accounts (level 1 and 2).',
    },
    {
      name: 'level2_accounts',
      type: 'bigint',
      unit: 'accounts',
      min: 0,
      description: 'Activated level-2 accounts (identity verified in person).',
    },
  ],
  checks: [
    {
      reason: 'level2_exceeds_total',
      columns: ['activated_accounts', 'level2_accounts'],
      description: 'Level-2 accounts are a subset of activated accounts.',
      holds: (r) => (r.level2_accounts as number) <= (r.activated_accounts as number),
    },
  ],
});
