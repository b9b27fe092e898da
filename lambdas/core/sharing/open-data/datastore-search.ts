import type { QueryEngine } from '../../query/query-engine';
import { ApiProblem } from '../problem';
import type { CursorCodec } from '../cursor-codec';
import { orderedQuery, selectQuery } from '../rows-query';
import { parseRowsRequest, type RowsRequest } from '../rows-request';
import { CkanError, datastoreFields } from './ckan-package';
import type { OpenDataset } from './open-datasets';
import type { OpenLinks } from './open-links';

export const DATASTORE_DEFAULT_LIMIT = 100;
export const DATASTORE_MAX_LIMIT = 10_000;
/** Deep offsets make the engine read and drop every row before them: page with filters instead. */
export const DATASTORE_MAX_OFFSET = 1_000_000;
/** CKAN parameters this subset does not implement: refused, never silently ignored. */
const UNSUPPORTED = ['q', 'sort', 'distinct', 'plain', 'language', 'full_text'];

export interface DatastoreSearch {
  resourceId: string;
  open: OpenDataset;
  request: Omit<RowsRequest, 'limit'>;
  limit: number;
  offset: number;
  /** As asked (CKAN echoes them), and carried into the next page's link. */
  filters?: unknown;
  fields?: string;
}

const invalid = (message: string): never => {
  throw new CkanError('Validation Error', message);
};

/** A CKAN integer parameter: absent, the fallback; else 0..max, or a Validation Error. */
export function integer(text: string | undefined, name: string, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d{1,7}$/.test(text) || Number(text) > max) invalid(`${name}: must be an integer 0..${max}`);
  return Number(text);
}

/** `filters` is a JSON object of column → value or list of values, as CKAN takes it. */
function parseFilters(parsed: unknown): Record<string, string[]> {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) invalid('filters: not a JSON object');
  return Object.fromEntries(
    Object.entries(parsed as Record<string, unknown>).map(([column, value]) => {
      const values = (Array.isArray(value) ? value : [value]).map((v) =>
        ['string', 'number', 'boolean'].includes(typeof v) ? String(v) : invalid(`filters: ${column}: not a value`),
      );
      // The rows query takes a comma-separated list: a value holding a comma cannot be matched exactly.
      if (values.length === 0 || values.some((v) => v.includes(',')))
        invalid(`filters: ${column}: values must be non-empty and hold no comma`);
      return [column, values];
    }),
  );
}

/**
 * Reads datastore_search's parameters against the open columns. A column that is not open is
 * refused like one that does not exist; names and values are then checked by the same code as
 * the authenticated rows route (parseRowsRequest), and bound as parameters.
 */
export function parseDatastoreSearch(
  query: Record<string, string>,
  open: OpenDataset,
  resourceId: string,
  cursors: CursorCodec,
): DatastoreSearch {
  for (const name of UNSUPPORTED)
    if (query[name] !== undefined)
      invalid(`${name}: not supported by this server (filters, fields, limit, offset are)`);
  if ((query.records_format ?? 'objects') !== 'objects') invalid('records_format: only objects is supported');
  const { access } = open;
  const openNames = new Set(access.columns.map((c) => c.name));
  const notOpen = (name: string, what: string) =>
    openNames.has(name)
      ? name
      : invalid(`${what}: "${name.slice(0, 64)}" is not an open column of ${access.dataset.id}`);
  const fields = query.fields?.split(',').map((f) => notOpen(f.trim(), 'fields'));
  const asked = query.filters === undefined ? undefined : jsonOf(query.filters);
  const filters = asked === undefined ? undefined : parseFilters(asked);
  for (const column of Object.keys(filters ?? {})) notOpen(column, 'filters');
  const rowsQuery: Record<string, string> = {
    ...(fields ? { fields: fields.join(',') } : {}),
    ...Object.fromEntries(Object.entries(filters ?? {}).map(([column, values]) => [column, values.join(',')])),
  };
  let request: RowsRequest;
  try {
    request = parseRowsRequest(rowsQuery, access, cursors);
  } catch (error) {
    if (error instanceof ApiProblem) invalid(error.detail);
    throw error;
  }
  const { limit: _pageLimit, ...rest } = request;
  return {
    resourceId,
    open,
    request: rest,
    limit: integer(query.limit, 'limit', DATASTORE_DEFAULT_LIMIT, DATASTORE_MAX_LIMIT),
    offset: integer(query.offset, 'offset', 0, DATASTORE_MAX_OFFSET),
    ...(asked !== undefined ? { filters: asked } : {}),
    ...(query.fields !== undefined ? { fields: query.fields } : {}),
  };
}

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return invalid('filters: not a JSON object');
  }
}

/** The records asked for, in natural-key order, their total, and CKAN's links to the first and next page. */
export async function datastoreSearch(
  search: DatastoreSearch,
  relation: string,
  engine: QueryEngine,
  links: OpenLinks,
) {
  const { access } = search.open;
  const { sql, params } = orderedQuery(access, search.request, relation);
  const count = selectQuery(access, search.request, relation);
  const [page, total] = await Promise.all([
    search.limit === 0
      ? Promise.resolve({ rows: [] })
      : engine.query(`${sql} offset ${search.offset} limit ${search.limit}`, params),
    engine.query(`select count(*) as n from (${count.sql}) as matched`, count.params),
  ]);
  const fields = search.request.fields;
  const records = page.rows.map((row) => Object.fromEntries(fields.map((f) => [f, row[f] ?? null])));
  const at = (offset: number) => ({
    resource_id: search.resourceId,
    ...(search.fields !== undefined ? { fields: search.fields } : {}),
    ...(search.filters !== undefined ? { filters: JSON.stringify(search.filters) } : {}),
    ...(search.limit !== DATASTORE_DEFAULT_LIMIT ? { limit: search.limit } : {}),
    ...(offset > 0 ? { offset } : {}),
  });
  return {
    include_total: true,
    resource_id: search.resourceId,
    fields: datastoreFields(fields.map((f) => access.columns.find((c) => c.name === f)!)),
    records_format: 'objects',
    records,
    limit: search.limit,
    ...(search.offset > 0 ? { offset: search.offset } : {}),
    ...(search.filters !== undefined ? { filters: search.filters } : {}),
    total: Number(total.rows[0]?.n ?? 0),
    _links: {
      start: links.action('datastore_search', at(0)),
      next: links.action('datastore_search', at(search.offset + search.limit)),
    },
  };
}
