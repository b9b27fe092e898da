import { sha256Hex } from '../../ingest/sha256';
import { MANIFESTS_TABLE, type ManifestIndex, type ManifestSummary } from '../manifest-index';
import type { ServedDataset } from '../served-datasets';

/** What a subscriber receives: one event per new version of the dataset. */
export interface VersionEvent {
  type: 'dataset.version';
  /** The same for every delivery of this version to anyone: receivers drop duplicates by it. */
  id: string;
  dataset: string;
  version: string;
  previousVersion: string | null;
  publishedAt: string;
  /** The contract dataset and source of the file that made the version. */
  fedBy: { dataset: string; source: string };
  /** The months the file wrote: the ones whose rows may have changed. */
  periods: string[];
  /** Rows the file wrote per month; left out for a grant that sees only part of the rows. */
  rowsByPeriod?: Record<string, number>;
  /** Where the new rows are (pin the version to read exactly these). */
  links: { rows: string; versions: string };
}

/**
 * The version of each served dataset that one manifest made, when it made one: a succeeded
 * manifest of a table the dataset reads (any manifest, for a dataset of the manifests' own
 * table). A dataset whose version list does not hold the manifest gets no event.
 */
export async function versionEvents(
  manifest: ManifestSummary,
  served: readonly ServedDataset[],
  manifests: ManifestIndex,
): Promise<VersionEvent[]> {
  const events: VersionEvent[] = [];
  for (const dataset of served) {
    if (!dataset.sources.includes(manifest.dataset) && !dataset.sources.includes(MANIFESTS_TABLE)) continue;
    const versions = await manifests.versions(dataset.sources);
    const at = versions.findIndex((v) => v.manifest.manifestId === manifest.manifestId);
    if (at < 0) continue;
    const { version, publishedAt } = versions[at]!;
    events.push({
      type: 'dataset.version',
      id: `evt_${sha256Hex(`${dataset.id}\n${version}`).slice(0, 32)}`,
      dataset: dataset.id,
      version,
      previousVersion: versions[at - 1]?.version ?? null,
      publishedAt,
      fedBy: { dataset: manifest.dataset, source: manifest.source },
      periods: Object.keys(manifest.rowsByPeriod).sort(),
      rowsByPeriod: manifest.rowsByPeriod,
      links: {
        rows: `/v1/datasets/${dataset.id}/rows?version=${version}`,
        versions: `/v1/datasets/${dataset.id}/versions`,
      },
    });
  }
  return events;
}
