import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { arrowSchema } from '../contracts/arrow-schema';
import type { DatasetContract } from '../contracts/define-dataset';
import { CsvRecordReader } from './csv-records';
import { decodeUtf8 } from './decode-utf8';
import { FeedError } from './feed-error';
import { planHeader, type HeaderPlan } from './header-plan';
import { PartitionedOutput, type StagedPart } from './partitioned-output';
import type { ParquetEncoding } from './parquet-writer';
import { QuarantineFile } from './quarantine-file';
import { RowNormalizer } from './row-normalizer';

export interface TransformResult {
  rowsIn: number;
  rowsAccepted: number;
  rowsRejected: number;
  reasons: Record<string, number>;
  extraColumns: string[];
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
 * Canonical CSV (UTF-8, one column per contract column plus `period`) → staged Parquet per
 * period and a staged quarantine file. Streams: one decoded chunk of records at a time.
 * Throws FeedError for problems of the whole file; every row that gets past the header is
 * counted as accepted or rejected, never dropped.
 */
export async function transformCanonicalCsv(input: Readable, options: TransformOptions): Promise<TransformResult> {
  const { contract, stagingDir } = options;
  const width = contract.columns.length;
  const reader = new CsvRecordReader({ maxRecordLength: options.maxRecordLength });
  const output = new PartitionedOutput(stagingDir, arrowSchema(contract), contract.columns.map((c) => c.type), options.lineage, { encoding: options.parquetEncoding });
  let quarantine: QuarantineFile | undefined;
  let plan: HeaderPlan | undefined;
  let normalizer: RowNormalizer | undefined;
  const values: unknown[] = new Array(width + 1);
  const reasons: Record<string, number> = {};
  let rowsIn = 0;
  let rowsRejected = 0;
  let bytes = 0;
  let pending: { fields: string[]; line: number }[] = [];
  const collect = (fields: string[], line: number) => {
    pending.push({ fields, line });
  };

  const handle = async (records: { fields: string[]; line: number }[]) => {
    for (const { fields, line } of records) {
      if (!plan) {
        plan = planHeader(contract, fields, line);
        normalizer = new RowNormalizer(contract, plan);
        quarantine = new QuarantineFile(join(stagingDir, 'quarantine.jsonl'), fields.map((f) => f.trim()));
        continue;
      }
      rowsIn++;
      const issues = normalizer!.normalize(fields, values);
      if (issues) {
        rowsRejected++;
        const reason = issues[0]!.reason;
        reasons[reason] = (reasons[reason] ?? 0) + 1;
        if (!quarantine!.add(line, issues, fields)) await quarantine!.drained();
      } else if (output.add(values[width] as string, values, width)) {
        await output.flush();
      }
    }
  };

  try {
    for await (const text of decodeUtf8(input)) {
      bytes += text.length;
      reader.push(text, collect);
      const records = pending;
      pending = [];
      await handle(records);
      options.onProgress?.({ bytes, rows: rowsIn });
    }
    reader.end(collect);
    await handle(pending);
    if (!plan) {
      throw bytes === 0
        ? new FeedError('empty_file', 'the file is empty (0 bytes)')
        : new FeedError('missing_header', 'the file has no header row (only blank lines)');
    }
    const partitions = await output.finish();
    await quarantine!.close();
    const rowsAccepted = partitions.reduce((sum, p) => sum + p.rows, 0);
    return { rowsIn, rowsAccepted, rowsRejected, reasons, extraColumns: plan.extraColumns, partitions, quarantine: { path: quarantine!.path, rows: quarantine!.rows } };
  } catch (error) {
    // Files still being encoded would land in a staging folder that is about to be removed.
    await output.settle().catch(() => undefined);
    await quarantine?.close();
    input.destroy();
    throw error;
  }
}
