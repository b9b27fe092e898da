import type { Readable } from 'node:stream';
import type { DatasetContract } from '../contracts/define-dataset';
import { csvBatches, CsvRecordReader } from '../feeds/readers/csv';
import type { FeedRecord } from '../feeds/readers/feed-record';
import { decodeUtf8 } from './decode-utf8';
import { planHeader, type HeaderPlan } from './header-plan';
import { transformRecords, type RowSource, type TransformOptions, type TransformResult } from './transform-records';

export type { TransformOptions, TransformResult } from './transform-records';

/** Canonical CSV records as they are: the header plan tells the row normalizer where each column is. */
class CanonicalRows implements RowSource {
  private plan: HeaderPlan | undefined;
  private received: string[] = [];

  constructor(private readonly contract: DatasetContract) {}

  header(record: FeedRecord): HeaderPlan {
    this.plan = planHeader(this.contract, record.fields, record.line);
    this.received = record.fields.map((f) => f.trim());
    return this.plan;
  }

  receivedHeader(): string[] {
    return this.received;
  }

  rows(record: FeedRecord, sink: (fields: readonly string[], issues: null) => void): void {
    sink(record.fields, null);
  }

  extraColumns(): string[] {
    return this.plan?.extraColumns ?? [];
  }

  skipped(): Record<string, number> {
    return {};
  }
}

/**
 * Canonical CSV (UTF-8, one column per contract column plus `period`) → staged Parquet per
 * period and a staged quarantine file, through the shared record loop (transform-records).
 */
export async function transformCanonicalCsv(input: Readable, options: TransformOptions): Promise<TransformResult> {
  let chars = 0;
  const text = (async function* () {
    for await (const chunk of decodeUtf8(input)) {
      chars += chunk.length;
      yield chunk;
    }
  })();
  try {
    return await transformRecords(
      csvBatches(text, new CsvRecordReader({ maxRecordLength: options.maxRecordLength }), () => chars),
      new CanonicalRows(options.contract),
      options,
    );
  } finally {
    input.destroy();
  }
}
