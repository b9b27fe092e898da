import reference from './data/vinh-phuc-wards.json';

/**
 * The administrative units of the Vĩnh Phúc area: 36 wards/communes since 2025-07-01 and the
 * 121 pre-2025 ones they absorbed (all fully). Derived from shared/reference by
 * scripts/derive-reference.ts.
 */
export interface Ward2025 {
  code: string;
  name: string;
  type: string;
  provinceCode: string;
}

export interface WardPre2025 {
  code: string;
  name: string;
  type: string;
  districtCode: string;
  districtName: string;
  districtType: string;
  /** The 2025 ward it became part of. */
  newCode: string;
  coverage: 'full' | 'partial';
}

export const WARDS_2025: readonly Ward2025[] = reference.wards2025;
export const WARDS_PRE2025: readonly WardPre2025[] = reference.pre2025 as WardPre2025[];

const codes2025 = new Set(WARDS_2025.map((w) => w.code));

export function isWard2025(code: string): boolean {
  return codes2025.has(code);
}

/** The 2025 ward codes, as one shared string each (see RowChecks.shared). */
export const WARD_2025_CODES: ReadonlySet<string> = codes2025;
