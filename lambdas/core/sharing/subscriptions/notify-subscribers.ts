import type { GrantsReader } from '../access-requests/live-grants';
import type { ManifestIndex, ManifestSummary } from '../manifest-index';
import { mayHoldGrantedRows } from '../file-visibility';
import type { ServedDataset } from '../served-datasets';
import { type DeliveryOptions, type DeliveryResult, deliverWebhook } from './deliver-webhook';
import type { SubscriptionStore } from './subscription-store';
import { versionEvents } from './version-event';

export interface NotifyDeps {
  served: readonly ServedDataset[];
  grants: GrantsReader;
  manifests: ManifestIndex;
  subscriptions: SubscriptionStore;
  delivery: DeliveryOptions;
}

export interface Notified {
  subscription: string;
  dataset: string;
  version: string;
  result: DeliveryResult;
}

/**
 * After one manifest was written: every subscriber of a dataset it gave a new version gets
 * one event, while the agency still holds the grant (an expired grant gets nothing). The
 * same path serves the local server (its watcher) and the AWS notifier (S3 → EventBridge).
 */
export async function notifySubscribers(manifest: ManifestSummary, deps: NotifyDeps): Promise<Notified[]> {
  const events = await versionEvents(manifest, deps.served, deps.manifests);
  if (events.length === 0) return [];
  const subscriptions = await deps.subscriptions.list();
  const today = (deps.delivery.now?.() ?? new Date()).toISOString().slice(0, 10);
  const deliveries = events.flatMap((event) =>
    subscriptions
      .filter((s) => s.dataset === event.dataset)
      .flatMap((subscription) => {
        const access = deps.grants.access(subscription.agency, event.dataset, today);
        if ('refused' in access) return [];
        // A grant of part of the rows hears only of files that may hold them, and not their counts.
        if (!mayHoldGrantedRows(access, event.fedBy.source, event.fedBy.dataset)) return [];
        const { rowsByPeriod, ...rest } = event;
        const shown = access.rowFilter ? rest : event;
        return [
          deliverWebhook(subscription, shown, deps.delivery).then(
            (result): Notified => ({
              subscription: subscription.id,
              dataset: event.dataset,
              version: event.version,
              result,
            }),
          ),
        ];
      }),
  );
  return Promise.all(deliveries);
}
