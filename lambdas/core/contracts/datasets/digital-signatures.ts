import { defineDataset } from '../define-dataset';
import { SIGNATURE_PROVIDERS } from '../vocabulary';

export const digitalSignatures = defineDataset({
  name: 'digital_signatures',
  version: '1.0.0',
  title: 'Digital signature certificates',
  description:
    'Active digital signature certificates issued to organizations and individuals in the province, by certification authority, at month end.',
  owner: 'Department of Science and Technology (Sở Khoa học và Công nghệ)',
  fedBy: 'certification authorities (CA providers)',
  grain: 'one provider and subscriber type in one month',
  naturalKey: ['provider', 'subscriber_type', 'period'],
  columns: [
    {
      name: 'provider',
      type: 'string',
      enum: [...SIGNATURE_PROVIDERS],
      description: 'Certification authority that issued the certificates.',
    },
    {
      name: 'subscriber_type',
      type: 'string',
      enum: ['organization', 'individual'],
      description: 'Whether the certificates belong to organizations or individuals.',
    },
    {
      name: 'active_certificates',
      type: 'bigint',
      unit: 'certificates',
      min: 0,
      description: 'Certificates valid at month end.',
    },
  ],
});
