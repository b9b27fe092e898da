import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** One view: its name (the file's name) and its body, a single SELECT in Trino SQL. */
export interface ViewSource {
  name: string;
  layer: 'staging' | 'marts';
  sql: string;
}

export class ViewOrderError extends Error {
  override name = 'ViewOrderError';
}

const LAYERS = ['staging', 'marts'] as const;

/**
 * The views of `sql/` in the order they must be created: every staging view (they read only
 * the contract tables), then the marts so that each comes after the views it reads. A view
 * reads another when the other's name appears in it as a word.
 */
export function loadViews(sqlDir: string): ViewSource[] {
  const views = LAYERS.flatMap((layer) => {
    const dir = join(sqlDir, layer);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((file) => file.endsWith('.sql'))
      .sort()
      .map((file): ViewSource => ({ name: basename(file, '.sql'), layer, sql: readFileSync(join(dir, file), 'utf8').trim() }));
  });
  return orderViews(views);
}

/** Stable topological order: layer first, then file order, each view after what it reads. */
export function orderViews(views: readonly ViewSource[]): ViewSource[] {
  const byName = new Map(views.map((v) => [v.name, v]));
  if (byName.size !== views.length) throw new ViewOrderError('two views have the same name');
  const ordered: ViewSource[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (view: ViewSource, path: string[]): void => {
    if (state.get(view.name) === 'done') return;
    if (state.get(view.name) === 'visiting') throw new ViewOrderError(`views read each other in a cycle: ${[...path, view.name].join(' → ')}`);
    state.set(view.name, 'visiting');
    for (const other of views) {
      if (other !== view && new RegExp(`\\b${other.name}\\b`).test(view.sql)) {
        if (LAYERS.indexOf(other.layer) > LAYERS.indexOf(view.layer)) throw new ViewOrderError(`${view.layer} view ${view.name} reads ${other.layer} view ${other.name}`);
        visit(other, [...path, view.name]);
      }
    }
    state.set(view.name, 'done');
    ordered.push(view);
  };
  for (const layer of LAYERS) for (const view of views) if (view.layer === layer) visit(view, []);
  return ordered;
}
