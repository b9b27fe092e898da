import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDataset } from '../../lambdas/core/contracts';
import { getSource, SOURCE_IDS, SOURCES } from '../../lambdas/core/feeds';
import { ingestLocalFile } from '../../lambdas/core/ingest/ingest-local-file';
import { parseManifest, type Manifest } from '../../lambdas/core/ingest/manifest';
import { FolderStore } from '../../lambdas/core/lake/folder-store';
import { feedsHealth, type FeedHealth, type FeedsHealth } from '../../lambdas/core/sharing/feed-health';
import { parseGrantsFile } from '../../lambdas/core/sharing/grants-file';
import type { ManifestSummary } from '../../lambdas/core/sharing/manifest-index';
import { apiFixture, TEST_GRANTS, type ApiFixture } from './support';

// The lake is fed by every source's native files (so several sources have manifests and some
// have none), then one canonical file with bad rows, which gives the canonical feed rejects.
let api: ApiFixture;
let bad: Manifest;
beforeAll(async () => {
  api = await apiFixture({ native: true });
  const path = join(api.root, 'information_systems_bad.csv');
  writeFileSync(
    path,
    `${[
      'system_id,system_name,owner_agency,security_level,level_approved,approved_on,lgsp_connected,serves_public,period',
      'SYS-OK,Hệ thống một cửa,SKHCN,3,true,2025-06-01,true,true,2025-12',
      'SYS-NODATE,Hệ thống không ngày,SKHCN,3,true,,true,true,2025-12',
      'SYS-LEVEL9,Hệ thống cấp 9,SKHCN,9,false,,false,false,2025-12',
      'SYS-LEVELX,Hệ thống cấp x,SKHCN,x,false,,false,false,2025-12',
    ].join('\n')}\n`,
  );
  ({ manifest: bad } = await ingestLocalFile({
    store: new FolderStore(api.lakeDir),
    path,
    contract: getDataset('information_systems'),
    source: 'canonical',
  }));
}, 180_000);
afterAll(() => api.close());

const HEALTH = ['feeds:health'];

/** What the lake's manifest files say, per source: the newest manifest of each dataset. */
function latestInLake(): Map<string, Manifest[]> {
  const bySource = new Map<string, Manifest[]>();
  for (const source of readdirSync(join(api.lakeDir, 'manifests'))) {
    const all = readdirSync(join(api.lakeDir, 'manifests', source)).map((f) =>
      parseManifest(readFileSync(join(api.lakeDir, 'manifests', source, f))),
    );
    const newest = new Map<string, Manifest>();
    for (const m of all) if ((newest.get(m.dataset)?.finishedAt ?? '') < m.finishedAt) newest.set(m.dataset, m);
    bySource.set(source, [...newest.values()]);
  }
  return bySource;
}

async function health(): Promise<FeedsHealth> {
  const response = await api.get('/v1/feeds', await api.token('ioc', { scopes: HEALTH }));
  expect(response.status).toBe(200);
  return (await response.json()) as FeedsHealth;
}

async function refused(response: Response, status: number): Promise<Record<string, unknown>> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status, instance: response.headers.get('x-request-id') });
  const entry = (await api.audit()).find((e) => e.requestId === body.instance);
  expect(entry).toMatchObject({
    route: '/v1/feeds',
    method: 'GET',
    status,
    rows: null,
    problem: status === 401 ? 'unauthorized' : 'forbidden',
  });
  return body;
}

describe('GET /v1/feeds', () => {
  test('ioc gets every source that sent a file, in the order of the source specs, with the sums of its newest manifest per dataset', async () => {
    const body = await health();
    const lake = latestInLake();
    expect(lake.size).toBeGreaterThan(3);
    expect(body.asOf).toBe('2026-11-27T08:00:00.000Z');
    const received = body.feeds.filter((f) => f.lastFeedAt !== null);
    expect(received.map((f) => f.source).sort()).toEqual([...lake.keys()].sort());
    expect(body.feeds.map((f) => f.source)).toEqual(SOURCE_IDS.filter((id) => body.feeds.some((f) => f.source === id)));
    for (const feed of received) {
      const manifests = lake.get(feed.source)!;
      const reasons: Record<string, number> = {};
      for (const m of manifests)
        for (const [code, n] of Object.entries(m.reasons)) reasons[code] = (reasons[code] ?? 0) + n;
      expect({
        source: feed.source,
        rowsIn: feed.rowsIn,
        rowsAccepted: feed.rowsAccepted,
        rowsRejected: feed.rowsRejected,
        reasons: feed.reasons,
      }).toEqual({
        source: feed.source,
        rowsIn: manifests.reduce((s, m) => s + m.rowsIn, 0),
        rowsAccepted: manifests.reduce((s, m) => s + m.rowsAccepted, 0),
        rowsRejected: manifests.reduce((s, m) => s + m.rowsRejected, 0),
        reasons,
      });
      expect(feed.latest.map((m) => m.manifestId).sort()).toEqual(manifests.map((m) => m.manifestId).sort());
      expect(feed.latest.map((m) => m.finishedAt)).toEqual(
        feed.latest
          .map((m) => m.finishedAt)
          .sort()
          .reverse(),
      );
      expect(feed.rowsIn).toBeGreaterThan(0);
    }
  });

  test('a feed that sent its files within its cadence is not late; its due date is the last file plus every and grace days', async () => {
    const { feeds } = await health();
    expect(feeds.filter((f) => f.lastFeedAt !== null && f.late).map((f) => f.source)).toEqual([]);
    const feed = feeds.find((f) => f.source === 'one-stop')!;
    const { everyDays, graceDays } = getSource('one-stop').cadence;
    expect(feed).toMatchObject({
      name: getSource('one-stop').name,
      format: getSource('one-stop').format,
      datasets: ['admin_dossiers'],
      cadence: { everyDays, graceDays },
      late: false,
    });
    expect(Date.parse(feed.dueBy!) - Date.parse(feed.lastFeedAt!)).toBe((everyDays + graceDays) * 86_400_000);
  });

  test('a source that never sent a file is late, with no last file, no due date and no rows', async () => {
    const body = await health();
    const never = SOURCES.filter((s) => s.id !== 'canonical' && !latestInLake().has(s.id));
    expect(never.length).toBeGreaterThan(0);
    for (const source of never) {
      expect(body.feeds.find((f) => f.source === source.id)).toEqual({
        source: source.id,
        name: source.name,
        format: source.format,
        datasets: [...source.datasets],
        cadence: source.cadence,
        lastFeedAt: null,
        dueBy: null,
        late: true,
        rowsIn: 0,
        rowsAccepted: 0,
        rowsRejected: 0,
        reasons: {},
        latest: [],
      });
    }
  });

  test('a file with rejected rows shows them and their reason codes on its feed (the canonical feed, listed once it received one)', async () => {
    expect(bad).toMatchObject({ rowsIn: 4, rowsAccepted: 1, rowsRejected: 3 });
    expect(Object.keys(bad.reasons)).toEqual(expect.arrayContaining(['approved_without_date', 'out_of_range']));
    const canonical = (await health()).feeds.find((f) => f.source === 'canonical')!;
    expect(canonical).toMatchObject({
      lastFeedAt: bad.finishedAt,
      rowsIn: 4,
      rowsAccepted: 1,
      rowsRejected: 3,
      reasons: bad.reasons,
      late: false,
    });
    expect(canonical.latest).toEqual([
      {
        manifestId: bad.manifestId,
        dataset: 'information_systems',
        source: 'canonical',
        status: 'succeeded',
        rowsIn: 4,
        rowsAccepted: 1,
        rowsRejected: 3,
        reasons: bad.reasons,
        rowsByPeriod: { [bad.outputs.find((o) => o.kind === 'curated')!.period!]: 1 },
        finishedAt: bad.finishedAt,
        rawKey: bad.rawKey,
      },
    ]);
  });

  test('is in the OpenAPI document with its response schema', async () => {
    const doc = (await (await api.get('/openapi.json')).json()) as {
      paths: Record<string, { get?: { summary: string; responses: Record<string, unknown> } }>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(doc.paths['/v1/feeds']?.get?.summary).toBe(
      "Every feed's health: last files, accepted and rejected rows, reject reasons, late or not",
    );
    expect(Object.keys(doc.components.schemas.FeedHealth?.properties ?? {})).toEqual([
      'source',
      'name',
      'format',
      'datasets',
      'cadence',
      'lastFeedAt',
      'dueBy',
      'late',
      'rowsIn',
      'rowsAccepted',
      'rowsRejected',
      'reasons',
      'latest',
    ]);
    expect(doc.components.schemas.ManifestSummary).toBeDefined();
  });
});

describe('GET /v1/feeds refuses, and audits the refusal', () => {
  test('a token without the feeds:health scope: 403', async () => {
    const body = await refused(
      await api.get('/v1/feeds', await api.token('ioc', { scopes: ['datasets:read', 'feeds:vnpt'] })),
      403,
    );
    expect(body.detail).toBe('the token lacks the scope feeds:health');
  });

  test('an agency whose grants do not say feedHealth, even with the scope: 403', async () => {
    const body = await refused(await api.get('/v1/feeds', await api.token('so-khcn', { scopes: HEALTH })), 403);
    expect(body.detail).toBe('feed health is not granted to so-khcn');
    const entry = (await api.audit()).find((e) => e.requestId === body.instance);
    expect(entry?.agency).toBe('so-khcn');
  });

  test('no token: 401', async () => {
    await refused(await api.get('/v1/feeds'), 401);
  });
});

describe('feedsHealth', () => {
  const NOW = new Date('2026-03-01T00:00:00Z');
  const manifest = (
    source: string,
    dataset: string,
    finishedAt: string,
    counts: Partial<ManifestSummary> = {},
  ): ManifestSummary => ({
    manifestId: `${source}-${dataset}-${finishedAt}`,
    dataset,
    source,
    status: 'succeeded',
    rowsIn: 10,
    rowsAccepted: 10,
    rowsRejected: 0,
    reasons: {},
    rowsByPeriod: {},
    finishedAt,
    rawKey: `raw/${source}/${dataset}.csv`,
    ...counts,
  });
  const index = (manifests: ManifestSummary[]) => ({
    bySource: async (source: string) =>
      manifests.filter((m) => m.source === source).sort((a, b) => b.finishedAt.localeCompare(a.finishedAt)),
  });
  const feedOf = async (manifests: ManifestSummary[], source: string): Promise<FeedHealth | undefined> =>
    (await feedsHealth(index(manifests), NOW)).feeds.find((f) => f.source === source);

  test('late once now is past the last file plus every and grace days, not before', async () => {
    const { everyDays, graceDays } = getSource('viettel').cadence;
    const at = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
    expect(await feedOf([manifest('viettel', 'telecom_bts', at(everyDays + graceDays))], 'viettel')).toMatchObject({
      late: false,
      dueBy: NOW.toISOString(),
    });
    expect(
      await feedOf([manifest('viettel', 'telecom_bts', at(everyDays + graceDays + 0.001))], 'viettel'),
    ).toMatchObject({ late: true });
  });

  test('counts only the newest file of each dataset, newest first, and adds up their reasons', async () => {
    const feed = (await feedOf(
      [
        manifest('viettel', 'telecom_bts', '2026-02-01T00:00:00.000Z', {
          rowsIn: 99,
          rowsAccepted: 0,
          rowsRejected: 99,
          reasons: { invalid_date: 99 },
        }),
        manifest('viettel', 'telecom_bts', '2026-02-20T00:00:00.000Z', {
          rowsIn: 10,
          rowsAccepted: 8,
          rowsRejected: 2,
          reasons: { unknown_ward: 2 },
        }),
        manifest('viettel', 'telecom_subscribers', '2026-02-25T00:00:00.000Z', {
          rowsIn: 5,
          rowsAccepted: 4,
          rowsRejected: 1,
          reasons: { unknown_ward: 1 },
        }),
        manifest('vnpt', 'telecom_bts', '2026-02-28T00:00:00.000Z', { rowsIn: 7, rowsAccepted: 7 }),
      ],
      'viettel',
    ))!;
    expect(feed).toMatchObject({
      lastFeedAt: '2026-02-25T00:00:00.000Z',
      rowsIn: 15,
      rowsAccepted: 12,
      rowsRejected: 3,
      reasons: { unknown_ward: 3 },
    });
    expect(feed.latest.map((m) => `${m.dataset} ${m.finishedAt.slice(0, 10)}`)).toEqual([
      'telecom_subscribers 2026-02-25',
      'telecom_bts 2026-02-20',
    ]);
  });

  test('leaves out the canonical uploads until they receive a file', async () => {
    expect((await feedsHealth(index([]), NOW)).feeds.map((f) => f.source)).toEqual(
      SOURCE_IDS.filter((id) => id !== 'canonical'),
    );
    expect(
      (await feedsHealth(index([manifest('canonical', 'population', '2026-02-01T00:00:00.000Z')]), NOW)).feeds.map(
        (f) => f.source,
      ),
    ).toEqual(SOURCE_IDS);
  });

  test('no feed may be called "health": feeds:health is the feed-health scope, not a feed', () => {
    expect(SOURCE_IDS).not.toContain('health');
    expect(() =>
      parseGrantsFile({
        ...TEST_GRANTS,
        agencies: [{ id: 'odd', name: 'An odd producer', feeds: ['health'], datasets: [] }],
      }),
    ).toThrow('feeds:health is the feed-health scope');
  });
});
