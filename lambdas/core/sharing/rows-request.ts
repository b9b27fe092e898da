import { INVALID, PERIOD } from '../contracts/canonical-values';
import { resolveType } from '../contracts/column-types';
import type { SqlValue } from '../query/duckdb-lake';
import type { CursorCodec } from './cursor-codec';
import type { Access } from './grants';
import { problems } from './problem';
import type { ServedColumn } from './served-datasets';

export const MAX_LIMIT = 10_000;
export const DEFAULT_LIMIT = 100;
const RESERVED = new Set(['fields', 'limit', 'cursor', 'format', 'period_from', 'period_to', 'version']);
const MAX_VALUES = 100;

/**
 * A filter value is text bound as a parameter; SQL casts it to the column's type (Athena,
 * unlike DuckDB, will not compare a bigint column with a varchar). The column type's own
 * canonical parser decides first whether the text is a value of that type: else a 400, not an
 * engine error.
 */

function checkValue(column: ServedColumn, value: string): void {
  if (resolveType(column.type).parse(value) === INVALID)
    throw problems.badRequest(`${column.name} is ${column.type}: "${value.slice(0, 32)}" is not one`);
}

export interface RowsRequest {
  fields: string[];
  filters: { column: string; values: string[] }[];
  periodFrom?: string;
  periodTo?: string;
  limit: number;
  after?: SqlValue[];
  /** The dataset version asked for (`?version=`): the rows as they were then. */
  version?: string;
}

/** A dataset version as the API gives it (ManifestIndex.version). */
const VERSION = /^[0-9a-f]{32}$/;

/**
 * Reads `?fields=&limit=&cursor=&period_from=&period_to=&<column>=a,b` against what the grant
 * allows: every column named must be granted (else 403), every value is bound as a
 * parameter, never written into SQL.
 */
export function parseRowsRequest(query: Record<string, string>, access: Access, cursors: CursorCodec): RowsRequest {
  const granted = new Set(access.columns.map((c) => c.name));
  const known = new Set(access.dataset.columns.map((c) => c.name));
  const check = (column: string, what: string) => {
    if (!known.has(column))
      throw problems.badRequest(`unknown ${what} "${column.slice(0, 64)}" for ${access.dataset.id}`);
    if (!granted.has(column))
      throw problems.forbidden(`column ${column} of ${access.dataset.id} is not granted to this agency`);
  };
  const fields = query.fields ? query.fields.split(',').map((f) => f.trim()) : access.columns.map((c) => c.name);
  for (const field of fields) check(field, 'field');
  // Each field once: a list repeating one column multiplies the answer (580 times one column: a 0.5 MB page became 46 MB).
  // Unique and known, a list is never longer than the dataset's columns.
  const twice = fields.find((field, i) => fields.indexOf(field) !== i);
  if (twice !== undefined) throw problems.badRequest(`the field ${twice} is named more than once`);
  const filters = Object.entries(query)
    .filter(([name]) => !RESERVED.has(name))
    .map(([column, value]) => {
      check(column, 'filter');
      const values = value.split(',');
      if (values.length > MAX_VALUES) throw problems.badRequest(`at most ${MAX_VALUES} values for ${column}`);
      const served = access.dataset.columns.find((c) => c.name === column)!;
      for (const v of values) checkValue(served, v);
      return { column, values };
    });
  const limitText = query.limit ?? String(DEFAULT_LIMIT);
  if (!/^\d{1,6}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > MAX_LIMIT)
    throw problems.badRequest(`limit must be 1..${MAX_LIMIT}, got "${limitText.slice(0, 16)}"`);
  for (const bound of ['period_from', 'period_to'] as const) {
    const value = query[bound];
    if (value === undefined) continue;
    if (!PERIOD.test(value)) throw problems.badRequest(`${bound} must be yyyy-mm`);
    if (!known.has('period')) throw problems.badRequest(`${access.dataset.id} has no period`);
    // A bound filters on period as `?period=` would: refused the same where period is not granted.
    check('period', 'filter');
  }
  if (query.version !== undefined && !VERSION.test(query.version))
    throw problems.badRequest('version must be a dataset version: 32 hex digits, as in X-Dataset-Version');
  const request: RowsRequest = {
    fields,
    filters,
    limit: Number(limitText),
    ...(query.version ? { version: query.version } : {}),
    ...(query.period_from ? { periodFrom: query.period_from } : {}),
    ...(query.period_to ? { periodTo: query.period_to } : {}),
  };
  if (query.cursor !== undefined)
    request.after = cursors.decode(query.cursor, access.dataset.id, filterFingerprint(request));
  return request;
}

/** What a cursor is signed over: its page's filters and pinned version (a pinned page's cursor goes on pinned). */
export function filterFingerprint(
  request: Pick<RowsRequest, 'fields' | 'filters' | 'periodFrom' | 'periodTo' | 'version'>,
): string {
  return JSON.stringify([request.filters, request.periodFrom ?? '', request.periodTo ?? '', request.version ?? '']);
}

/** What a request asks for, the same however it is spelled: filters and their values are sets, fields in order are the columns. */
export function askedFor(request: Pick<RowsRequest, 'fields' | 'filters' | 'periodFrom' | 'periodTo'>): string {
  const filters = request.filters.map(({ column, values }) => [column, [...new Set(values)].sort()] as const);
  filters.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([request.fields, filters, request.periodFrom ?? '', request.periodTo ?? '']);
}
