import { WARDS_2025, type Ward2025 } from './wards';

/**
 * The `wards_2025` view: the 36 communes and wards of the Vĩnh Phúc area since 1 July 2025
 * (code, name, type), from the reference file (never SQL literals), as a VALUES list valid on
 * Trino and DuckDB. A share of wards takes its denominator from here, so a ward that no feed
 * mentions still counts (kpi_actuals: wards with 3G/4G on air).
 */
export function wards2025Sql(wards: readonly Ward2025[] = WARDS_2025): string {
  const text = (value: string) => `'${value.replaceAll("'", "''")}'`;
  const rows = wards.map((w) => `  (${text(w.code)}, ${text(w.name)}, ${text(w.type)})`);
  return `-- generated from lambdas/core/reference/data/vinh-phuc-wards.json: edit that file (npm run reference), not this SQL
select * from (
values
${rows.join(',\n')}
) as t (ward_code, ward_name, ward_type)`;
}
