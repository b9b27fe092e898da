/**
 * Derives the project's reference file for the Vĩnh Phúc area from the shared public facts
 * (`../shared/reference/`): the 121 pre-2025 communes/wards of province 26, each with the
 * 2025 ward it merged into, and the 36 resulting 2025 wards. Run: `npm run reference`.
 *
 * The output is committed so that builds and CI never depend on the shared folder.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const VINH_PHUC_PRE2025 = '26';
const sharedDir = resolve(process.argv[2] ?? join(__dirname, '..', '..', 'shared', 'reference'));
const outFile = join(__dirname, '..', 'lambdas', 'core', 'reference', 'data', 'vinh-phuc-wards.json');

/** The shared CSVs are simple (no quoted commas), NFC, with a header row. */
function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(sharedDir, file), 'utf8').trim().split(/\r?\n/);
  const names = (header ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(names.map((name, i) => [name, cells[i] ?? '']));
  });
}

const oldUnits = readCsv('admin_units_pre2025.csv').filter((u) => u.province_code === VINH_PHUC_PRE2025);
const crosswalk = new Map(readCsv('admin_crosswalk_2025.csv').map((row) => [row.old_ward_code, row]));
const newUnits = new Map(readCsv('admin_units_2025.csv').map((row) => [row.ward_code, row]));

const pre2025 = oldUnits.map((unit) => {
  const target = crosswalk.get(unit.ward_code ?? '');
  if (!target) throw new Error(`old ward ${unit.ward_code} has no row in admin_crosswalk_2025.csv`);
  return {
    code: unit.ward_code,
    name: unit.ward_name,
    type: unit.ward_type,
    districtCode: unit.district_code,
    districtName: unit.district_name,
    districtType: unit.district_type,
    newCode: target.new_ward_code,
    coverage: target.coverage,
  };
});

const newCodes = [...new Set(pre2025.map((u) => u.newCode))].sort();
const wards2025 = newCodes.map((code) => {
  const unit = newUnits.get(code ?? '');
  if (!unit) throw new Error(`new ward ${code} is missing from admin_units_2025.csv`);
  return { code, name: unit.ward_name, type: unit.ward_type, provinceCode: unit.province_code };
});

const out = {
  about: 'Derived by scripts/derive-reference.ts from shared/reference (do not edit by hand).',
  area: 'Vĩnh Phúc (province 26 before 2025-07-01; part of Phú Thọ, province 25, since)',
  wards2025,
  pre2025,
};
writeFileSync(outFile, `${JSON.stringify(out, null, 1)}\n`);
console.log(`wrote ${outFile}: ${wards2025.length} wards (2025), ${pre2025.length} communes/wards (pre-2025)`);
