import { MANIFESTS_TABLE, type ManifestIndex, type ManifestSummary } from '../manifest-index';

/**
 * On one machine, notices manifests written since it started (by an upload to `vpdc serve`,
 * or by `vpdc ingest` into the same lake) and hands each new one to `onManifest`, in the
 * order they were written. In AWS the lake's S3 events do this instead.
 */
export class VersionWatcher {
  private seen: Set<string> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();
  /** Notifications still delivering (retries take seconds): a new manifest does not wait for them. */
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly manifests: ManifestIndex,
    private readonly onManifest: (manifest: ManifestSummary) => Promise<unknown>,
  ) {}

  /** Takes what exists as seen (no replay of old versions), then polls every `intervalMs`. */
  async start(intervalMs = 2_000): Promise<void> {
    this.seen = new Set((await this.all()).map((m) => m.manifestId));
    this.timer = setInterval(() => void this.poll(), intervalMs);
    this.timer.unref();
  }

  /** One look for new manifests; concurrent calls wait for the one running. */
  poll(): Promise<void> {
    this.polling = this.polling.then(async () => {
      if (!this.seen) return;
      const fresh = (await this.all()).filter((m) => !this.seen!.has(m.manifestId));
      fresh.sort((a, b) => a.finishedAt.localeCompare(b.finishedAt) || a.manifestId.localeCompare(b.manifestId));
      for (const manifest of fresh) {
        this.seen.add(manifest.manifestId);
        const notified = this.onManifest(manifest)
          .catch((error) =>
            console.error(`[subscriptions] ${manifest.manifestId}: ${(error as Error).stack ?? String(error)}`),
          )
          .finally(() => this.pending.delete(notified));
        this.pending.add(notified);
      }
    });
    return this.polling;
  }

  /** Stops polling, and resolves once every notification under way has been delivered or dead-lettered. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.polling;
    await Promise.all(this.pending);
  }

  private all(): Promise<ManifestSummary[]> {
    return this.manifests.behind([MANIFESTS_TABLE]);
  }
}
