import { writeFileSync, utimesSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCES } from '../../lambdas/core/feeds';
import { feedFreshness } from '../../lambdas/core/feeds/feed-freshness';
import { FeedError } from '../../lambdas/core/feeds/feed-error';
import { routeRawKey } from '../../lambdas/core/ingest/ingest-raw-object';
import { FolderStore } from '../../lambdas/core/lake/folder-store';
import { InvalidKeyError } from '../../lambdas/core/lake/object-store';
import { ZonedStore } from '../../lambdas/core/lake/zoned-store';
import { orderViews, ViewOrderError } from '../../lambdas/core/sql/view-files';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

describe('routing a raw object by its key', () => {
  test('takes the source from the key and the dataset from the start of the file name, longest name first', () => {
    expect(routeRawKey('raw/canonical/2026/11/27/telecom_subscribers_2025-12.csv').contract.name).toBe(
      'telecom_subscribers',
    );
    expect(routeRawKey('raw/canonical/2026/11/27/admin_dossiers.csv')).toMatchObject({
      source: { id: 'canonical' },
      contract: { name: 'admin_dossiers' },
    });
  });

  test.each([
    ['raw/viettel-2/2026/11/27/telecom_bts.csv', 'unknown_source', 'unknown source "viettel-2"'],
    ['raw/canonical/telecom_bts.csv', 'unknown_source', 'is not a raw feed key'],
    [
      'raw/canonical/2026/11/27/report.csv',
      'unknown_dataset',
      'the file name "report.csv" names none of canonical\'s datasets',
    ],
    ['raw/canonical/2026/11/27/telecom_btsx.csv', 'unknown_dataset', 'names none'],
  ])('%s fails with %s', (key, code, message) => {
    const attempt = () => routeRawKey(key);
    expect(attempt).toThrow(FeedError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as FeedError).code).toBe(code);
    }
  });
});

describe('ZonedStore', () => {
  test('keeps each zone in its own store under the same keys, and lists across zones', async () => {
    const raw = new FolderStore(join(tempDir(), 'raw'));
    const curated = new FolderStore(join(tempDir(), 'curated'));
    const lake = new ZonedStore({ raw, curated, manifests: curated });
    await lake.put('raw/s/2026/01/01/a.csv', 'a');
    await lake.put('curated/d/x.parquet', 'x');
    await lake.put('manifests/s/m.json', '{}');
    expect(await raw.exists('raw/s/2026/01/01/a.csv')).toBe(true);
    expect(await curated.exists('manifests/s/m.json')).toBe(true);
    expect(await raw.exists('curated/d/x.parquet')).toBe(false);
    expect((await lake.list('')).map((o) => o.key)).toEqual([
      'curated/d/x.parquet',
      'manifests/s/m.json',
      'raw/s/2026/01/01/a.csv',
    ]);
    expect((await lake.list('manifests/')).map((o) => o.key)).toEqual(['manifests/s/m.json']);
    await expect(lake.put('quarantine/s/q.jsonl', '')).rejects.toThrow(InvalidKeyError);
  });
});

describe('feed freshness', () => {
  test('days since each source last sent a file, late past cadence plus grace or when never fed', async () => {
    const lakeDir = join(tempDir(), 'lake');
    const [canonical] = SOURCES;
    const now = new Date('2026-11-27T00:00:00Z');
    expect(await feedFreshness(new FolderStore(lakeDir), [SOURCES[0]!], now)).toEqual([
      { source: canonical!.id, lastFeedAt: null, daysSinceLastFeed: null, late: true },
    ]);
    mkdirSync(join(lakeDir, 'manifests', canonical!.id), { recursive: true });
    const file = join(lakeDir, 'manifests', canonical!.id, 'm.json');
    writeFileSync(file, '{}');
    const tenDaysAgo = new Date(now.getTime() - 10 * 86_400_000);
    utimesSync(file, tenDaysAgo, tenDaysAgo);
    expect(await feedFreshness(new FolderStore(lakeDir), [SOURCES[0]!], now)).toEqual([
      { source: canonical!.id, lastFeedAt: tenDaysAgo, daysSinceLastFeed: 10, late: false },
    ]);
    const limit = canonical!.cadence.everyDays + canonical!.cadence.graceDays;
    const [late] = await feedFreshness(
      new FolderStore(lakeDir),
      [SOURCES[0]!],
      new Date(tenDaysAgo.getTime() + (limit + 1) * 86_400_000),
    );
    expect(late!.late).toBe(true);
  });
});

describe('view order', () => {
  const view = (name: string, layer: 'staging' | 'marts', sql: string) => ({ name, layer, sql });

  test('puts staging first and each mart after the views it reads', () => {
    const ordered = orderViews([
      view('a', 'marts', 'select * from b join stg_x'),
      view('b', 'marts', 'select * from stg_x'),
      view('stg_x', 'staging', 'select 1 from t'),
    ]);
    expect(ordered.map((v) => v.name)).toEqual(['stg_x', 'b', 'a']);
  });

  test('names a cycle, and a staging view that reads a mart', () => {
    expect(() => orderViews([view('a', 'marts', 'from b'), view('b', 'marts', 'from a')])).toThrow(
      new ViewOrderError('views read each other in a cycle: a → b → a'),
    );
    expect(() => orderViews([view('stg_x', 'staging', 'from m'), view('m', 'marts', 'select 1')])).toThrow(
      'staging view stg_x reads marts view m',
    );
  });
});
