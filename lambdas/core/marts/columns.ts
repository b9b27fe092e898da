import type { MartColumn } from './define-mart';

/** Column declarations the marts share, so each is worded once. */
export const PERIOD = { name: 'period', type: 'string', description: 'Reporting month, yyyy-mm.' } as const;
export const WARD_CODE = {
  name: 'ward_code',
  type: 'string',
  description: '2025 ward (commune) code, five digits.',
} as const;
export const INDICATOR = {
  name: 'indicator',
  type: 'string',
  description: 'Indicator id, as in plan_targets.',
} as const;

export function pct(name: string, description: string, shareable = true): MartColumn {
  return { name, type: 'double', unit: '%', description, shareable };
}

export function count(name: string, unit: string, description: string, shareable = true): MartColumn {
  return { name, type: 'bigint', unit, description, shareable };
}
