import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { getDataset } from '../contracts';
import type { SourceSpec } from '../feeds/source-spec';
import { FeedError } from '../feeds/feed-error';
import { newFileFacts } from '../feeds/readers/read-feed';
import type { RowIssue } from './row-checks';
import { chooseFeed } from './choose-feed';
import { transformFeed } from './transform-feed';
import { QUARANTINE_FILE } from './transform-records';

export interface ValidationProblem extends RowIssue {
  line: number;
}

export interface ValidationReport {
  file: string;
  source: string;
  dataset?: string;
  /** What the file turned out to be (`csv`, `xlsx`, `xls`, `ods`, `html`…), or what a refused one is (`a PDF document`). */
  format: string;
  /** The format the source declares, when the file is another. */
  declaredFormat?: string;
  /** A CSV file's delimiter. */
  delimiter?: string;
  /** A workbook's sheet whose table was read, and its visible sheets. */
  sheet?: string;
  sheets?: string[];
  encoding?: string;
  /** How the encoding was told: `bom`, `nul_pattern`, `valid_utf8`, `mostly_utf8`, `vietnamese_score`, `declared`, `xlsx`. */
  evidence?: string;
  /** Contract column → the file's header (native files). */
  mapping: Record<string, string>;
  extraColumns: string[];
  /** Every problem of every rejected row, with line, column and reason. */
  problems: ValidationProblem[];
  summary: {
    rowsIn: number;
    rowsAccepted: number;
    rowsRejected: number;
    reasons: Record<string, number>;
    skipped: Record<string, number>;
  };
  /** Set when the whole file fails. */
  error?: { code: string; message: string; line?: number };
  /** What a producer needs to know: false when any row would be rejected or the file fails. */
  ok: boolean;
}

/**
 * What `vpdc validate` reports for a file before it is uploaded: the same reading and checks
 * as the ETL (the same transform), in a scratch folder that is removed; the lake is not touched.
 */
export async function validateFile(
  path: string,
  spec: SourceSpec,
  options: { piiKey?: string | Uint8Array; dataset?: string } = {},
): Promise<ValidationReport> {
  const facts = newFileFacts(spec);
  const report: ValidationReport = {
    file: path,
    source: spec.id,
    format: spec.format,
    mapping: {},
    extraColumns: [],
    problems: [],
    summary: { rowsIn: 0, rowsAccepted: 0, rowsRejected: 0, reasons: {}, skipped: {} },
    ok: false,
  };
  // What a refused file was found to be: it may be refused before its facts are read (choosing its feed).
  let refused: string | undefined;
  const stagingDir = await mkdtemp(join(tmpdir(), 'vpdc-validate-'));
  try {
    const feed = options.dataset
      ? spec.feeds.find((f) => f.dataset === options.dataset)
      : await chooseFeed(spec, basename(path), () => createReadStream(path));
    if (!feed)
      throw new FeedError(
        'unknown_dataset',
        `${spec.id} does not feed ${options.dataset}; it feeds ${spec.datasets.join(', ')}`,
      );
    report.dataset = feed.dataset;
    const contract = getDataset(feed.dataset);
    const common = {
      contract,
      stagingDir,
      lineage: { ingestedAt: Date.now(), manifestId: '0'.repeat(64) },
      parquetEncoding: 'inline' as const,
    };
    const result = await transformFeed(
      createReadStream(path),
      { ...common, spec, feed, piiKey: options.piiKey ?? 'validate' },
      facts,
    );
    report.mapping = result.mapping;
    if (result.sheet !== undefined) report.sheet = result.sheet;
    report.extraColumns = result.extraColumns;
    report.summary = {
      rowsIn: result.rowsIn,
      rowsAccepted: result.rowsAccepted,
      rowsRejected: result.rowsRejected,
      reasons: result.reasons,
      skipped: result.skipped,
    };
    if (result.quarantine.rows) report.problems = await problemsIn(result.quarantine.path);
    report.ok = result.rowsRejected === 0;
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    refused = error.format;
    // Every row rejected: the file fails, and the producer still sees each rejected row.
    if (error.code === 'no_rows_accepted') report.problems = await problemsIn(join(stagingDir, QUARANTINE_FILE));
    report.error = {
      code: error.code,
      message: error.message,
      ...(error.line !== undefined ? { line: error.line } : {}),
    };
  } finally {
    await rm(stagingDir, { recursive: true, force: true });
  }
  [report.encoding, report.evidence] = [facts.encoding, facts.evidence];
  report.format = refused ?? facts.format;
  if (report.format !== spec.format && !(report.format === 'csv' && spec.format === 'xlsx'))
    report.declaredFormat = spec.format;
  if (facts.delimiter !== undefined) report.delimiter = facts.delimiter;
  if (facts.sheets !== undefined) report.sheets = facts.sheets;
  return report;
}

/** Each problem of the rows in a staged quarantine file, with its line. */
async function problemsIn(path: string): Promise<ValidationReport['problems']> {
  const problems: ValidationReport['problems'] = [];
  for (const line of (await readFile(path, 'utf8')).split('\n').filter(Boolean)) {
    const entry = JSON.parse(line) as { line: number; issues: RowIssue[] };
    for (const issue of entry.issues) problems.push({ line: entry.line, ...issue });
  }
  return problems;
}
