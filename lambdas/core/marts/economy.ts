import { defineMart } from './define-mart';

export const digitalEconomy = defineMart({
  name: 'digital_economy',
  title: 'Digital economy by year',
  description:
    'Digital economy value added and its share of GRDP, and SMEs on digital platforms over enterprises, by year (the December figures).',
  grain: 'one year',
  key: ['year'],
  columns: [
    { name: 'year', type: 'bigint', description: 'Calendar year.' },
    { name: 'grdp_bn_vnd', type: 'double', unit: 'bn VND', description: 'Gross regional domestic product.' },
    { name: 'digital_economy_bn_vnd', type: 'double', unit: 'bn VND', description: 'Digital economy value added.' },
    {
      name: 'digital_economy_pct_grdp',
      type: 'double',
      unit: '% of GRDP',
      description: 'Digital economy value added over GRDP.',
    },
    { name: 'enterprises', type: 'bigint', unit: 'enterprises', description: 'Enterprises in operation, December.' },
    {
      name: 'smes_on_digital_platforms',
      type: 'bigint',
      unit: 'enterprises',
      description: 'SMEs using digital platforms, December.',
    },
    { name: 'smes_digital_pct', type: 'double', unit: '%', description: 'SMEs on digital platforms over enterprises.' },
  ],
});
