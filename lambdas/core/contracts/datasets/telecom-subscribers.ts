import { defineDataset } from '../define-dataset';
import { CARRIERS, wardColumns } from '../vocabulary';

const count = { type: 'bigint', unit: 'subscribers', min: 0 } as const;

export const telecomSubscribers = defineDataset({
  name: 'telecom_subscribers',
  version: '1.0.0',
  title: 'Telecom subscribers by ward',
  description: 'Mobile and fixed broadband subscribers of each carrier by ward, counted at month end.',
  owner: 'Department of Science and Technology (Sở Khoa học và Công nghệ)',
  fedBy: 'telecom carriers',
  grain: 'one carrier in one ward in one month',
  naturalKey: ['carrier', 'ward_code', 'period'],
  columns: [
    { name: 'carrier', type: 'string', enum: [...CARRIERS], description: 'Carrier reporting the subscribers.' },
    ...wardColumns,
    { name: 'mobile_prepaid', ...count, description: 'Prepaid mobile subscriptions at month end.' },
    { name: 'mobile_postpaid', ...count, description: 'Postpaid mobile subscriptions at month end.' },
    {
      name: 'mobile_broadband',
      ...count,
      description: 'Mobile subscriptions that used mobile data (3G/4G/5G) in the month.',
    },
    { name: 'fixed_broadband_ftth', ...count, description: 'Fixed broadband subscriptions over fibre (FTTH).' },
    {
      name: 'fixed_broadband_other',
      ...count,
      description: 'Fixed broadband subscriptions over other media (cable modem, xDSL).',
    },
  ],
});
