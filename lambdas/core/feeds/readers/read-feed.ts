import type { FeedSpec, SourceSpec } from '../source-spec';
import { countBytes } from './bytes';
import { csvBatches, CsvRecordReader } from './csv';
import { decodeText, type FileFacts, newFileFacts } from './decode-text';
import type { RecordBatches } from './feed-record';
import { jsonColumns, jsonDocumentBatches, ndjsonBatches } from './json';
import { xlsxBatches } from './xlsx';

export type { FileFacts } from './decode-text';
export { newFileFacts } from './decode-text';

export interface ReadFeedOptions {
  maxRecordLength?: number;
}

/**
 * A feed file's bytes → records, by the source's format: CSV and NDJSON stream through the
 * detected encoding; a spreadsheet or a JSON document is read whole (bounded). `facts` fills
 * in as the file is read.
 */
export function readFeed(
  input: AsyncIterable<Uint8Array>,
  spec: SourceSpec,
  feed: FeedSpec,
  options: ReadFeedOptions = {},
  facts: FileFacts = newFileFacts(spec),
): { batches: RecordBatches; facts: FileFacts } {
  const counted = countBytes(input);
  switch (spec.format) {
    case 'csv': {
      const reader = new CsvRecordReader({ delimiter: spec.delimiter, maxRecordLength: options.maxRecordLength });
      return { batches: csvBatches(decodeText(counted, spec, facts), reader, () => counted.bytes), facts };
    }
    case 'ndjson':
      return { batches: ndjsonBatches(decodeText(counted, spec, facts), jsonColumns(feed), facts, counted), facts };
    case 'json':
      return { batches: jsonDocumentBatches(counted, spec, jsonColumns(feed), facts), facts };
    case 'xlsx':
      return { batches: xlsxBatches(counted, facts), facts };
  }
}
