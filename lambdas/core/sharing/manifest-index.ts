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
 * The manifests' own table (`INGEST_MANIFESTS_TABLE` of lake-tables.ts, which the API does not
 * bundle; a test holds the names equal): rows read from it change with every manifest, failed
 * ones included.
 */
export const MANIFESTS_TABLE = 'ingest_manifests';

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

  /**
   * The manifests behind rows read from these tables: the succeeded ones of each dataset, and
   * every manifest when they include the manifests' own table.
   */
  async behind(tables: readonly string[]): Promise<ManifestSummary[]> {
    await this.refresh();
    const all = tables.includes(MANIFESTS_TABLE);
    return [...this.byKey.values()].filter((m) => all || (m.status === 'succeeded' && tables.includes(m.dataset)));
  }

  /** The dataset version: a hash of the manifest ids its rows come from. */
  async version(tables: readonly string[]): Promise<string> {
    const ids = (await this.behind(tables)).map((m) => m.manifestId).sort();
    return sha256Hex(ids.join('\n')).slice(0, 32);
  }

  async freshness(tables: readonly string[]): Promise<string | null> {
    const times = (await this.behind(tables)).map((m) => m.finishedAt).sort();
    return times.at(-1) ?? null;
  }

  async bySource(source: string): Promise<ManifestSummary[]> {
    await this.refresh();
    return [...this.byKey.values()]
      .filter((m) => m.source === source)
      .sort((a, b) => b.finishedAt.localeCompare(a.finishedAt));
  }
}
