import type { SqlRow, SqlValue } from '../../lambdas/core/query/duckdb-lake';
import { csvCell } from '../../lambdas/core/samples/csv-writer';

export const OUTPUT_FORMATS = ['table', 'json', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

function text(value: SqlValue): string {
  return value === null ? '' : String(value);
}

/** Query results as an aligned text table, JSON (one array) or CSV. */
export function formatRows(columns: string[], rows: SqlRow[], format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(rows, null, 2);
  if (format === 'csv')
    return [
      columns.map((c) => csvCell(c)).join(','),
      ...rows.map((r) => columns.map((c) => csvCell(r[c] ?? null)).join(',')),
    ].join('\n');
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => text(r[c] ?? null).length)));
  const line = (cells: string[], numeric: boolean[]) =>
    cells
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const numeric = columns.map((c) => rows.length > 0 && rows.every((r) => r[c] === null || typeof r[c] === 'number'));
  return [
    line(
      columns,
      numeric.map(() => false),
    ),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map((r) =>
      line(
        columns.map((c) => text(r[c] ?? null)),
        numeric,
      ),
    ),
    `(${rows.length} row${rows.length === 1 ? '' : 's'})`,
  ].join('\n');
}
