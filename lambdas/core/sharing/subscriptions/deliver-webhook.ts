import { sha256Hex } from '../../ingest/sha256';
import type { ObjectStore } from '../../lake/object-store';
import type { AuditEntry } from '../../lake/audit-log-table';
import type { AuditLog } from '../audit-log';
import type { Subscription } from './subscription-store';
import type { VersionEvent } from './version-event';
import { signWebhook } from './webhook-signature';

export interface DeliveryOptions {
  store: ObjectStore;
  audit: AuditLog;
  /** Waits before the second, third… attempt; one attempt more than waits. @default 1 s, 5 s, 25 s */
  retryDelaysMs?: readonly number[];
  /** A receiver that has not answered by then has failed the attempt. @default 10 s */
  timeoutMs?: number;
  now?: () => Date;
  fetch?: typeof fetch;
}

export interface Attempt {
  at: string;
  status: number | null;
  error?: string;
}

export interface DeliveryResult {
  outcome: 'delivered' | 'dead_lettered';
  attempts: Attempt[];
}

export const DEAD_LETTERS_PREFIX = 'subscriptions-dead-letters/';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Posts one event to one subscriber, signed (Standard Webhooks), until it answers 2xx: retried
 * after each wait of `retryDelaysMs`, then dead-lettered under `subscriptions-dead-letters/`
 * with every attempt, so nothing is lost and the agency can be told. Redirects are not
 * followed (a 3xx is a failed attempt). Every attempt is an audit entry (route `webhook`).
 */
export async function deliverWebhook(
  subscription: Subscription,
  event: VersionEvent,
  options: DeliveryOptions,
): Promise<DeliveryResult> {
  const now = options.now ?? (() => new Date());
  const post = options.fetch ?? fetch;
  const waits = options.retryDelaysMs ?? [1_000, 5_000, 25_000];
  const body = JSON.stringify(event);
  const attempts: Attempt[] = [];
  for (let attempt = 0; attempt <= waits.length; attempt++) {
    if (attempt > 0) await sleep(waits[attempt - 1]!);
    const at = now();
    const started = Date.now();
    let result: Attempt;
    try {
      const response = await post(subscription.url, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/json', ...signWebhook(subscription.secret, event.id, at, body) },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await response.body?.cancel();
      result = { at: at.toISOString(), status: response.status };
    } catch (error) {
      result = { at: at.toISOString(), status: null, error: (error as Error).message.slice(0, 200) };
    }
    attempts.push(result);
    const delivered = result.status !== null && result.status >= 200 && result.status < 300;
    const last = attempt === waits.length;
    await options.audit.append(
      auditEntry(subscription, event, body, result, attempt + 1, Date.now() - started, delivered, last),
    );
    if (delivered) return { outcome: 'delivered', attempts };
  }
  await options.store.put(
    `${DEAD_LETTERS_PREFIX}${subscription.agency}/${subscription.id}/${event.id}.json`,
    JSON.stringify({ subscription: subscription.id, url: subscription.url, event, attempts }, null, 2),
    'application/json',
  );
  return { outcome: 'dead_lettered', attempts };
}

function auditEntry(
  subscription: Subscription,
  event: VersionEvent,
  body: string,
  result: Attempt,
  attempt: number,
  durationMs: number,
  delivered: boolean,
  last: boolean,
): AuditEntry {
  return {
    at: result.at,
    requestId: `${event.id}-${subscription.id}-${attempt}`,
    agency: subscription.agency,
    method: 'POST',
    route: 'webhook',
    dataset: event.dataset,
    query: { subscription: subscription.id, url: subscription.url, attempt: String(attempt) },
    status: result.status ?? 0,
    rows: null,
    bytes: Buffer.byteLength(body),
    problem: delivered ? null : last ? 'webhook_dead_lettered' : 'webhook_failed',
    receipt: { datasetVersion: event.version, sha256: sha256Hex(body) },
    durationMs,
    client: null,
    repeats: 1,
  };
}
