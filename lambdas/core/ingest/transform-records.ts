import { join } from 'node:path';
import { arrowSchema } from '../contracts/arrow-schema';
import type { DatasetContract } from '../contracts/define-dataset';
import { FeedError } from '../feeds/feed-error';
import type { FeedRecord, RecordBatches } from '../feeds/readers/feed-record';
import type { HeaderPlan } from './header-plan';
import { PartitionedOutput, type StagedPart } from './partitioned-output';
import type { ParquetEncoding } from './parquet-writer';
import { QuarantineFile } from './quarantine-file';
import { RowNormalizer, type RowIssue } from './row-normalizer';

/** Called for each row a record yields: its fields in the row normalizer's plan, or the issues that already reject it. */
export type RowSink = (fields: readonly string[] | null, issues: RowIssue[] | null) => void;

/**
 * What turns a feed's records into rows: the canonical CSV reads them as they are, a native
 * source rewrites them (readers/native-rows). The shared loop (transformRecords) does the
 * rest, the same for every format: validation, quarantine, counting, Parquet.
 */
export interface RowSource {
  /** Takes records until the header is read; returns the plan rows are normalized with, or undefined to get the next record. */
  header(record: FeedRecord): HeaderPlan | undefined;
  /** The header as received, naming the fields of quarantined records. */
  receivedHeader(): string[];
  /** Emits the rows of one record (one, or several when months are columns); may return `received` fields to quarantine instead of the originals. */
  rows(record: FeedRecord, sink: RowSink): void;
  /** Header cells that are not loaded. */
  extraColumns(): string[];
  /** Records that are not data (a totals row), by reason. */
  skipped(): Record<string, number>;
  /** The file's column that a contract column came from, to name it in a reject. */
  headerOf?(column: string): string | undefined;
  /** Contract column → the file's header it is read from (for `vpdc validate`). */
  mapping?(): Record<string, string>;
  /** Why no header was found, when the records ran out first (a native source looks past title rows). */
  noHeader?(): FeedError | undefined;
}

export interface TransformResult {
  rowsIn: number;
  rowsAccepted: number;
  rowsRejected: number;
  reasons: Record<string, number>;
  extraColumns: string[];
  skipped: Record<string, number>;
  /** Contract column → the file's header, for a native file. */
  mapping: Record<string, string>;
  partitions: StagedPart[];
  quarantine: { path: string; rows: number };
}

export interface TransformOptions {
  contract: DatasetContract;
  stagingDir: string;
  lineage: { ingestedAt: number; manifestId: string };
  onProgress?: (progress: { bytes: number; rows: number }) => void;
  /** @default 1 MiB */
  maxRecordLength?: number;
  /** @default 'worker' */
  parquetEncoding?: ParquetEncoding;
}

/**
 * Records → staged Parquet per period and a staged quarantine file. Every row that gets past
 * the header is counted as accepted or rejected, never dropped; problems of the whole file
 * are FeedErrors. Streams: one batch of records at a time.
 */
export async function transformRecords(
  batches: RecordBatches,
  source: RowSource,
  options: TransformOptions,
): Promise<TransformResult> {
  const { contract, stagingDir } = options;
  const width = contract.columns.length;
  const output = new PartitionedOutput(
    stagingDir,
    arrowSchema(contract),
    contract.columns.map((c) => c.type),
    options.lineage,
    { encoding: options.parquetEncoding },
  );
  let quarantine: QuarantineFile | undefined;
  let normalizer: RowNormalizer | undefined;
  const values: unknown[] = new Array(width + 1);
  const reasons: Record<string, number> = {};
  let rowsIn = 0;
  let rowsRejected = 0;
  let bytes = 0;
  let flush = false;
  let drain = false;
  let current: FeedRecord = { fields: [], line: 0 };
  let blankRecords = 0;

  const reject = (issues: RowIssue[]) => {
    rowsRejected++;
    const reason = issues[0]!.reason;
    reasons[reason] = (reasons[reason] ?? 0) + 1;
    if (source.headerOf) for (const issue of issues) issue.header ??= source.headerOf(issue.column);
    if (!quarantine!.add(current.line, issues, current.fields)) drain = true;
  };
  const sink: RowSink = (fields, issues) => {
    rowsIn++;
    const problems = issues ?? normalizer!.normalize(fields!, values);
    if (problems) reject(problems);
    else if (output.add(values[width] as string, values, width)) flush = true;
  };

  try {
    for await (const batch of batches) {
      bytes = batch.bytes;
      for (const record of batch.records) {
        if (!normalizer) {
          const plan = source.header(record);
          if (plan) {
            normalizer = new RowNormalizer(contract, plan);
            quarantine = new QuarantineFile(join(stagingDir, 'quarantine.jsonl'), source.receivedHeader());
          }
          continue;
        }
        if (isBlank(record.fields)) {
          // A line of only delimiters or spaces (a spreadsheet's empty row saved as CSV) holds no row.
          blankRecords++;
          continue;
        }
        current = record;
        source.rows(record, sink);
        if (flush) {
          flush = false;
          await output.flush();
        }
        if (drain) {
          drain = false;
          await quarantine!.drained();
        }
      }
      options.onProgress?.({ bytes, rows: rowsIn });
    }
    if (!normalizer) {
      throw (
        source.noHeader?.() ??
        (bytes === 0
          ? new FeedError('empty_file', 'the file is empty (0 bytes)')
          : new FeedError('missing_header', 'the file has no header row (only blank lines)'))
      );
    }
    const partitions = await output.finish();
    await quarantine!.close();
    const rowsAccepted = partitions.reduce((sum, p) => sum + p.rows, 0);
    const skipped = blankRecords ? { ...source.skipped(), blank_record: blankRecords } : source.skipped();
    return {
      rowsIn,
      rowsAccepted,
      rowsRejected,
      reasons,
      extraColumns: source.extraColumns(),
      skipped,
      mapping: source.mapping?.() ?? {},
      partitions,
      quarantine: { path: quarantine!.path, rows: quarantine!.rows },
    };
  } catch (error) {
    // Files still being encoded would land in a staging folder that is about to be removed.
    await output.settle().catch(() => undefined);
    await quarantine?.close();
    throw error;
  }
}

/** Whether every field is empty or spaces; the first field decides almost every record at once. */
function isBlank(fields: readonly string[]): boolean {
  for (let i = 0; i < fields.length; i++) if (fields[i]!.trim() !== '') return false;
  return true;
}
