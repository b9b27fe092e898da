import { WARDS_2025, WARDS_PRE2025 } from '../reference/wards';
import { canonicalForm } from './canonical-text';

export type WardResolution =
  | { code: string; via: 'code_2025' | 'code_pre2025' | 'name' }
  | { reason: 'unknown_ward' | 'ambiguous_ward'; detail: string };

/** Unit-type prefixes as feeds write them, in canonical form, longest first. */
const PREFIXES = [
  'thi_tran',
  'thanh_pho',
  'phuong',
  'huyen',
  'xa',
  'tt',
  'tp',
  'p',
  'x',
  'h',
  'q',
  'quan',
  'thi_xa',
  'tx',
].sort((a, b) => b.length - a.length);

/** A unit's name without its type: `P. Tích Sơn`, `Phường Tích Sơn`, `phuong tich son` → `tich_son` (one prefix at most). */
export function bareName(text: string): string {
  const canonical = canonicalForm(text);
  for (const prefix of PREFIXES) if (canonical.startsWith(`${prefix}_`)) return canonical.slice(prefix.length + 1);
  return canonical;
}

/**
 * The forms a given name may be indexed under: as written, and without a leading type word.
 * Both, because a name can start like a type: `Phương Khoan` is a commune, not `P. Khoan`.
 */
function nameForms(text: string): string[] {
  return [...new Set([canonicalForm(text), bareName(text)])];
}

const codes2025 = new Set(WARDS_2025.map((w) => w.code));
const pre2025 = new Map(WARDS_PRE2025.map((w) => [w.code, w]));
/** Bare name → the 2025 codes it can mean, per naming scheme (a 2025 ward's own name, or a pre-2025 ward's successor). */
const byName = { '2025': new Map<string, Set<string>>(), pre2025: new Map<string, Set<string>>() };
/** `<bare district>|<bare name>` → the 2025 code of that pre-2025 ward. */
const byDistrictAndName = new Map<string, string>();
const add = (scheme: keyof typeof byName, name: string, code: string) =>
  byName[scheme].set(name, (byName[scheme].get(name) ?? new Set()).add(code));
// 2025 names carry their type (`Phường Vĩnh Yên`); pre-2025 names do not (`Tích Sơn`).
for (const ward of WARDS_2025) add('2025', bareName(ward.name), ward.code);
for (const ward of WARDS_PRE2025) {
  add('pre2025', canonicalForm(ward.name), ward.newCode);
  byDistrictAndName.set(`${canonicalForm(ward.districtName)}|${canonicalForm(ward.name)}`, ward.newCode);
}

/**
 * The 2025 ward a feed means, from what it gives: a 2025 code; a pre-2025 code (through the
 * crosswalk); or a name, with the district or the naming scheme where known. Never a guess:
 * a name that can mean two wards with nothing to tell them apart is `ambiguous_ward`.
 */
export function resolveWard(given: {
  code?: string | null;
  name?: string | null;
  district?: string | null;
  scheme?: '2025' | 'pre2025';
}): WardResolution {
  const code = given.code?.trim();
  if (code) {
    const padded = /^\d{1,5}$/.test(code) ? code.padStart(5, '0') : code;
    if (codes2025.has(padded)) return { code: padded, via: 'code_2025' };
    const old = pre2025.get(padded);
    if (old) return { code: old.newCode, via: 'code_pre2025' };
    return { reason: 'unknown_ward', detail: `no ward has code ${code}` };
  }
  const name = given.name?.trim();
  if (!name) return { reason: 'unknown_ward', detail: 'neither a ward code nor a ward name' };
  const forms = nameForms(name);
  if (given.district?.trim()) {
    for (const district of nameForms(given.district)) {
      for (const form of forms) {
        const found = byDistrictAndName.get(`${district}|${form}`);
        if (found) return { code: found, via: 'name' };
      }
    }
  }
  // A source spec that says which scheme its names follow narrows the candidates to it.
  const schemes = given.scheme ? [given.scheme] : (['2025', 'pre2025'] as const);
  const candidates = [
    ...new Set(schemes.flatMap((scheme) => forms.flatMap((form) => [...(byName[scheme].get(form) ?? [])]))),
  ];
  if (candidates.length === 1) return { code: candidates[0]!, via: 'name' };
  if (candidates.length === 0) return { reason: 'unknown_ward', detail: `no ward is named "${name}"` };
  return { reason: 'ambiguous_ward', detail: `"${name}" can be ${candidates.join(' or ')}; give the district` };
}
