import type { DuckDbLake } from '../query/duckdb-lake';
import type { PinnedVersion } from './api/env';
import type { ManifestIndex } from './manifest-index';
import type { ServedDataset } from './served-datasets';

/**
 * Keeps each served dataset materialized as a table, rebuilt when its version (the manifests
 * it reads) changes: one computation per new feed instead of one per request. A pinned
 * version gets a table of its own, kept for the last few versions asked.
 */
export function materializer(
  lake: DuckDbLake,
  manifests: ManifestIndex,
): (dataset: ServedDataset, pinned?: PinnedVersion) => Promise<string> {
  const built = new Map<string, { version: string; ready: Promise<void> }>();
  const pinnedTables = new Map<string, Promise<string>>();
  const build = (table: string, select: string) =>
    lake.execute(
      `create or replace table "${table}_next" as ${select}; drop table if exists "${table}"; alter table "${table}_next" rename to "${table}"`,
    );
  return async (dataset, pinned) => {
    if (pinned) {
      const table = `served_${dataset.id}__${pinned.version}`;
      let ready = pinnedTables.get(table);
      if (!ready) {
        ready = build(table, `select * from ${pinned.sql} as pinned`).then(() => table);
        pinnedTables.set(table, ready);
        ready.catch(() => pinnedTables.delete(table));
        for (const [old] of pinnedTables) {
          if (pinnedTables.size <= PINNED_TABLES_KEPT) break;
          pinnedTables.delete(old);
          await lake.execute(`drop table if exists "${old}"`);
        }
      }
      return ready;
    }
    const version = await manifests.version(dataset.sources);
    const table = `served_${dataset.id}`;
    let entry = built.get(dataset.id);
    if (!entry || entry.version !== version) {
      // Build under a temporary name and swap, so readers never see a half-built table; after
      // any build still running for this dataset, so two never share the temporary table.
      const previous = entry?.ready.catch(() => undefined) ?? Promise.resolve();
      const ready = previous.then(() => build(table, `select * from "${dataset.view}"`));
      entry = { version, ready };
      built.set(dataset.id, entry);
      ready.catch(() => built.delete(dataset.id));
    }
    await entry.ready;
    return table;
  };
}

/** Pinned versions kept as tables on one machine (each is a copy of its dataset). */
const PINNED_TABLES_KEPT = 8;
