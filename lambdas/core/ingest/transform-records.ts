import { join } from 'node:path';
import { arrowSchema } from '../contracts/arrow-schema';
import type { DatasetContract } from '../contracts/define-dataset';
import { FeedError } from '../feeds/feed-error';
import type { FeedRecord, RecordBatches } from '../feeds/readers/feed-record';
import { KeysSeen } from './keys-seen';
import { PartitionedOutput, type StagedPart } from './partitioned-output';
import type { ParquetEncoding } from './parquet-writer';
import { QuarantineFile } from './quarantine-file';
import type { RowIssue } from './row-checks';

/** The staged quarantine file's name in the staging folder. */
export const QUARANTINE_FILE = 'quarantine.jsonl';

/**
 * Called for each row a record yields: its typed values (`values[i]` for contract column i,
 * then the period), checked against the contract, or the issues that reject it.
 */
export type RowSink = (values: readonly unknown[] | null, issues: RowIssue[] | null) => void;

/**
 * What turns a feed's records into checked, typed rows (feed-rows.ts). The loop here
 * (transformRecords) does the rest, the same for every source and format: quarantine,
 * counting, Parquet.
 */
export interface RowSource {
  /** Takes records until the header is read; returns true once it is. */
  header(record: FeedRecord): boolean;
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
  /** The records now come from another sheet of the workbook: the header search starts again there. */
  nextSheet?(sheet: string): void;
  /** Whether a record of a sheet after the table’s, with the records before it there, is the table’s header again: the line it starts on. */
  headerAgainAt?(record: FeedRecord): number | undefined;
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
  /** The workbook sheet whose rows were read (the one with the header). */
  sheet?: string;
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
  /** The feed's length in bytes, when known: the rows it holds are estimated from it once the first batch is read. */
  inputBytes?: number;
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
  const reasons: Record<string, number> = {};
  let rowsIn = 0;
  let rowsRejected = 0;
  let bytes = 0;
  let flush = false;
  let drain = false;
  let current: FeedRecord = { fields: [], line: 0 };
  let blankRecords = 0;
  // A workbook's header may be on any sheet; its rows are those of that sheet only.
  let searching: string | undefined;
  let sheet: string | undefined;
  let probing: string | undefined;
  let probed = 0;

  let firstRejected: { line: number; issue: RowIssue } | undefined;
  const reject = (issues: RowIssue[]) => {
    rowsRejected++;
    firstRejected ??= { line: current.line, issue: issues[0]! };
    const reason = issues[0]!.reason;
    reasons[reason] = (reasons[reason] ?? 0) + 1;
    if (source.headerOf) for (const issue of issues) issue.header ??= source.headerOf(issue.column);
    if (!quarantine!.add(current.line, issues, current.fields)) drain = true;
  };
  // The period is the value after the contract's columns; a key names it like a column.
  const indexOf = (name: string) => (name === 'period' ? width : contract.columns.findIndex((c) => c.name === name));
  const keyIndexes = contract.naturalKey.map(indexOf);
  // A 2025 ward merged several old communes: a file still on their codes has a row for each,
  // under one ward_code. The ward as the file wrote it tells them apart (a copied row repeats it).
  const wardAsWritten = contract.naturalKey.includes('ward_code')
    ? ['ward_code_original', 'ward_name_original'].map(indexOf).filter((index) => index >= 0)
    : [];
  const keys = new KeysSeen([...keyIndexes, ...wardAsWritten]);
  let reserved = false;
  const sink: RowSink = (values, issues) => {
    rowsIn++;
    if (issues) reject(issues);
    else if (keys.seen(values!))
      reject([
        {
          column: contract.naturalKey.join('+'),
          reason: 'duplicate_key',
          value: keyIndexes.map((index) => String(values![index])).join(' | '),
        },
      ]);
    else if (output.add(values![width] as string, values!, width)) flush = true;
  };

  try {
    for await (const batch of batches) {
      bytes = batch.bytes;
      for (const record of batch.records) {
        if (!quarantine) {
          if (record.sheet !== searching) {
            if (searching !== undefined) source.nextSheet?.(record.sheet!);
            searching = record.sheet;
          }
          if (source.header(record)) {
            quarantine = new QuarantineFile(join(stagingDir, QUARANTINE_FILE), source.receivedHeader());
            sheet = record.sheet;
          }
          continue;
        }
        if (record.sheet !== sheet) {
          // A later sheet: its first records must not be the header again (another month, a copy),
          // or that sheet’s rows would be dropped unseen.
          if (record.sheet !== probing) [probing, probed] = [record.sheet, 0];
          const again = probed++ < MAX_PROBED_RECORDS ? source.headerAgainAt?.(record) : undefined;
          if (again !== undefined)
            throw new FeedError(
              'table_on_several_sheets',
              `sheets '${sheet}' and '${record.sheet}' both hold the table (its header is on line ${again} of '${record.sheet}'): only one would be read. Send one sheet per file, or put all the rows on one sheet`,
            );
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
      // Room for every key at once, from the rows per byte so far (a workbook's bytes say less, and its table grows).
      if (!reserved && rowsIn > 0 && options.inputBytes) {
        keys.reserve(Math.ceil(((rowsIn * options.inputBytes) / Math.max(bytes, 1)) * 1.05));
        reserved = true;
      }
    }
    if (!quarantine) {
      throw (
        source.noHeader?.() ??
        (bytes === 0
          ? new FeedError('empty_file', 'the file is empty (0 bytes)')
          : new FeedError('missing_header', 'the file has no header row (only blank lines)'))
      );
    }
    const partitions = await output.finish();
    const rowsAccepted = partitions.reduce((sum, p) => sum + p.rows, 0);
    if (rowsAccepted === 0 && firstRejected) throw noRowAccepted(rowsIn, reasons, firstRejected);
    await quarantine.close();
    const skipped = blankRecords ? { ...source.skipped(), blank_record: blankRecords } : source.skipped();
    return {
      rowsIn,
      rowsAccepted,
      rowsRejected,
      reasons,
      extraColumns: source.extraColumns(),
      skipped,
      mapping: source.mapping?.() ?? {},
      ...(sheet !== undefined ? { sheet } : {}),
      partitions,
      quarantine: { path: quarantine.path, rows: quarantine.rows },
    };
  } catch (error) {
    // Files still being encoded would land in a staging folder that is about to be removed.
    await output.settle().catch(() => undefined);
    await quarantine?.close();
    throw error;
  }
}

/**
 * A file whose every row was rejected fails whole: "succeeded" with nothing loaded would read as
 * a delivered month on the dashboard, and one cause (a wrong file, a changed export) is the usual
 * story. The message counts the reasons and names the first rejected cell.
 */
function noRowAccepted(
  rowsIn: number,
  reasons: Record<string, number>,
  first: { line: number; issue: RowIssue },
): FeedError {
  const counts = Object.entries(reasons)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
  const { column, header, reason, value } = first.issue;
  const cell = header && header !== column ? `"${header}" (${column})` : `"${column}"`;
  return new FeedError(
    'no_rows_accepted',
    `no row of the file was accepted: all ${rowsIn} were rejected (${counts}); the first, ${cell}, is ${reason}${value !== '' ? ` (${JSON.stringify(value)})` : ''}. Check that this is the right file for the feed, fix it and send it again`,
    first.line,
  );
}

/** Records at the top of a later sheet looked at for the table’s header (a title may stand above it). */
const MAX_PROBED_RECORDS = 12;

/** Whether every field is empty or spaces; the first field decides almost every record at once. */
function isBlank(fields: readonly string[]): boolean {
  for (let i = 0; i < fields.length; i++) if (fields[i]!.trim() !== '') return false;
  return true;
}
