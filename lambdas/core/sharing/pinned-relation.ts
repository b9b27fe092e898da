import { orderViews, type ViewSource } from '../sql/view-files';
import { MANIFESTS_TABLE } from './manifest-index';
import type { ServedDataset } from './served-datasets';

/** Manifest ids are SHA-256 hex (the manifest schema's own pattern): safe as SQL literals. */
const MANIFEST_ID = /^[0-9a-f]{64}$/;

/** Single-quoted strings, comments, quoted names and words: names are replaced in words only. */
const TOKENS = /'(?:[^']|'')*'|--[^\n]*|\/\*[\s\S]*?\*\/|"[^"]*"|[A-Za-z_][A-Za-z0-9_]*/g;

/** `name as (`: a named query of the view's own WITH clause. */
const NAMED_QUERY = /\b([A-Za-z_][A-Za-z0-9_]*)\s+as\s+\(/gi;

/** The table a pinned copy of `table` goes by inside the query. */
const pinnedName = (table: string) => `pinned__${table}`;

/** Each row says which manifest wrote it: dataset tables in `manifest_id`, the manifests' own table in `manifestId`. */
const manifestColumn = (table: string) => (table === MANIFESTS_TABLE ? '"manifestId"' : 'manifest_id');

/**
 * The dataset as it was at one version, as a subquery any engine runs (Trino and DuckDB): each
 * table it reads keeps only the rows of that version's manifests, and every view between the
 * tables and the dataset is inlined as a named query over the pinned tables, under its own name
 * (a named query hides the view of the same name). Views that read no pinned table (the plan's
 * targets) are read as they are. Old objects stay in the lake, so the same manifests give the
 * same rows again after any later ingest.
 */
export function pinnedRelation(
  dataset: ServedDataset,
  views: readonly ViewSource[],
  manifestIds: readonly string[],
): string {
  for (const id of manifestIds) if (!MANIFEST_ID.test(id)) throw new Error(`not a manifest id: ${id.slice(0, 70)}`);
  const tables = new Set(dataset.sources);
  const byName = new Map(views.map((v) => [v.name, v]));
  const pinned = new Set<string>();
  const named: string[] = [];
  for (const table of tables) {
    const ids = manifestIds.map((id) => `'${id}'`).join(', ');
    const where = ids ? `${manifestColumn(table)} in (${ids})` : 'false';
    named.push(`${pinnedName(table)} as (select * from ${table} where ${where})`);
  }
  // In creation order, a view is inlined when it reads a pinned table or an inlined view. A
  // table is read where its name follows FROM or JOIN (a column may share its name:
  // population) and the view has no named query of that name (kpi_actuals' facilities).
  for (const view of orderViews(views)) {
    const local = new Set([...view.sql.matchAll(NAMED_QUERY)].map((m) => m[1]!));
    let reads = false;
    let previous = '';
    const sql = view.sql.replace(TOKENS, (token) => {
      if (token.startsWith('--') || token.startsWith('/*')) return token;
      const after = previous;
      previous = token.toLowerCase();
      if (tables.has(token) && !local.has(token) && (after === 'from' || after === 'join')) {
        reads = true;
        return pinnedName(token);
      }
      if (pinned.has(token)) reads = true;
      return token;
    });
    if (!reads) continue;
    pinned.add(view.name);
    named.push(`${view.name} as (\n${sql}\n)`);
    if (view.name === dataset.view) break;
  }
  if (!byName.has(dataset.view) || !pinned.has(dataset.view))
    throw new Error(`${dataset.id}: its view ${dataset.view} reads none of ${[...tables].join(', ')}`);
  return `(with\n${named.join(',\n')}\nselect * from ${dataset.view})`;
}
