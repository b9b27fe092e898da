import { defineDataset } from '../define-dataset';

export const provincialIndicators = defineDataset({
  name: 'provincial_indicators',
  version: '1.0.0',
  title: 'Provincial indicators',
  description:
    'Province-wide indicators from the statistics office and the IT department: GRDP, digital economy value added, enterprises, SMEs on digital platforms. Annual figures are reported in the December period.',
  owner: 'Provincial Statistics Office (Thống kê tỉnh)',
  fedBy: 'statistics office, IT department',
  grain: 'one indicator in one month',
  naturalKey: ['indicator', 'period'],
  columns: [
    {
      name: 'indicator',
      type: 'string',
      pattern: '[a-z][a-z0-9_]{1,63}',
      description: 'Indicator id, e.g. grdp, digital_economy_value_added, enterprises, smes_on_digital_platforms.',
    },
    { name: 'value', type: 'decimal(18,4)', description: 'Value of the indicator, in `unit`.' },
    { name: 'unit', type: 'string', description: 'Unit of the value, e.g. bn VND, enterprises, units.' },
  ],
});
