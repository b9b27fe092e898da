import { FeedError } from '../feed-error';
import type { FeedSpec, SourceSpec } from '../source-spec';
import { countBytes, type CountedBytes, once, readWhole } from './bytes';
import { csvBatches, CsvRecordReader } from './csv';
import { sniffDialect } from './csv-dialect';
import { decodeText, type FileFacts, newFileFacts } from './decode-text';
import type { RecordBatches } from './feed-record';
import { FORMAT_NAMES, type FoundFormat, needsWholeFile, SNIFF_HEAD_BYTES, sniffFormat } from './file-format';
import { jsonColumns, jsonDocumentBatches, ndjsonBatches } from './json';
import { openWithSheetJs } from './sheetjs-workbook';
import { workbookBatches } from './workbook-records';
import { openXlsxWorkbook } from './xlsx';

export type { FileFacts } from './decode-text';
export { newFileFacts } from './decode-text';

export interface ReadFeedOptions {
  maxRecordLength?: number;
}

/**
 * A feed file's bytes → records. What the bytes are decides the reader, not the format the
 * source declares: a tabular source's file may be CSV text (any encoding, any common
 * delimiter), an .xlsx, .xls, .ods or an HTML table saved as Excel. A JSON source's file must
 * be JSON. Text streams through the detected encoding; a workbook or a JSON document is read
 * whole (bounded). `facts` fills in as the file is read: the format found first.
 */
export function readFeed(
  input: AsyncIterable<Uint8Array>,
  spec: SourceSpec,
  feed: FeedSpec,
  options: ReadFeedOptions = {},
  facts: FileFacts = newFileFacts(spec),
): { batches: RecordBatches; facts: FileFacts } {
  return { batches: feedBatches(countBytes(input), spec, feed, options, facts), facts };
}

async function* feedBatches(
  counted: CountedBytes,
  spec: SourceSpec,
  feed: FeedSpec,
  options: ReadFeedOptions,
  facts: FileFacts,
): RecordBatches {
  const { head, stream } = await peek(counted, SNIFF_HEAD_BYTES);
  const whole = needsWholeFile(head) ? await readWhole(stream, 'spreadsheet') : undefined;
  const sniffed = sniffFormat(whole ?? head);
  if ('unreadable' in sniffed) throw refusal(spec, sniffed.code, sniffed.unreadable);
  const found = sniffed.format;
  if (found !== 'text' && (spec.format === 'json' || spec.format === 'ndjson' || spec.values === 'canonical'))
    throw refusal(spec, found, FORMAT_NAMES[found]);
  facts.format = found === 'text' ? (spec.format === 'xlsx' ? 'csv' : spec.format) : found;
  const bytes = () => counted.bytes;
  switch (facts.format) {
    case 'csv': {
      const text = await peekText(decodeText(stream, spec, facts));
      const dialect = sniffDialect(text.head, spec.delimiter);
      facts.delimiter = dialect.delimiter;
      const reader = new CsvRecordReader({ delimiter: dialect.delimiter, maxRecordLength: options.maxRecordLength });
      yield* csvBatches(text.stream, reader, bytes);
      return;
    }
    case 'ndjson':
      yield* ndjsonBatches(decodeText(stream, spec, facts), jsonColumns(feed), facts, counted);
      return;
    case 'json':
      yield* jsonDocumentBatches(stream, spec, jsonColumns(feed), facts);
      return;
    default: {
      const format = facts.format;
      const data = whole ?? (await readWhole(stream, 'spreadsheet'));
      if (format === 'html' || format === 'xml-spreadsheet') {
        // Markup is text: its encoding is told as a CSV's is (a page saved in Windows-1258 reads as Vietnamese too).
        let markup = '';
        for await (const chunk of decodeText(once(data), spec, facts)) markup += chunk;
        yield* workbookBatches(openWithSheetJs(markup, format), facts, bytes);
        return;
      }
      const book = format === 'xlsx' ? openXlsxWorkbook(data) : openWithSheetJs(data, format);
      yield* workbookBatches(book, facts, bytes);
    }
  }
}

/**
 * A file no reader of this source takes: what it is, and what to send instead. The error
 * carries the `format` found as a short code (`xlsx`, or `pdf` for a file no reader takes), `named` for the producer.
 */
function refusal(spec: SourceSpec, format: string, named: string): FeedError {
  const wanted =
    spec.format === 'json' || spec.format === 'ndjson'
      ? `${spec.format === 'json' ? 'a JSON document' : 'NDJSON (one JSON object a line)'} in UTF-8`
      : spec.values === 'canonical'
        ? 'CSV in UTF-8 with the contract’s column names (a spreadsheet: “Save as” CSV UTF-8)'
        : 'the table as CSV, .xlsx, .xls or .ods';
  return new FeedError(
    'unsupported_format',
    `the file is ${named}, which ${spec.id} feeds cannot be read from: send ${wanted}`,
    undefined,
    { format },
  );
}

/** The first `bytes` of a stream (fewer if it ends first), and the whole stream again. */
async function peek(input: CountedBytes, bytes: number): Promise<{ head: Uint8Array; stream: CountedBytes }> {
  const iterator = input[Symbol.asyncIterator]();
  const chunks: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    chunks.push(next.value);
    length += next.value.length;
  }
  const stream: CountedBytes = {
    get bytes() {
      return input.bytes;
    },
    async *[Symbol.asyncIterator]() {
      yield* chunks.splice(0);
      if (done) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    },
  };
  return { head: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), stream };
}

/** Decoded text's first chunk (to tell the delimiter from), and the whole text again. */
async function peekText(text: AsyncIterable<string>): Promise<{ head: string; stream: AsyncIterable<string> }> {
  const iterator = text[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head = first.done ? '' : first.value;
  return {
    head,
    stream: {
      async *[Symbol.asyncIterator]() {
        if (first.done) return;
        yield head;
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
      },
    },
  };
}

export type { FoundFormat };

/** Whether a file of this format is a workbook (its cells come from a spreadsheet program). */
export function isWorkbookFormat(format: FileFacts['format']): boolean {
  return format !== 'csv' && format !== 'json' && format !== 'ndjson';
}
