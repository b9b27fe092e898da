import type { ObjectStore } from '../lake/object-store';
import type { SourceSpec } from './source-spec';

export interface SourceFreshness {
  source: string;
  /** When the newest manifest of the source was written; null if it never sent a file. */
  lastFeedAt: Date | null;
  daysSinceLastFeed: number | null;
  /** Past its cadence plus grace (or never fed). */
  late: boolean;
}

const DAY_MS = 86_400_000;

/** How fresh each source's feed is, from the times of its manifests (one listing per source). */
export async function feedFreshness(
  store: ObjectStore,
  sources: readonly SourceSpec[],
  now: Date = new Date(),
): Promise<SourceFreshness[]> {
  return Promise.all(
    sources.map(async (source): Promise<SourceFreshness> => {
      const manifests = await store.list(`manifests/${source.id}/`);
      const newest = manifests.reduce<Date | null>(
        (latest, m) => (latest === null || m.modified > latest ? m.modified : latest),
        null,
      );
      const days = newest === null ? null : (now.getTime() - newest.getTime()) / DAY_MS;
      return {
        source: source.id,
        lastFeedAt: newest,
        daysSinceLastFeed: days,
        late: days === null || days > source.cadence.everyDays + source.cadence.graceDays,
      };
    }),
  );
}
