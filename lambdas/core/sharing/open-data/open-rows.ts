import { sha256Hex } from '../../ingest/sha256';
import type { QueryEngine } from '../../query/query-engine';
import { CONTENT_TYPES, encodeRows } from '../formats';
import { problems } from '../problem';
import type { CursorCodec } from '../cursor-codec';
import { rowsQuery } from '../rows-query';
import { filterFingerprint, MAX_LIMIT, parseRowsRequest } from '../rows-request';
import type { OpenDataset } from './open-datasets';
import type { OpenFormat, OpenLinks } from './open-links';

export interface OpenRowsPage {
  body: Uint8Array;
  headers: Record<string, string>;
  rows: number;
  sha256: string;
}

/**
 * One file of an open dataset's rows: what `?format=csv|json` downloads. The same query code
 * as the authenticated rows route (parseRowsRequest, rowsQuery: filters, fields, period range,
 * keyset cursor, version pin) over the open columns only; 10,000 rows unless fewer are asked,
 * fewer when the body would pass `maxBytes`, the rest by the `Link: rel="next"` header.
 */
export async function openRowsPage(options: {
  open: OpenDataset;
  query: Record<string, string>;
  format: OpenFormat;
  cursors: CursorCodec;
  engine: QueryEngine;
  relationAt: (version?: string) => Promise<{ version: string; relation: string }>;
  links: OpenLinks;
  maxBytes?: number;
}): Promise<OpenRowsPage> {
  const { query, format, cursors, links } = options;
  const { access } = options.open;
  const { format: _format, ...rest } = query;
  // A column that exists but is not open is named as such (parseRowsRequest would say "not granted").
  const open = new Set(access.columns.map((c) => c.name));
  const closed = [...(rest.fields?.split(',') ?? []), ...Object.keys(rest)]
    .map((name) => name.trim())
    .find((name) => !open.has(name) && access.dataset.columns.some((c) => c.name === name));
  if (closed) throw problems.forbidden(`column ${closed} of ${access.dataset.id} is not open data`);
  const request = parseRowsRequest({ ...rest, limit: query.limit ?? String(MAX_LIMIT) }, access, cursors);
  const { version, relation } = await options.relationAt(request.version);
  const { sql, params, key } = rowsQuery(access, request, relation);
  const { rows } = await options.engine.query(sql, params);
  const columns = request.fields.map((f) => access.columns.find((c) => c.name === f)!);
  const pageOf = (kept: number) => {
    const page = rows.slice(0, kept).map((row) => Object.fromEntries(request.fields.map((f) => [f, row[f] ?? null])));
    const last = rows[kept - 1];
    const nextCursor =
      rows.length > kept && last
        ? cursors.encode(
            access.dataset.id,
            filterFingerprint(request),
            key.map((k) => last[k] ?? null),
          )
        : null;
    const meta = { dataset: access.dataset.id, version, count: page.length, next_cursor: nextCursor };
    return { body: encodeRows(format, columns, page, meta), rows: page.length, nextCursor };
  };
  let page = pageOf(Math.min(rows.length, request.limit));
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  while (page.body.length > maxBytes && page.rows > 1)
    page = pageOf(Math.max(1, Math.floor(page.rows * (maxBytes / page.body.length) * 0.95)));
  const sha256 = sha256Hex(page.body);
  const next = page.nextCursor
    ? `${links.rows(access.dataset.id, format)}&${new URLSearchParams({ ...withoutCursor(rest), cursor: page.nextCursor })}`
    : undefined;
  return {
    body: page.body,
    rows: page.rows,
    sha256,
    headers: {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Length': String(page.body.length),
      'X-Dataset-Version': version,
      'X-Row-Count': String(page.rows),
      'X-Content-SHA256': sha256,
      ...(page.nextCursor ? { 'X-Next-Cursor': page.nextCursor, Link: `<${next}>; rel="next"` } : {}),
      ...(format === 'csv' ? { 'Content-Disposition': `attachment; filename="${access.dataset.id}.csv"` } : {}),
    },
  };
}

function withoutCursor(query: Record<string, string>): Record<string, string> {
  const { cursor: _cursor, ...rest } = query;
  return rest;
}
