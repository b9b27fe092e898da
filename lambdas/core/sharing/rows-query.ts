import { createHmac, timingSafeEqual } from 'node:crypto';
import { INVALID, PERIOD } from '../contracts/canonical-values';
import { resolveType } from '../contracts/column-types';
import type { SqlValue } from '../query/duckdb-lake';
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
    if (query[bound] !== undefined && !PERIOD.test(query[bound]!))
      throw problems.badRequest(`${bound} must be yyyy-mm`);
    if (query[bound] !== undefined && !known.has('period'))
      throw problems.badRequest(`${access.dataset.id} has no period`);
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

const quote = (name: string) => `"${name}"`;

/** A relation is a view or table name, or a parenthesized subquery (a pinned version). */
const relationSql = (relation: string) => (relation.startsWith('(') ? `${relation} as pinned` : quote(relation));

/** The WHERE clause: the grant's row filter, the caller's filters and period range, the keyset after the cursor. */
function whereClause(
  access: Access,
  request: Omit<RowsRequest, 'fields' | 'limit'>,
): { where: string; params: SqlValue[] } {
  const key = access.dataset.key;
  const where: string[] = [];
  const params: SqlValue[] = [];
  const inList = (column: string, values: string[]) => {
    const placeholder = `cast(? as ${resolveType(access.dataset.columns.find((c) => c.name === column)!.type).sql})`;
    where.push(`${quote(column)} in (${values.map(() => placeholder).join(', ')})`);
    params.push(...values);
  };
  if (access.rowFilter) inList(access.rowFilter.column, access.rowFilter.equals);
  for (const filter of request.filters) inList(filter.column, filter.values);
  if (request.periodFrom) {
    where.push('"period" >= ?');
    params.push(request.periodFrom);
  }
  if (request.periodTo) {
    where.push('"period" <= ?');
    params.push(request.periodTo);
  }
  if (request.after) {
    where.push(`(${key.map(quote).join(', ')}) > (${key.map(() => '?').join(', ')})`);
    params.push(...request.after);
  }
  return { where: where.length ? ` where ${where.join(' and ')}` : '', params };
}

/** The granted rows asked for: the fields plus the key, filtered; no order, no limit (what UNLOAD takes). */
export function selectQuery(
  access: Access,
  request: Omit<RowsRequest, 'limit'>,
  relation = access.dataset.view,
): { sql: string; params: SqlValue[] } {
  const selected = [...new Set([...request.fields, ...access.dataset.key])];
  const { where, params } = whereClause(access, request);
  return { sql: `select ${selected.map(quote).join(', ')} from ${relationSql(relation)}${where}`, params };
}

/** `selectQuery` in natural-key order (a full export on one machine). */
export function orderedQuery(
  access: Access,
  request: Omit<RowsRequest, 'limit'>,
  relation = access.dataset.view,
): { sql: string; params: SqlValue[] } {
  const { sql, params } = selectQuery(access, request, relation);
  return { sql: `${sql} order by ${access.dataset.key.map(quote).join(', ')}`, params };
}

/**
 * One page: natural-key order, one row more than the limit (is there a next page?). The limit
 * is written into the SQL, not bound: Athena documents `?` execution parameters in WHERE only.
 * It is an integer 1..MAX_LIMIT (parseRowsRequest checked it), checked again here because it
 * becomes SQL text.
 */
export function rowsQuery(
  access: Access,
  request: RowsRequest,
  relation = access.dataset.view,
): { sql: string; params: SqlValue[]; key: string[] } {
  if (!Number.isInteger(request.limit) || request.limit < 1 || request.limit > MAX_LIMIT)
    throw new Error(`limit must be an integer 1..${MAX_LIMIT}, got ${request.limit}`);
  const { sql, params } = orderedQuery(access, request, relation);
  return { sql: `${sql} limit ${request.limit + 1}`, params, key: access.dataset.key };
}

/** How many rows the agency may see of the dataset (its row filter applied). */
/** The granted rows' count (`n`) and, when the dataset has months, the first and last (`first_period`, `last_period`). */
export function countQuery(access: Access, relation = access.dataset.view): { sql: string; params: SqlValue[] } {
  const { where, params } = whereClause(access, { filters: [] });
  const periods = access.columns.some((c) => c.name === 'period')
    ? ', min(period) as first_period, max(period) as last_period'
    : '';
  return { sql: `select count(*) as n${periods} from ${relationSql(relation)}${where}`, params };
}

/** What a cursor is signed over: its page's filters and pinned version (a pinned page's cursor goes on pinned). */
export function filterFingerprint(
  request: Pick<RowsRequest, 'fields' | 'filters' | 'periodFrom' | 'periodTo' | 'version'>,
): string {
  return JSON.stringify([request.filters, request.periodFrom ?? '', request.periodTo ?? '', request.version ?? '']);
}

/** Keyset cursors, signed: a cursor is bound to its dataset and filters, and cannot be forged. */
export class CursorCodec {
  constructor(private readonly secret: Buffer) {}

  encode(datasetId: string, fingerprint: string, key: SqlValue[]): string {
    const body = Buffer.from(JSON.stringify({ d: datasetId, k: key })).toString('base64url');
    return `${body}.${this.sign(body, fingerprint)}`;
  }

  decode(cursor: string, datasetId: string, fingerprint: string): SqlValue[] {
    const [body, signature, extra] = cursor.split('.');
    const expected = body ? this.sign(body, fingerprint) : '';
    if (
      !body ||
      !signature ||
      extra !== undefined ||
      signature.length !== expected.length ||
      !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
    ) {
      throw problems.badRequest('the cursor is not valid for this dataset and these filters');
    }
    const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { d: string; k: SqlValue[] };
    if (parsed.d !== datasetId || !Array.isArray(parsed.k))
      throw problems.badRequest('the cursor is not valid for this dataset and these filters');
    return parsed.k;
  }

  private sign(body: string, fingerprint: string): string {
    return createHmac('sha256', this.secret).update(body).update('\n').update(fingerprint).digest('base64url');
  }
}
