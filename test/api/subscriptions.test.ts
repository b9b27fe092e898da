import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { ManifestIndex, manifestSummary } from '../../lambdas/core/sharing/manifest-index';
import { DEAD_LETTERS_PREFIX } from '../../lambdas/core/sharing/subscriptions/deliver-webhook';
import { notifySubscribers } from '../../lambdas/core/sharing/subscriptions/notify-subscribers';
import type { VersionEvent } from '../../lambdas/core/sharing/subscriptions/version-event';
import { VersionWatcher } from '../../lambdas/core/sharing/subscriptions/version-watcher';
import { apiFixture, type ApiFixture } from './support';

// Webhooks as a subscriber sees them: a receiver on 127.0.0.1 that checks every delivery's
// signature with the Standard Webhooks reference library (not our code), fails when told to,
// and records what it got.

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver answering `statuses` in turn (the last one from then on). */
async function receiver(statuses: number[]) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)]!;
      response.end();
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/vpdc`;
  return { url, received, close: () => new Promise((closed) => server.close(closed)) };
}

/** The event of a delivery, verified as a receiver would: throws when the signature is not the secret's. */
function verified(secret: string, delivery: Received): VersionEvent {
  const headers = Object.fromEntries(
    ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => [h, String(delivery.headers[h])]),
  );
  return new Webhook(secret).verify(delivery.body, headers) as VersionEvent;
}

let api: ApiFixture;
let ioc: string;
const receivers: { close: () => Promise<unknown> }[] = [];

beforeAll(async () => {
  api = await apiFixture();
  ioc = await api.token('ioc');
}, 180_000);
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  api.close();
});

async function subscribe(token: string, dataset: string, url: string) {
  const response = await api.app.request('/v1/subscriptions', {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ dataset, url }),
  });
  return { status: response.status, body: (await response.json()) as { id: string; secret: string; detail?: string } };
}

/** What runs after an ingest (the watcher locally, the S3-event notifier in AWS), with short retry waits. */
function notify(manifest: Awaited<ReturnType<ApiFixture['ingestCorrection']>>) {
  const { store, auditLog, grants, served, subscriptions } = api.parts;
  return notifySubscribers(manifestSummary(manifest), {
    served,
    grants,
    subscriptions,
    manifests: new ManifestIndex(store, 0),
    delivery: { store, audit: auditLog, retryDelaysMs: [20, 40] },
  });
}

test('a new version is posted once, signed; a failed attempt is retried with the same event id; each attempt is audited', async () => {
  const hook = await receiver([500, 204]);
  receivers.push(hook);
  const created = await subscribe(ioc, 'broadband_by_ward', hook.url);
  expect(created.status).toBe(201);
  expect(created.body.secret).toMatch(/^whsec_/);

  const manifest = await api.ingestCorrection();
  const results = await notify(manifest);
  const mine = results.filter((r) => r.subscription === created.body.id);
  expect(mine.map((r) => [r.result.outcome, r.result.attempts.map((a) => a.status)])).toEqual([
    ['delivered', [500, 204]],
  ]);

  expect(hook.received).toHaveLength(2);
  const [first, second] = hook.received.map((d) => verified(created.body.secret, d));
  expect(second).toEqual(first);
  expect(hook.received[0]!.headers['webhook-id']).toBe(hook.received[1]!.headers['webhook-id']);
  const versions = (await (await api.get('/v1/datasets/broadband_by_ward/versions', ioc)).json()) as {
    current: string;
    versions: { version: string }[];
  };
  expect(first).toMatchObject({
    type: 'dataset.version',
    dataset: 'broadband_by_ward',
    version: versions.current,
    previousVersion: versions.versions[1]!.version,
    fedBy: { dataset: 'telecom_subscribers', source: 'canonical' },
    periods: ['2025-12'],
    rowsByPeriod: { '2025-12': manifest.rowsAccepted },
  });
  // The link in the event gives the rows of exactly that version.
  const pinned = await api.get(first!.links.rows, ioc);
  expect(pinned.headers.get('x-dataset-version')).toBe(first!.version);

  const audited = (await api.audit()).filter((e) => e.route === 'webhook' && e.query.subscription === created.body.id);
  expect(audited.map((e) => [e.status, e.problem, e.query.attempt])).toEqual([
    [500, 'webhook_failed', '1'],
    [204, null, '2'],
  ]);
  // The signature is the subscription's own: another secret does not verify it.
  expect(() => verified(`whsec_${Buffer.alloc(24, 1).toString('base64')}`, hook.received[0]!)).toThrow();
});

test('a receiver that keeps failing gets every attempt, then the event is dead-lettered with them', async () => {
  const hook = await receiver([503]);
  receivers.push(hook);
  const created = await subscribe(ioc, 'kpi_scorecard', hook.url);
  const manifest = await api.ingestCorrection();
  const [result] = (await notify(manifest)).filter((r) => r.subscription === created.body.id);
  expect(result!.result.outcome).toBe('dead_lettered');
  expect(hook.received).toHaveLength(3);
  const dead = await api.parts.store.list(`${DEAD_LETTERS_PREFIX}ioc/${created.body.id}/`);
  expect(dead).toHaveLength(1);
  const letter = JSON.parse(new TextDecoder().decode(await api.parts.store.get(dead[0]!.key))) as {
    event: VersionEvent;
    attempts: { status: number }[];
  };
  expect(letter.attempts.map((a) => a.status)).toEqual([503, 503, 503]);
  expect(letter.event).toEqual(verified(created.body.secret, hook.received[0]!));
  const audited = (await api.audit()).filter((e) => e.route === 'webhook' && e.query.subscription === created.body.id);
  expect(audited.at(-1)!.problem).toBe('webhook_dead_lettered');
});

test('a grant of part of the rows gets the event without the counts; a cancelled subscription gets nothing', async () => {
  const filtered = await receiver([200]);
  const cancelled = await receiver([200]);
  receivers.push(filtered, cancelled);
  const vnpt = await api.token('vnpt');
  const own = await subscribe(vnpt, 'mobile_market_by_carrier', filtered.url);
  const gone = await subscribe(ioc, 'mobile_market_by_carrier', cancelled.url);
  const cancel = await api.app.request(`/v1/subscriptions/${gone.body.id}`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${ioc}` },
  });
  expect(cancel.status).toBe(204);
  await notify(await api.ingestCorrection());
  expect(cancelled.received).toHaveLength(0);
  expect(filtered.received).toHaveLength(1);
  const event = verified(own.body.secret, filtered.received[0]!);
  expect(event.dataset).toBe('mobile_market_by_carrier');
  expect(event).not.toHaveProperty('rowsByPeriod');
});

test('subscribing: only a granted dataset, only an allowed URL, once; the list never shows a secret', async () => {
  const hook = await receiver([200]);
  receivers.push(hook);
  expect((await subscribe(await api.token('vnpt'), 'kpi_scorecard', hook.url)).status).toBe(403);
  for (const url of [
    'ftp://127.0.0.1/x',
    'http://example.org/hook',
    'https://10.0.0.7/hook',
    'https://u:p@example.org/',
  ]) {
    const refused = await subscribe(ioc, 'digital_economy', url);
    expect({ url, status: refused.status }).toEqual({ url, status: 400 });
  }
  expect((await subscribe(ioc, 'digital_economy', hook.url)).status).toBe(201);
  expect((await subscribe(ioc, 'digital_economy', hook.url)).status).toBe(409);
  const listed = await api.get('/v1/subscriptions', ioc);
  const { subscriptions } = (await listed.json()) as { subscriptions: Record<string, unknown>[] };
  expect(subscriptions.some((s) => s.dataset === 'digital_economy')).toBe(true);
  for (const s of subscriptions) expect(s).not.toHaveProperty('secret');
  expect(JSON.stringify(subscriptions)).not.toContain('whsec_');
});

test('the local watcher hands over each manifest written after it started, once, and none from before', async () => {
  const seen: string[] = [];
  const watcher = new VersionWatcher(new ManifestIndex(api.parts.store, 0), async (m) => {
    seen.push(m.manifestId);
  });
  await watcher.start(60_000);
  await watcher.poll();
  expect(seen).toEqual([]);
  const manifest = await api.ingestCorrection();
  await watcher.poll();
  await watcher.poll();
  await watcher.stop();
  expect(seen).toEqual([manifest.manifestId]);
});
