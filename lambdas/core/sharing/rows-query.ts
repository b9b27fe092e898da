import { resolveType } from '../contracts/column-types';
import type { SqlValue } from '../query/duckdb-lake';
import type { Access } from './grants';
import { MAX_LIMIT, type RowsRequest } from './rows-request';

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
