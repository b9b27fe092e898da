import { parseManifest, type Manifest } from '../ingest/manifest';
import type { ObjectStore } from '../lake/object-store';
import { sha256Hex } from '../ingest/sha256';

export type ManifestSummary = Pick<
  Manifest,
  | 'manifestId'
  | 'dataset'
  | 'source'
  | 'status'
  | 'rowsIn'
  | 'rowsAccepted'
  | 'rowsRejected'
  | 'reasons'
  | 'finishedAt'
  | 'rawKey'
  | 'error'
>;

/**
 * What the lake's manifests say, kept in memory: each manifest is read once (they never
 * change), and the listing is refreshed at most every `refreshMs`. Gives a dataset's
 * freshness and version (a hash of the manifests its rows come from) and a feed's status.
 */
export class ManifestIndex {
  private readonly byKey = new Map<string, ManifestSummary>();
  private refreshed = 0;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly store: ObjectStore,
    private readonly refreshMs = 5_000,
  ) {}

  private async refresh(): Promise<void> {
    if (Date.now() - this.refreshed < this.refreshMs) return;
    this.refreshing ??= (async () => {
      for (const { key } of await this.store.list('manifests/')) {
        if (this.byKey.has(key) || !key.endsWith('.json')) continue;
        const m = parseManifest(await this.store.get(key));
        this.byKey.set(key, {
          manifestId: m.manifestId,
          dataset: m.dataset,
          source: m.source,
          status: m.status,
          rowsIn: m.rowsIn,
          rowsAccepted: m.rowsAccepted,
          rowsRejected: m.rowsRejected,
          reasons: m.reasons,
          finishedAt: m.finishedAt,
          rawKey: m.rawKey,
          ...(m.error ? { error: m.error } : {}),
        });
      }
      this.refreshed = Date.now();
    })().finally(() => (this.refreshing = undefined));
    await this.refreshing;
  }

  async succeeded(datasets: readonly string[]): Promise<ManifestSummary[]> {
    await this.refresh();
    return [...this.byKey.values()].filter((m) => m.status === 'succeeded' && datasets.includes(m.dataset));
  }

  /** The dataset version: a hash of the manifest ids its rows come from. */
  async version(datasets: readonly string[]): Promise<string> {
    const ids = (await this.succeeded(datasets)).map((m) => m.manifestId).sort();
    return sha256Hex(ids.join('\n')).slice(0, 32);
  }

  async freshness(datasets: readonly string[]): Promise<string | null> {
    const times = (await this.succeeded(datasets)).map((m) => m.finishedAt).sort();
    return times.at(-1) ?? null;
  }

  async bySource(source: string): Promise<ManifestSummary[]> {
    await this.refresh();
    return [...this.byKey.values()]
      .filter((m) => m.source === source)
      .sort((a, b) => b.finishedAt.localeCompare(a.finishedAt));
  }
}
