import { sha256Hex } from '../../ingest/sha256';
import type { Format } from '../formats';
import type { Access } from '../grants';
import type { RowsRequest } from '../rows-request';

/**
 * A strong ETag of one page: the same bytes for the same dataset version, parsed query and
 * grant (its columns and row filter), so a match never needs the query to run.
 */
export function pageEtag(granted: Access, request: RowsRequest, format: Format, version: string): string {
  // Filters stay in the order asked: the next cursor is signed over them, so the bytes differ.
  const identity = JSON.stringify([
    version,
    granted.dataset.id,
    granted.columns.map((c) => c.name),
    granted.rowFilter ?? null,
    format,
    request.fields,
    request.filters,
    request.periodFrom ?? null,
    request.periodTo ?? null,
    request.limit,
    request.after ?? null,
    // Pinned or not, the bytes differ: the next cursor is signed over the pin.
    request.version !== undefined,
  ]);
  return `"${sha256Hex(identity).slice(0, 32)}"`;
}
