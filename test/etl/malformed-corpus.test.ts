import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDataset } from '../../lambdas/core/contracts';
import { feedOfFile, getSource } from '../../lambdas/core/feeds';
import { contractCheckReasons, FILE_ERRORS, ROW_REASONS, SKIP_REASONS } from '../../lambdas/core/feeds/reason-codes';
import type { FeedErrorCode } from '../../lambdas/core/feeds/feed-error';
import { ingestLocalFile } from '../../lambdas/core/ingest/ingest-local-file';
import { parseManifest, type Manifest } from '../../lambdas/core/ingest/manifest';
import { validateFile, type ValidationReport } from '../../lambdas/core/ingest/validate-file';
import { openStore } from '../../lambdas/core/lake/open-store';
import type { ObjectStore } from '../../lambdas/core/lake/object-store';
import { CORPUS_META_FILES, corpusFiles } from '../fixtures/malformed/make-corpus';
import { useTempDir } from '../support/temp-dir';

/**
 * The malformed-feed corpus (test/fixtures/malformed): each file is validated (`vpdc validate`)
 * and ingested into a fresh lake, and both must give the outcome expected.json reasons out
 * for it: a whole-file failure with its code, or the rows in, accepted and rejected, by
 * reason, line and column.
 */

interface Problem {
  line: number;
  column: string;
  reason: string;
}

interface Common {
  source: string;
  /** Only when the file name does not route the file. */
  dataset?: string;
  about: string;
  /** Text (a clear citizen ID) that must appear neither in the report nor in the lake outside raw/. */
  neverContains?: string[];
}

interface Fails extends Common {
  fails: FeedErrorCode;
  message?: string;
  line?: number;
}

interface Reads extends Common {
  rowsIn: number;
  rowsAccepted: number;
  rowsRejected: number;
  reasons: Record<string, number>;
  problems: Problem[];
  skipped?: Record<string, number>;
  extraColumns?: string[];
  encoding?: string;
  periods?: string[];
}

type Entry = Fails | Reads;

const CORPUS = join(__dirname, '..', 'fixtures', 'malformed');
const EXPECTED = (JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8')) as { files: Record<string, Entry> })
  .files;
const ENTRIES = Object.entries(EXPECTED);
const PII_KEY = 'test-key';
const RECEIVED = new Date('2026-01-05T03:00:00Z');

/** Every code a file, a row or a skipped record can carry, each with its documented meaning. */
const DOCUMENTED_CODES = new Set([
  ...Object.keys(FILE_ERRORS),
  ...Object.keys(ROW_REASONS),
  ...Object.keys(contractCheckReasons()),
  ...Object.keys(SKIP_REASONS),
]);
const observedCodes = new Set<string>();

const tempDir = useTempDir('vpdc-malformed-');

const isFailure = (entry: Entry): entry is Fails => 'fails' in entry;

function outcomeOf(entry: Entry): string {
  if (isFailure(entry)) return `fails ${entry.fails}`;
  const reasons = Object.entries({ ...entry.reasons, ...entry.skipped }).map(([code, n]) => `${code} ${n}`);
  return `${entry.rowsIn} in, ${entry.rowsAccepted} accepted, ${entry.rowsRejected} rejected${reasons.length ? ` (${reasons.join(', ')})` : ''}`;
}

async function validateAndIngest(
  file: string,
  entry: Entry,
): Promise<{ report: ValidationReport; manifest: Manifest; manifestKey: string; store: ObjectStore }> {
  const spec = getSource(entry.source);
  const feed = entry.dataset ? spec.feeds.find((f) => f.dataset === entry.dataset)! : feedOfFile(spec, file);
  const path = join(CORPUS, file);
  const report = await validateFile(path, spec, {
    piiKey: PII_KEY,
    ...(entry.dataset ? { dataset: entry.dataset } : {}),
  });
  const store = openStore(join(tempDir(), 'lake'));
  const { manifest, manifestKey } = await ingestLocalFile({
    store,
    path,
    contract: getDataset(feed.dataset),
    source: spec.id,
    feed,
    piiKey: PII_KEY,
    parquetEncoding: 'inline',
    now: () => RECEIVED,
  });
  return { report, manifest, manifestKey, store };
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

async function objects(store: ObjectStore, prefix: string): Promise<{ key: string; bytes: Uint8Array }[]> {
  return Promise.all((await store.list(prefix)).map(async ({ key }) => ({ key, bytes: await store.get(key) })));
}

async function quarantinedProblems(store: ObjectStore, manifest: Manifest): Promise<Problem[]> {
  const output = manifest.outputs.find((o) => o.kind === 'quarantine');
  if (!output) return [];
  const entries = text(await store.get(output.key))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { line: number; issues: Problem[] });
  return entries.flatMap((e) =>
    e.issues.map((issue) => ({ line: e.line, column: issue.column, reason: issue.reason })),
  );
}

function noteCodes(report: ValidationReport, manifest: Manifest): void {
  for (const code of [
    ...Object.keys(report.summary.reasons),
    ...Object.keys(report.summary.skipped),
    ...Object.keys(manifest.reasons),
    ...Object.keys(manifest.skipped ?? {}),
  ])
    observedCodes.add(code);
  for (const problem of report.problems) observedCodes.add(problem.reason);
  if (report.error) observedCodes.add(report.error.code);
  if (manifest.error) observedCodes.add(manifest.error.code);
}

describe('the malformed-feed corpus', () => {
  describe.each(ENTRIES)('%s', (file, entry) => {
    test(`${outcomeOf(entry)}: ${entry.about}`, async () => {
      // Prepare
      const raw = readFileSync(join(CORPUS, file));

      // Act
      const { report, manifest, manifestKey, store } = await validateAndIngest(file, entry);
      noteCodes(report, manifest);

      // Assess: both views agree with the expectation; the lake keeps the raw bytes and the manifest.
      expect(parseManifest(await store.get(manifestKey))).toEqual(manifest);
      expect(manifest.rowsIn).toBe(manifest.rowsAccepted + manifest.rowsRejected);
      expect(report.summary.rowsIn).toBe(report.summary.rowsAccepted + report.summary.rowsRejected);
      expect(Buffer.from(await store.get(manifest.rawKey)).equals(raw)).toBe(true);
      expect(manifest.rawKey.startsWith(`raw/${entry.source}/`)).toBe(true);

      if (isFailure(entry)) {
        const error = {
          code: entry.fails,
          ...(entry.message ? { message: expect.stringContaining(entry.message) } : {}),
          ...(entry.line !== undefined ? { line: entry.line } : {}),
        };
        expect(report.error).toMatchObject(error);
        expect(report.ok).toBe(false);
        expect(manifest).toMatchObject({
          status: 'failed',
          error,
          rowsIn: 0,
          rowsAccepted: 0,
          rowsRejected: 0,
          outputs: [],
        });
        expect(await store.list('curated/')).toEqual([]);
        expect(await store.list('quarantine/')).toEqual([]);
      } else {
        const counts = {
          rowsIn: entry.rowsIn,
          rowsAccepted: entry.rowsAccepted,
          rowsRejected: entry.rowsRejected,
          reasons: entry.reasons,
        };
        expect(report.error).toBeUndefined();
        expect(report.summary).toEqual({ ...counts, skipped: entry.skipped ?? {} });
        expect(report.problems.map(({ line, column, reason }) => ({ line, column, reason }))).toEqual(entry.problems);
        expect(report.extraColumns).toEqual(entry.extraColumns ?? []);
        expect(report.ok).toBe(entry.rowsRejected === 0);

        expect(manifest).toMatchObject({ status: 'succeeded', ...counts, extraColumns: entry.extraColumns ?? [] });
        expect(manifest.error).toBeUndefined();
        expect(manifest.skipped ?? {}).toEqual(entry.skipped ?? {});
        const curatedRows = manifest.outputs.filter((o) => o.kind === 'curated').reduce((sum, o) => sum + o.rows, 0);
        expect(curatedRows).toBe(entry.rowsAccepted);
        expect(await quarantinedProblems(store, manifest)).toEqual(entry.problems);
        if (entry.periods) expect([...manifest.periods].sort()).toEqual(entry.periods);
        if (entry.encoding) {
          expect(report.encoding).toBe(entry.encoding);
          expect(manifest.encoding).toBe(entry.encoding);
        }
      }

      for (const secret of entry.neverContains ?? []) {
        expect(JSON.stringify(report)).not.toContain(secret);
        for (const object of [
          ...(await objects(store, 'curated/')),
          ...(await objects(store, 'quarantine/')),
          ...(await objects(store, 'manifests/')),
        ]) {
          expect({ key: object.key, holdsSecret: Buffer.from(object.bytes).includes(secret) }).toEqual({
            key: object.key,
            holdsSecret: false,
          });
        }
      }
    });
  });

  test('has at least 36 entries, and every file in the folder is in expected.json and the other way round', () => {
    // Prepare
    const onDisk = readdirSync(CORPUS)
      .filter((name) => !CORPUS_META_FILES.includes(name))
      .sort();

    // Act
    const listed = Object.keys(EXPECTED).sort();

    // Assess
    expect(listed.length).toBeGreaterThanOrEqual(36);
    expect(onDisk).toEqual(listed);
  });

  test('every file is still exactly what make-corpus.ts writes', () => {
    // Prepare
    const generated = corpusFiles();

    // Act
    const differing = Object.entries(generated).filter(
      ([name, bytes]) => !readFileSync(join(CORPUS, name)).equals(Buffer.from(bytes)),
    );

    // Assess
    expect(Object.keys(generated).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(differing.map(([name]) => name)).toEqual([]);
  });

  test('every expectation names documented codes, and each is either a failure or row counts', () => {
    // Prepare
    const fileErrors = new Set(Object.keys(FILE_ERRORS));

    // Act
    const codes = ENTRIES.flatMap(([, entry]) =>
      isFailure(entry)
        ? [entry.fails]
        : [...Object.keys(entry.reasons), ...Object.keys(entry.skipped ?? {}), ...entry.problems.map((p) => p.reason)],
    );

    // Assess
    expect(codes.filter((code) => !DOCUMENTED_CODES.has(code))).toEqual([]);
    for (const [file, entry] of ENTRIES) {
      if (isFailure(entry)) expect({ file, known: fileErrors.has(entry.fails) }).toEqual({ file, known: true });
      else
        expect({
          file,
          sum: entry.rowsAccepted + entry.rowsRejected,
          rejectedByReason: Object.values(entry.reasons).reduce((a, b) => a + b, 0),
        }).toEqual({ file, sum: entry.rowsIn, rejectedByReason: entry.rowsRejected });
    }
  });

  test('every code the corpus actually produced is documented', () => {
    // Prepare: the entries above ran first (jest runs a file's tests in order) and noted their codes.

    // Act
    const undocumented = [...observedCodes].filter((code) => !DOCUMENTED_CODES.has(code));

    // Assess
    expect(observedCodes.size).toBeGreaterThan(0);
    expect(undocumented).toEqual([]);
  });
});
