import { tableFromArrays, tableToIPC, type Table } from 'apache-arrow';
import type { SqlRow, SqlValue } from '../query/duckdb-lake';
import { parquetFromIpc } from '../ingest/parquet-from-ipc';
import { resolveType, type ResolvedType } from '../contracts/column-types';
import { csvCell } from './csv-cells';
import type { ServedColumn } from './served-datasets';

export const FORMATS = ['json', 'ndjson', 'csv', 'parquet', 'arrow'] as const;
export type Format = (typeof FORMATS)[number];

export const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  arrow: 'application/vnd.apache.arrow.stream',
};

/** `format=` wins; else the first Accept type we serve; else JSON. */
export function negotiate(formatParam: string | undefined, accept: string | undefined): Format | undefined {
  if (formatParam !== undefined)
    return (FORMATS as readonly string[]).includes(formatParam) ? (formatParam as Format) : undefined;
  for (const part of (accept ?? '').split(',')) {
    const type = part.split(';')[0]!.trim().toLowerCase();
    const found = FORMATS.find((f) => CONTENT_TYPES[f].startsWith(type) && type !== '');
    if (found) return found;
    if (type === '*/*' || type === 'application/*') return 'json';
  }
  return accept && !accept.includes('*/*') && accept.trim() !== '' ? undefined : 'json';
}

/** Plain values of each served form: apache-arrow then infers Float64 / Bool / Utf8, nulls kept. */
const SERVED_VALUE: Record<ResolvedType['served'], (v: SqlValue) => SqlValue> = {
  number: (v) => (v === null ? null : Number(v)),
  boolean: (v) => (v === null ? null : Boolean(v)),
  string: (v) => (v === null ? null : String(v)),
};

function arrowTable(columns: ServedColumn[], rows: SqlRow[]): Table {
  const arrays: Record<string, unknown> = {};
  for (const column of columns) {
    const values = rows.map((r) => r[column.name] ?? null);
    arrays[column.name] = values.map(SERVED_VALUE[resolveType(column.type).served]);
  }
  return tableFromArrays(arrays as Parameters<typeof tableFromArrays>[0]) as Table;
}

/** The response body in the chosen format. CSV is UTF-8 with a BOM, so Excel reads Vietnamese text. */
export function encodeRows(
  format: Format,
  columns: ServedColumn[],
  rows: SqlRow[],
  meta: Record<string, unknown>,
): Uint8Array {
  switch (format) {
    case 'json':
      return Buffer.from(JSON.stringify({ ...meta, data: rows }));
    case 'ndjson':
      return Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : ''));
    case 'csv': {
      const numeric = columns.map((c) => resolveType(c.type).served === 'number');
      const lines = [
        columns.map((c) => c.name).join(','),
        ...rows.map((r) => columns.map((c, i) => csvCell(r[c.name] ?? null, numeric[i]!)).join(',')),
      ];
      return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`);
    }
    case 'arrow':
      return tableToIPC(arrowTable(columns, rows), 'stream');
    case 'parquet':
      return parquetFromIpc(tableToIPC(arrowTable(columns, rows), 'stream'));
  }
}
