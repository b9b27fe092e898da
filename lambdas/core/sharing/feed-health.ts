import { SOURCES, type SourceSpec } from '../feeds';
import type { ManifestIndex, ManifestSummary } from './manifest-index';

export interface FeedHealth {
  source: string;
  name: string;
  format: string;
  datasets: string[];
  cadence: { everyDays: number; graceDays: number };
  /** When its newest manifest was written (a failed file counts: it was received); null if it never sent a file. */
  lastFeedAt: string | null;
  /** lastFeedAt + everyDays + graceDays: after it, the feed is late. */
  dueBy: string | null;
  /** Never received, or past dueBy. */
  late: boolean;
  /** Sums over `latest`: the rows of the current file of each dataset. */
  rowsIn: number;
  rowsAccepted: number;
  rowsRejected: number;
  /** Reason code → rejected rows, over `latest`. */
  reasons: Record<string, number>;
  /** The newest manifest of each dataset of the source, newest first. */
  latest: ManifestSummary[];
}

export interface FeedsHealth {
  asOf: string;
  feeds: FeedHealth[];
}

const DAY_MS = 86_400_000;

/**
 * Every feed's health, in the order of SOURCES: its latest file per dataset, what was
 * accepted and rejected and why, and whether the next file is overdue by the source's
 * cadence. The canonical uploads are listed only once they have received a file: they are
 * an open door, not a feed anyone is expected to send.
 */
export async function feedsHealth(
  manifests: Pick<ManifestIndex, 'bySource'>,
  now: Date,
  sources: readonly SourceSpec[] = SOURCES,
): Promise<FeedsHealth> {
  const feeds = await Promise.all(
    sources.map(async (source) => feedHealth(source, await manifests.bySource(source.id), now)),
  );
  return { asOf: now.toISOString(), feeds: feeds.filter((f) => f.source !== 'canonical' || f.lastFeedAt !== null) };
}

/** One source's health from its manifests. */
export function feedHealth(source: SourceSpec, manifests: readonly ManifestSummary[], now: Date): FeedHealth {
  const latest: ManifestSummary[] = [];
  for (const m of [...manifests].sort((a, b) => b.finishedAt.localeCompare(a.finishedAt))) {
    if (!latest.some((l) => l.dataset === m.dataset)) latest.push(m);
  }
  const lastFeedAt = latest[0]?.finishedAt ?? null;
  const { everyDays, graceDays } = source.cadence;
  const due = lastFeedAt === null ? null : new Date(Date.parse(lastFeedAt) + (everyDays + graceDays) * DAY_MS);
  const reasons: Record<string, number> = {};
  for (const m of latest)
    for (const [code, rows] of Object.entries(m.reasons)) reasons[code] = (reasons[code] ?? 0) + rows;
  return {
    source: source.id,
    name: source.name,
    format: source.format,
    datasets: [...source.datasets],
    cadence: { everyDays, graceDays },
    lastFeedAt,
    dueBy: due?.toISOString() ?? null,
    late: due === null || now.getTime() > due.getTime(),
    rowsIn: sum(latest, 'rowsIn'),
    rowsAccepted: sum(latest, 'rowsAccepted'),
    rowsRejected: sum(latest, 'rowsRejected'),
    reasons,
    latest,
  };
}

function sum(manifests: readonly ManifestSummary[], field: 'rowsIn' | 'rowsAccepted' | 'rowsRejected'): number {
  return manifests.reduce((total, m) => total + m[field], 0);
}
