import { wards2025 } from '../../lambdas/core/reference/data/vinh-phuc-wards.json';
import type { CARRIERS } from '../../lambdas/core/contracts/vocabulary';

/** Ward names by 2025 code, from the same reference file the ETL resolves wards with. */
const WARD_NAMES = new Map(wards2025.map((w) => [w.code, w.name]));
export const wardName = (code: string): string => WARD_NAMES.get(code) ?? code;

/** How the carriers write their own names. */
const CARRIER_NAMES: Record<(typeof CARRIERS)[number], string> = {
  viettel: 'Viettel',
  vnpt: 'VNPT',
  mobifone: 'MobiFone',
  fpt: 'FPT Telecom',
  sctv: 'SCTV',
  vtvcab: 'VTVcab',
};
export const carrierName = (id: string): string => CARRIER_NAMES[id as keyof typeof CARRIER_NAMES] ?? id;
