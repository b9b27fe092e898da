import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { sourceCadencesSql } from '../feeds/source-cadences';
import { planTargetsSql } from '../plan/plan-targets';
import { wards2025Sql } from '../reference/wards-view';

/** One view: its name (the file's name) and its body, a single SELECT in Trino SQL. */
export interface ViewSource {
  name: string;
  layer: (typeof LAYERS)[number];
  sql: string;
}

export class ViewOrderError extends Error {
  override name = 'ViewOrderError';
}

const LAYERS = ['reference', 'staging', 'marts'] as const;

/** Views that derive from reference files and declarations, not from sql/: the plan's targets, the feeds' cadences, the 2025 wards. */
export function referenceViews(): ViewSource[] {
  return [
    { name: 'plan_targets', layer: 'reference', sql: planTargetsSql() },
    { name: 'source_cadences', layer: 'reference', sql: sourceCadencesSql() },
    { name: 'wards_2025', layer: 'reference', sql: wards2025Sql() },
  ];
}

/**
 * The views in the order they must be created: the reference views, every staging view
 * (they read only the contract tables), then the marts so that each comes after the views it
 * reads. A view reads another when the other's name appears in its SQL (not its comments) as a word.
 */
export function loadViews(sqlDir: string): ViewSource[] {
  const fromFiles = (['staging', 'marts'] as const).flatMap((layer) => {
    const dir = join(sqlDir, layer);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((file) => file.endsWith('.sql'))
      .sort()
      .map(
        (file): ViewSource => ({
          name: basename(file, '.sql'),
          layer,
          sql: readFileSync(join(dir, file), 'utf8').trim(),
        }),
      );
  });
  return orderViews([...referenceViews(), ...fromFiles]);
}

/** The names a view's SQL (not its comments, which may mention other views) uses as words. */
function namesRead(sql: string, names: readonly string[]): string[] {
  const code = sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
  return names.filter((name) => new RegExp(`\\b${name}\\b`).test(code));
}

/** Stable topological order: layer first, then file order, each view after what it reads. */
export function orderViews(views: readonly ViewSource[]): ViewSource[] {
  const byName = new Map(views.map((v) => [v.name, v]));
  if (byName.size !== views.length) throw new ViewOrderError('two views have the same name');
  const ordered: ViewSource[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (view: ViewSource, path: string[]): void => {
    if (state.get(view.name) === 'done') return;
    if (state.get(view.name) === 'visiting')
      throw new ViewOrderError(`views read each other in a cycle: ${[...path, view.name].join(' → ')}`);
    state.set(view.name, 'visiting');
    for (const name of namesRead(
      view.sql,
      [...byName.keys()].filter((n) => n !== view.name),
    )) {
      const other = byName.get(name)!;
      if (LAYERS.indexOf(other.layer) > LAYERS.indexOf(view.layer))
        throw new ViewOrderError(`${view.layer} view ${view.name} reads ${other.layer} view ${other.name}`);
      visit(other, [...path, view.name]);
    }
    state.set(view.name, 'done');
    ordered.push(view);
  };
  for (const layer of LAYERS) for (const view of views) if (view.layer === layer) visit(view, []);
  return ordered;
}

/**
 * The dataset tables each view reads, directly or through other views: what a mart's rows
 * derive from (the sharing API's dataset version hashes those datasets' manifests).
 */
export function datasetsReadBy(views: readonly ViewSource[], datasetNames: readonly string[]): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const view of orderViews(views)) {
    const direct = namesRead(view.sql, datasetNames);
    const through = namesRead(view.sql, [...result.keys()]).flatMap((name) => result.get(name)!);
    result.set(view.name, [...new Set([...direct, ...through])].sort());
  }
  return result;
}
