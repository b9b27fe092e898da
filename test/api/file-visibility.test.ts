import { join } from 'node:path';
import { getDataset } from '../../lambdas/core/contracts';
import type { Manifest } from '../../lambdas/core/ingest/manifest';
import { ingestLocalFile } from '../../lambdas/core/ingest/ingest-local-file';
import { notifySubscribers } from '../../lambdas/core/sharing/subscriptions/notify-subscribers';
import { ManifestIndex, manifestSummary } from '../../lambdas/core/sharing/manifest-index';
import { apiFixture, type ApiFixture } from './support';

// A grant of part of the rows (VNPT: its own rows of the market, its own feed's quality) learns
// nothing of the files other producers sent: not their names or counts, and not that they came.

let api: ApiFixture;
let vnpt: string;
let ioc: string;
const sent: Record<string, Manifest> = {};
const office = (name: string) => join(__dirname, '..', 'fixtures', 'office', name);

beforeAll(async () => {
  api = await apiFixture();
  vnpt = await api.token('vnpt');
  ioc = await api.token('ioc');
  // Each carrier's own file as it sends it: VNPT's stations, Viettel's subscribers.
  for (const [source, file, dataset] of [
    ['vnpt', 'vnpt_tram.xlsx', 'telecom_bts'],
    ['viettel', 'viettel_thue_bao.csv', 'telecom_subscribers'],
  ] as const) {
    const { manifest } = await ingestLocalFile({
      store: api.parts.store,
      path: office(file),
      contract: getDataset(dataset),
      source,
    });
    expect(manifest.status).toBe('succeeded');
    sent[source] = manifest;
  }
}, 180_000);
afterAll(() => api.close());

interface Versions {
  versions: { source: string; manifestId: string; file?: string; rowsByPeriod?: unknown }[];
}
const versionsOf = async (dataset: string, token: string) => {
  const response = await api.get(`/v1/datasets/${dataset}/versions?limit=1000`, token);
  expect(response.status).toBe(200);
  return ((await response.json()) as Versions).versions;
};

test('a row filter on source: only the files of the granted sources, without names or counts', async () => {
  const own = await versionsOf('feed_quality_history', vnpt);
  expect(own.map((v) => v.manifestId)).toEqual([sent.vnpt!.manifestId]);
  for (const version of own) {
    expect(version).not.toHaveProperty('file');
    expect(version).not.toHaveProperty('rowsByPeriod');
  }
  // The whole grant sees every file, Viettel's and the operators' loads included, with names.
  const whole = await versionsOf('feed_quality_history', ioc);
  expect(new Set(whole.map((v) => v.source))).toEqual(new Set(['canonical', 'vnpt', 'viettel']));
  expect(whole[0]).toHaveProperty('file');
});

test('a row filter on an owner column (carrier): not a rival carrier’s files; the operators’ loads, which may hold any row, stay', async () => {
  const own = await versionsOf('mobile_market_by_carrier', vnpt);
  const whole = await versionsOf('mobile_market_by_carrier', ioc);
  expect(whole.map((v) => v.manifestId)).toContain(sent.viettel!.manifestId);
  expect(own.map((v) => v.manifestId)).not.toContain(sent.viettel!.manifestId);
  expect(own.map((v) => v.manifestId)).toEqual(whole.filter((v) => v.source === 'canonical').map((v) => v.manifestId));
});

test('the catalog’s freshness of a filtered grant is its own newest file, not a rival’s', async () => {
  const catalog = async (token: string) => {
    const response = await api.get('/v1/datasets', token);
    const { datasets } = (await response.json()) as { datasets: { id: string; freshness: string | null }[] };
    return datasets.find((d) => d.id === 'feed_quality_history')!.freshness;
  };
  // Viettel's file came last: the whole grant sees it, VNPT sees its own.
  expect(await catalog(ioc)).toBe(sent.viettel!.finishedAt);
  expect(await catalog(vnpt)).toBe(sent.vnpt!.finishedAt);
});

test('a subscriber with a filtered grant hears of its own files only', async () => {
  const subscription = (agency: string) => ({
    id: `sub-${agency}`,
    agency,
    dataset: 'feed_quality_history',
    url: `https://${agency}.example/hook`,
    secret: 'whsec_test',
    createdAt: '2026-11-27T08:00:00Z',
  });
  const deps = {
    served: api.parts.served,
    grants: api.parts.grants,
    manifests: new ManifestIndex(api.parts.store, 0),
    subscriptions: { list: async () => [subscription('vnpt'), subscription('ioc')] },
    // Nothing leaves the machine: every receiver answers 200.
    delivery: {
      store: api.parts.store,
      audit: api.parts.auditLog,
      fetch: async () => new Response(null, { status: 200 }),
    },
  };
  for (const source of ['viettel', 'vnpt'] as const) {
    const notified = await notifySubscribers(manifestSummary(sent[source]!), deps as never);
    expect({ source, notified: notified.map((n) => n.subscription).sort() }).toEqual({
      source,
      notified: source === 'vnpt' ? ['sub-ioc', 'sub-vnpt'] : ['sub-ioc'],
    });
  }
});
