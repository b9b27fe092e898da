import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { getDataset, type DatasetContract } from '../../lambdas/core/contracts';
import type { FeedSpec, SourceSpec } from '../../lambdas/core/feeds';
import { transformNative } from '../../lambdas/core/ingest/transform-native';
import { nativeFileName } from '../../lambdas/core/samples/generate-native';
import {
  chunked,
  CLEAN,
  dirtArbitrary,
  extraColumnsOf,
  feedRows,
  IsolatedTransform,
  mutate,
  mutationArbitrary,
  NATIVE_FEEDS,
  nativeFeed,
  naturalKeyOf,
  parquetRowCount,
  PII_KEY,
  readStaged,
  writeDirty,
  type Dirt,
  type DrawnRow,
} from '../support/native-arbitraries';

/** Runs of each property: 1000 in CI, fewer locally so a run stays quick. */
const NUM_RUNS = process.env.CI ? 1000 : 100;
/** A test's budget: generous per run, for a loaded machine. */
const TIMEOUT_MS = 60_000 + NUM_RUNS * 250;
/** A transform of a small mutated file that takes longer than this is a hang. */
const HANG_MS = 15_000;

const LINEAGE = { ingestedAt: Date.UTC(2026, 0, 5), manifestId: 'native-properties' };

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vpdc-native-properties-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh folder for one test's files (each run overwrites the last: runs are sequential). */
function folder(name: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, 'staging'), { recursive: true });
  return path;
}

const byKey = (contract: DatasetContract, rows: Record<string, unknown>[]) => [...rows].sort((a, b) => naturalKeyOf(contract, a).localeCompare(naturalKeyOf(contract, b)));

/** What the reader is given, when a test gives it something else than the writer used (to show the property fails). */
interface Reading {
  feed?: FeedSpec;
  piiKey?: string;
}

/**
 * Rows drawn from the contract, written as the source writes them, dirtied, transformed and
 * read back from the staged Parquet: every row accepted, each equal to what was drawn.
 */
function roundTripProperty(spec: SourceSpec, feed: FeedSpec, path: string, reading: Reading = {}) {
  const contract = getDataset(feed.dataset);
  return fc.asyncProperty(feedRows(spec, feed), dirtArbitrary, async (drawn: DrawnRow[], dirt: Dirt) => {
    const bytes = await writeDirty(spec, feed, drawn.map((d) => d.row), dirt, join(path, nativeFileName(spec, feed)));
    // An all-ASCII file of a source that declares UTF-16 is decoded as UTF-16 today: the failing test below.
    fc.pre(!(spec.encoding.startsWith('utf-16') && bytes.every((b) => b < 0x80)));
    const result = await transformNative(chunked(bytes, dirt.splits), {
      contract,
      stagingDir: join(path, 'staging'),
      lineage: LINEAGE,
      spec,
      feed: reading.feed ?? feed,
      piiKey: reading.piiKey ?? PII_KEY,
      parquetEncoding: 'inline',
    });
    expect({ rowsIn: result.rowsIn, rowsAccepted: result.rowsAccepted, rowsRejected: result.rowsRejected, reasons: result.reasons }).toEqual({ rowsIn: drawn.length, rowsAccepted: drawn.length, rowsRejected: 0, reasons: {} });
    expect(result.extraColumns).toEqual(extraColumnsOf(spec, dirt));
    expect(byKey(contract, readStaged(contract, result.partitions))).toEqual(byKey(contract, drawn.map((d) => d.expected)));
  });
}

describe('every native feed reads back exactly the rows its source wrote, whatever the dirt', () => {
  test.each(NATIVE_FEEDS.map(({ spec, feed }) => [spec.id, feed.dataset, spec, feed] as const))(
    '%s %s: 1–20 contract rows, written natively, dirtied and re-encoded, are all accepted and equal in Parquet',
    async (sourceId, dataset, spec, feed) => {
      await fc.assert(roundTripProperty(spec, feed, folder(`${sourceId}-${dataset}`)), { numRuns: NUM_RUNS });
    },
    TIMEOUT_MS,
  );
});

describe('known bugs the properties found', () => {
  // Found by the statistics provincial_indicators property (shrunk): ASCII headers (diacritics
  // dropped) and an ASCII unit, saved as plain UTF-8. An ASCII sample takes the declared
  // encoding (native-records.ts decode()), here UTF-16LE, which no ASCII file can be.
  test.failing('an all-ASCII file from a source that declares UTF-16 is read as ASCII (today: decoded as UTF-16LE, missing_columns)', async () => {
    const { spec, feed } = nativeFeed('statistics', 'provincial_indicators');
    const file = 'MA CHI TIEU\tGIA TRI\tDON VI TINH\tKY\r\na_\t0,0000\tkinh\t07/2023\r\n';
    const result = await transformNative(Readable.from([Buffer.from(file)]), {
      contract: getDataset(feed.dataset),
      stagingDir: join(folder('ascii-utf16'), 'staging'),
      lineage: LINEAGE,
      spec,
      feed,
      parquetEncoding: 'inline',
    });
    expect(result).toMatchObject({ rowsIn: 1, rowsAccepted: 1, rowsRejected: 0 });
  });
});

describe('the round-trip property can fail', () => {
  const failsWith = async (reading: Reading, sourceId: string, dataset: string) => {
    const { spec, feed } = nativeFeed(sourceId, dataset);
    const outcome = await fc.check(roundTripProperty(spec, feed, folder(`broken-${sourceId}-${dataset}`), reading), { numRuns: 50, seed: 2030, endOnFailure: true });
    return outcome.failed;
  };

  test('a reader that maps two columns onto each other is caught', async () => {
    const { feed } = nativeFeed('viettel', 'telecom_subscribers');
    const swapped = { ...feed, columns: { ...feed.columns, mobile_prepaid: feed.columns.mobile_postpaid!, mobile_postpaid: feed.columns.mobile_prepaid! } };
    expect(await failsWith({ feed: swapped }, 'viettel', 'telecom_subscribers')).toBe(true);
  });

  test('a keyed hash under another key is caught', async () => {
    expect(await failsWith({ piiKey: 'another key' }, 'one-stop', 'admin_dossiers')).toBe(true);
  });

  test('a reader that takes another enum spelling for a value is caught', async () => {
    const { feed } = nativeFeed('mobifone', 'telecom_bts');
    const crossed = { ...feed, enums: { status: { on_air: ['Off air'], off_air: ['On air'], planned: ['Planned'] } } };
    expect(await failsWith({ feed: crossed }, 'mobifone', 'telecom_bts')).toBe(true);
  });
});

describe('byte mutations fail a file cleanly or count every row, and never hang', () => {
  const isolated = new IsolatedTransform(HANG_MS);
  afterAll(() => isolated.stop());

  test.each([
    ['viettel', 'telecom_bts'],
    ['statistics', 'population'],
    ['ca-providers', 'digital_signatures'],
    ['one-stop', 'admin_dossiers'],
    ['fpt', 'telecom_subscribers'],
    ['vnpt', 'telecom_subscribers'],
    ['police-eid', 'eid_accounts'],
    ['it-dept', 'information_systems'],
  ])(
    '%s %s: a mutated file throws only a FeedError; otherwise rowsIn = accepted + rejected = Parquet rows + rejected',
    async (sourceId, dataset) => {
      const { spec, feed } = nativeFeed(sourceId, dataset);
      const path = folder(`mutated-${sourceId}-${dataset}`);
      await fc.assert(
        fc.asyncProperty(feedRows(spec, feed, { maxRows: 4, maxPeriods: 2 }), fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 3 }), async (drawn, mutations, splits) => {
          const written = await writeDirty(spec, feed, drawn.map((d) => d.row), CLEAN, join(path, nativeFileName(spec, feed)));
          const outcome = await isolated.run({ source: sourceId, dataset, bytes: mutate(written, mutations), splits, stagingDir: join(path, 'staging') });
          if (!outcome.ok) {
            expect(outcome).toMatchObject({ feedError: true, name: 'FeedError' });
            return;
          }
          expect(outcome.rowsIn).toBe(outcome.rowsAccepted + outcome.rowsRejected);
          expect(outcome.partitions.reduce((sum, p) => sum + p.rows, 0)).toBe(outcome.rowsAccepted);
          expect(parquetRowCount(outcome.partitions.map((p) => p.path))).toBe(outcome.rowsAccepted);
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT_MS,
  );
});
