import type { Readable } from 'node:stream';
import { isWorkbookFormat, newFileFacts, readFeed, type FileFacts } from '../feeds/readers/read-feed';
import type { FeedSpec, SourceSpec } from '../feeds/source-spec';
import { FeedRows, type FeedRowsOptions } from './feed-rows';
import { transformRecords, type TransformOptions, type TransformResult } from './transform-records';

export type { TransformOptions, TransformResult } from './transform-records';

export interface FeedTransformOptions extends TransformOptions {
  spec: SourceSpec;
  feed: FeedSpec;
  piiKey?: FeedRowsOptions['piiKey'];
}

/**
 * A feed file (canonical CSV, a carrier's CSV, an agency's spreadsheet or JSON) → staged
 * Parquet and quarantine: the reader turns bytes into records, FeedRows turns records into
 * typed rows checked against the contract, the record loop stages them. Returns what was
 * found about the file (format, encoding) in `facts`, which a caller may pass to keep them
 * when the file fails.
 */
export async function transformFeed(
  input: Readable,
  options: FeedTransformOptions,
  facts: FileFacts = newFileFacts(options.spec),
): Promise<TransformResult & { facts: FileFacts }> {
  const { spec, feed } = options;
  const { batches } = readFeed(input, spec, feed, { maxRecordLength: options.maxRecordLength }, facts);
  const rows = new FeedRows(spec, feed, options.contract, {
    piiKey: options.piiKey,
    workbook: () => (isWorkbookFormat(facts.format) ? { date1904: facts.date1904 ?? false } : undefined),
  });
  try {
    const result = await transformRecords(batches, rows, options);
    return { ...result, extraColumns: [...result.extraColumns, ...facts.extraKeys], facts };
  } finally {
    input.destroy();
  }
}
