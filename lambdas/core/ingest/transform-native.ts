import type { Readable } from 'node:stream';
import type { FeedSpec, SourceSpec } from '../feeds/source-spec';
import { newFileFacts, readFeed, type FileFacts } from '../feeds/readers/read-feed';
import { NativeRows, type NativeRowsOptions } from './native-rows';
import { transformRecords, type TransformOptions, type TransformResult } from './transform-records';

export interface NativeTransformOptions extends TransformOptions {
  spec: SourceSpec;
  feed: FeedSpec;
  piiKey?: NativeRowsOptions['piiKey'];
}

/**
 * A native feed file (a carrier's CSV, an agency's spreadsheet or JSON) → staged Parquet and
 * quarantine, through the same record loop as canonical CSV: the reader turns bytes into
 * records, NativeRows rewrites them to canonical text. Returns what was found about the file
 * (format, encoding) in `facts`, which a caller may pass to keep them when the file fails.
 */
export async function transformNative(
  input: Readable,
  options: NativeTransformOptions,
  facts: FileFacts = newFileFacts(options.spec),
): Promise<TransformResult & { facts: FileFacts }> {
  const { spec, feed } = options;
  const { batches } = readFeed(input, spec, feed, { maxRecordLength: options.maxRecordLength }, facts);
  const whole = spec.format === 'xlsx' || spec.format === 'json' || spec.format === 'ndjson';
  const rows = new NativeRows(spec, feed, options.contract, {
    piiKey: options.piiKey,
    excelSerials: spec.format === 'xlsx',
    padRecords: whole,
  });
  try {
    const result = await transformRecords(batches, rows, options);
    return { ...result, extraColumns: [...result.extraColumns, ...facts.extraKeys], facts };
  } finally {
    input.destroy();
  }
}
