import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { DuckDBInstance } from '@duckdb/node-api';
import { type DatasetContract, getDataset } from '../../lambdas/core/contracts';
import { getSource } from '../../lambdas/core/feeds';
import { chooseFeed } from '../../lambdas/core/ingest/choose-feed';
import { FeedError } from '../../lambdas/core/feeds/feed-error';
import type { StagedPart } from '../../lambdas/core/ingest/partitioned-output';
import { transformFeed } from '../../lambdas/core/ingest/transform-feed';
import { validateFile } from '../../lambdas/core/ingest/validate-file';
import { useTempDir } from '../support/temp-dir';

// Files as real office programs save them (LibreOffice, gnumeric, openpyxl, xlwt; an HTML "Excel"
// export by hand), each read as the ETL reads it and checked in the Parquet it stages, with DuckDB,
// against the rows of the file its source really sends. The fixtures and the table of what each
// must ingest to are in test/fixtures/office (make-office-fixtures.sh, cases.json).
const OFFICE = join(__dirname, '..', 'fixtures', 'office');
const dir = useTempDir();

interface OfficeCase {
  file: string;
  source: string;
  dataset: string;
  /** What the file is, as make-office-fixtures made it: `csv` for any text (CSV, Unicode Text), else the workbook's container. */
  format: string;
  /** The sheet the table is on, in a workbook of several. */
  sheet?: string;
  /** A text file's field separator, as its writer was told it. */
  delimiter?: string;
  note: string;
  /** The file the source really sends: it must ingest whole, to `rows` rows. */
  original?: boolean;
  rows?: number;
  /** Must stage exactly the rows of this original. */
  sameRowsAs?: string;
  /** Must fail whole with this FeedError. */
  fails?: { code: string | null; says: string[] };
  /** Rows that are not data, by reason. */
  skipped?: Record<string, number>;
}

const CASES: OfficeCase[] = JSON.parse(readFileSync(join(OFFICE, 'cases.json'), 'utf8'));

interface Ingested {
  rows: string[];
  rejected: number;
  reasons: Record<string, number>;
  skipped: Record<string, number>;
}

async function ingest(entry: OfficeCase): Promise<Ingested> {
  const spec = getSource(entry.source);
  // The dataset comes from the file's name as the upload path decides it, or from its header when the name says none.
  const bytes = readFileSync(join(OFFICE, entry.file));
  const feed = await chooseFeed(spec, basename(entry.file), () => Readable.from([bytes]));
  expect(feed.dataset).toBe(entry.dataset);
  const contract = getDataset(feed.dataset);
  const transformed = await transformFeed(Readable.from([bytes]), {
    contract,
    stagingDir: dir(),
    lineage: { ingestedAt: 0, manifestId: 'office' },
    spec,
    feed,
    piiKey: 'office-key',
    parquetEncoding: 'inline',
  });
  return {
    rows: await stagedRows(contract, transformed.partitions),
    rejected: transformed.rowsRejected,
    reasons: transformed.reasons,
    skipped: transformed.skipped,
  };
}

/** Every contract column and the period of every staged row, ordered by the natural key, as JSON. */
async function stagedRows(contract: DatasetContract, partitions: StagedPart[]): Promise<string[]> {
  if (partitions.length === 0) return [];
  const columns = contract.columns.map((c) => `"${c.name}"`).join(', ');
  const union = partitions
    .map((p) => `select '${p.period}' as period, ${columns} from read_parquet('${p.path}')`)
    .join(' union all ');
  const order = contract.naturalKey.map((k) => `"${k}"`).join(', ');
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  try {
    const result = await connection.runAndReadAll(`select * from (${union}) order by ${order}`);
    return result.getRowObjectsJson().map((row) => JSON.stringify(row));
  } finally {
    connection.closeSync();
  }
}

const originals = new Map<string, Promise<Ingested>>();
function originalOf(file: string): Promise<Ingested> {
  const entry = CASES.find((c) => c.file === file && c.original);
  if (!entry) throw new Error(`cases.json has no original ${file}`);
  let ingested = originals.get(file);
  if (!ingested) originals.set(file, (ingested = ingest(entry)));
  return ingested;
}

/** A blank line or row between the table and what follows is not a question of these cases. */
function skippedRows(skipped: Record<string, number>): Record<string, number> {
  const { blank_record: _blank, ...rest } = skipped;
  return rest;
}

test('every fixture is small and every case names a file, an original or a failure', () => {
  for (const entry of CASES) {
    expect(statSync(join(OFFICE, entry.file)).size).toBeLessThan(30 * 1024);
    expect([entry.original, entry.sameRowsAs, entry.fails].filter(Boolean)).toHaveLength(1);
    if (entry.sameRowsAs) expect(CASES.some((c) => c.original && c.file === entry.sameRowsAs)).toBe(true);
  }
});

describe.each(CASES.map((c) => [c.file, c] as const))('%s', (_file, entry) => {
  const facts = [
    entry.format,
    entry.sheet && `sheet '${entry.sheet}'`,
    entry.delimiter && `delimiter ${JSON.stringify(entry.delimiter)}`,
  ];
  test(`vpdc validate reports ${facts.filter(Boolean).join(', ')}`, async () => {
    const report = await validateFile(join(OFFICE, entry.file), getSource(entry.source), { piiKey: 'office-key' });
    expect(report.dataset).toBe(entry.dataset);
    expect(report.format).toBe(entry.format);
    expect(report.delimiter).toBe(entry.delimiter);
    if (entry.sheet !== undefined) expect(report.sheet).toBe(entry.sheet);
  });

  if (entry.original) {
    test(`is an original: ${entry.rows} rows, none rejected`, async () => {
      const ingested = await originalOf(entry.file);
      expect({ rejected: ingested.rejected, reasons: ingested.reasons }).toEqual({ rejected: 0, reasons: {} });
      expect(ingested.rows).toHaveLength(entry.rows!);
      expect(skippedRows(ingested.skipped)).toEqual(entry.skipped ?? {});
    });
  } else if (entry.sameRowsAs) {
    const original = entry.sameRowsAs;
    test(`stages the rows of ${original}`, async () => {
      const expected = await originalOf(original);
      const ingested = await ingest(entry);
      expect({ rejected: ingested.rejected, reasons: ingested.reasons }).toEqual({ rejected: 0, reasons: {} });
      expect(ingested.rows).toEqual(expected.rows);
      expect(skippedRows(ingested.skipped)).toEqual(entry.skipped ?? {});
    });
  } else if (entry.fails) {
    const fails = entry.fails;
    test(`fails whole${fails.code ? ` (${fails.code})` : ''}, saying ${fails.says.join(', ')}`, async () => {
      const outcome = await ingest(entry).then(
        (ingested) => `accepted ${ingested.rows.length} rows and rejected ${ingested.rejected}`,
        (error: unknown) => error,
      );
      expect(outcome).toBeInstanceOf(FeedError);
      const error = outcome as FeedError;
      if (fails.code) expect(error.code).toBe(fails.code);
      for (const word of fails.says) expect(error.message.toLowerCase()).toContain(word.toLowerCase());
    });
  }
});
