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
> & {
  /** The curated rows it wrote, per month. */
  rowsByPeriod: Record<string, number>;
};

/**
 * One version of a dataset: the manifests behind its rows once `manifest` had been written
 * (every version is a prefix of the manifests in the order they were written).
 */
export interface DatasetVersion {
  version: string;
  publishedAt: string;
  manifest: ManifestSummary;
  /** The manifest ids of this version, the last one `manifest`'s. */
  manifestIds: string[];
}

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
        this.byKey.set(key, manifestSummary(parseManifest(await this.store.get(key))));
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
    return versionOf((await this.behind(tables)).map((m) => m.manifestId));
  }

  /**
   * Every version of the rows read from these tables, oldest first: one per manifest behind
   * them, in the order they were written (`finishedAt`, then the id). The newest is `version()`.
   */
  async versions(tables: readonly string[]): Promise<DatasetVersion[]> {
    const written = (await this.behind(tables)).sort(
      (a, b) => a.finishedAt.localeCompare(b.finishedAt) || a.manifestId.localeCompare(b.manifestId),
    );
    return written.map((manifest, i) => {
      const manifestIds = written.slice(0, i + 1).map((m) => m.manifestId);
      return { version: versionOf(manifestIds), publishedAt: manifest.finishedAt, manifest, manifestIds };
    });
  }

  /** When the newest file behind these tables finished, of those `shown` (all by default). */
  async freshness(
    tables: readonly string[],
    shown: (m: ManifestSummary) => boolean = () => true,
  ): Promise<string | null> {
    const times = (await this.behind(tables))
      .filter(shown)
      .map((m) => m.finishedAt)
      .sort();
    return times.at(-1) ?? null;
  }

  async bySource(source: string): Promise<ManifestSummary[]> {
    await this.refresh();
    return [...this.byKey.values()]
      .filter((m) => m.source === source)
      .sort((a, b) => b.finishedAt.localeCompare(a.finishedAt));
  }
}

/** What the API keeps of a manifest. */
export function manifestSummary(m: Manifest): ManifestSummary {
  return {
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
    rowsByPeriod: rowsByPeriod(m),
    ...(m.error ? { error: m.error } : {}),
  };
}

/** A hash of a set of manifest ids: the same set, in any order, is the same version. */
function versionOf(manifestIds: readonly string[]): string {
  return sha256Hex([...manifestIds].sort().join('\n')).slice(0, 32);
}

function rowsByPeriod(manifest: Manifest): Record<string, number> {
  const rows: Record<string, number> = {};
  for (const output of manifest.outputs)
    if (output.kind === 'curated' && output.period) rows[output.period] = (rows[output.period] ?? 0) + output.rows;
  return rows;
}
