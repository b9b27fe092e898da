import { randomUUID } from 'node:crypto';
import type { ObjectStore } from '../../lake/object-store';
import { newWebhookSecret } from './webhook-signature';

export interface Subscription {
  id: string;
  agency: string;
  dataset: string;
  url: string;
  /** Signs every delivery (webhook-signature.ts); shown to the agency once, when it subscribes. */
  secret: string;
  createdAt: string;
  /** Set when the agency cancels it: kept, not removed, so its deliveries stay explained. */
  cancelledAt?: string;
}

/** What the agency sees of a subscription after it was created: everything but the secret. */
export type SubscriptionView = Omit<Subscription, 'secret'>;

export const SUBSCRIPTIONS_PREFIX = 'subscriptions/';

/**
 * Webhook subscriptions, one object each under `subscriptions/<agency>/<id>.json` (the lake
 * folder locally, the curated bucket in AWS): any server instance and the notifier read the
 * same ones.
 */
export class SubscriptionStore {
  constructor(private readonly store: ObjectStore) {}

  async create(agency: string, dataset: string, url: string, now: Date): Promise<Subscription> {
    const subscription: Subscription = {
      id: randomUUID(),
      agency,
      dataset,
      url,
      secret: newWebhookSecret(),
      createdAt: now.toISOString(),
    };
    await this.save(subscription);
    return subscription;
  }

  /** The active subscriptions, of one agency or of all. */
  async list(agency?: string): Promise<Subscription[]> {
    const found = await this.store.list(agency ? `${SUBSCRIPTIONS_PREFIX}${agency}/` : SUBSCRIPTIONS_PREFIX);
    const all = await Promise.all(
      found.filter((o) => o.key.endsWith('.json')).map(async (o) => this.parse(await this.store.get(o.key))),
    );
    return all.filter((s) => !s.cancelledAt);
  }

  async get(agency: string, id: string): Promise<Subscription | undefined> {
    const key = this.key(agency, id);
    if (!(await this.store.exists(key))) return undefined;
    return this.parse(await this.store.get(key));
  }

  async cancel(subscription: Subscription, now: Date): Promise<void> {
    await this.save({ ...subscription, cancelledAt: now.toISOString() });
  }

  private save(subscription: Subscription): Promise<void> {
    return this.store.put(
      this.key(subscription.agency, subscription.id),
      JSON.stringify(subscription, null, 2),
      'application/json',
    );
  }

  private parse(bytes: Uint8Array): Subscription {
    return JSON.parse(new TextDecoder().decode(bytes)) as Subscription;
  }

  private key(agency: string, id: string): string {
    return `${SUBSCRIPTIONS_PREFIX}${agency}/${id}.json`;
  }
}

export function subscriptionView({ secret: _secret, ...view }: Subscription): SubscriptionView {
  return view;
}
