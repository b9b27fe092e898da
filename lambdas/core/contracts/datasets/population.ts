import { defineDataset } from '../define-dataset';
import { wardColumns } from '../vocabulary';

export const population = defineDataset({
  name: 'population',
  version: '1.0.0',
  title: 'Population and households by ward',
  description:
    'Resident population, population aged 14 and over, households and households with fixed broadband, by ward.',
  owner: 'Provincial Statistics Office (Thống kê tỉnh)',
  fedBy: 'statistics office',
  grain: 'one ward in one month',
  naturalKey: ['ward_code', 'period'],
  columns: [
    ...wardColumns,
    { name: 'population', type: 'bigint', unit: 'people', min: 0, description: 'Resident population.' },
    {
      name: 'population_14plus',
      type: 'bigint',
      unit: 'people',
      min: 0,
      description: 'Residents aged 14 and over (eligible for a chip-based citizen ID).',
    },
    { name: 'households', type: 'bigint', unit: 'households', min: 0, description: 'Households.' },
    {
      name: 'households_with_fixed_broadband',
      type: 'bigint',
      unit: 'households',
      min: 0,
      description: 'Households with a fixed broadband connection.',
    },
  ],
  checks: [
    {
      reason: 'population_14plus_exceeds_total',
      columns: ['population', 'population_14plus'],
      description: 'People aged 14+ are part of the population.',
      holds: (r) => (r.population_14plus as number) <= (r.population as number),
    },
    {
      reason: 'broadband_households_exceed_total',
      columns: ['households', 'households_with_fixed_broadband'],
      description: 'Households with broadband are part of all households.',
      holds: (r) => (r.households_with_fixed_broadband as number) <= (r.households as number),
    },
  ],
});
