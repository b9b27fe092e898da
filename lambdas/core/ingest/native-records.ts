import { detectEncoding } from '../feeds/detect-encoding';
import { canonicalForm } from '../feeds/canonical-text';
import type { FeedSpec, SourceSpec } from '../feeds/source-spec';
import type { TextEncoding } from '../feeds/text-encodings';
import { createTextDecoder } from '../feeds/text-stream-decoder';
import { fillMerges } from '../feeds/xlsx/merged-rows';
import { scanXlsx } from '../feeds/xlsx/read-xlsx';
import { csvBatches, CsvRecordReader } from './csv-records';
import { FeedError } from './feed-error';
import type { FeedRecord, RecordBatches } from './transform-records';

/** What a reader found out about a file, for the manifest and `vpdc validate`. */
export interface FileFacts {
  format: SourceSpec['format'];
  encoding?: TextEncoding;
  /** How the encoding was told (`bom`, `valid_utf8`, `vietnamese_score`, `declared`). */
  evidence?: string;
  /** Keys of JSON records that no column reads (a CSV's extra columns come from its header). */
  extraKeys: Set<string>;
}

export function newFileFacts(spec: SourceSpec): FileFacts {
  return { format: spec.format, extraKeys: new Set() };
}

/** Whole-file formats (a spreadsheet, a JSON document) are read into memory up to this size. */
const MAX_WHOLE_FILE_BYTES = 256 * 1024 * 1024;
/** Bytes looked at to tell the encoding. */
const SNIFF_BYTES = 64 * 1024;

export interface NativeRecordsOptions {
  maxRecordLength?: number;
}

/**
 * A native file's bytes → records, by the source's format: CSV and NDJSON stream through the
 * detected encoding; a spreadsheet or a JSON document is read whole (bounded). `facts` fills
 * in as the file is read.
 */
export function nativeRecords(
  input: AsyncIterable<Uint8Array>,
  spec: SourceSpec,
  feed: FeedSpec,
  options: NativeRecordsOptions = {},
  facts: FileFacts = newFileFacts(spec),
): { batches: RecordBatches; facts: FileFacts } {
  const counted = countBytes(input);
  switch (spec.format) {
    case 'csv': {
      const reader = new CsvRecordReader({ delimiter: spec.delimiter, maxRecordLength: options.maxRecordLength });
      return { batches: csvBatches(decode(counted, spec, facts), reader, () => counted.bytes), facts };
    }
    case 'canonical-csv':
      // Strict UTF-8 and no mapping: transformCanonicalCsv reads it, not the native readers.
      throw new Error(`source ${spec.id} sends canonical CSV: read it with transformCanonicalCsv`);
    case 'ndjson':
      return { batches: ndjsonBatches(decode(counted, spec, facts), jsonColumns(feed), facts, counted), facts };
    case 'json':
      return { batches: jsonDocumentBatches(counted, spec, jsonColumns(feed), facts), facts };
    case 'xlsx':
      return { batches: xlsxBatches(counted, facts), facts };
  }
}

interface CountedBytes extends AsyncIterable<Uint8Array> {
  bytes: number;
}

function countBytes(input: AsyncIterable<Uint8Array>): CountedBytes {
  const counted = {
    bytes: 0,
    async *[Symbol.asyncIterator]() {
      for await (const chunk of input) {
        counted.bytes += chunk.length;
        yield chunk;
      }
    },
  };
  return counted;
}

/**
 * Bytes → NFC text in the file's encoding, told from its first 64 KiB: a BOM, UTF-16's NUL
 * pattern, valid UTF-8, or the legacy encoding whose text reads as Vietnamese. A sample that
 * is plain ASCII says nothing, so the source's declared encoding is taken.
 */
async function* decode(input: AsyncIterable<Uint8Array>, spec: SourceSpec, facts: FileFacts): AsyncGenerator<string> {
  let head: Uint8Array[] = [];
  let headBytes = 0;
  let decoder: ReturnType<typeof createTextDecoder> | undefined;
  const start = () => {
    const sample = Buffer.concat(head);
    // Plain ASCII reads the same in every single-byte encoding and UTF-8 (but never as UTF-16).
    const ascii = sample.every((b) => b < 0x80 && b !== 0);
    const declared = spec.encoding === 'auto' || spec.encoding.startsWith('utf-16') ? 'utf-8' : spec.encoding;
    const chosen = ascii ? { encoding: declared, evidence: 'declared' } : detectEncoding(sample);
    facts.encoding = chosen.encoding;
    facts.evidence = chosen.evidence;
    decoder = createTextDecoder(chosen.encoding);
    const text = decoder.write(sample);
    head = [];
    return text;
  };
  for await (const chunk of input) {
    if (decoder) {
      const text = checked(decoder.write(chunk));
      if (text) yield text;
      continue;
    }
    head.push(chunk);
    headBytes += chunk.length;
    if (headBytes >= SNIFF_BYTES) {
      const text = checked(start());
      if (text) yield text;
    }
  }
  if (!decoder) {
    if (headBytes === 0) return;
    const text = checked(start());
    if (text) yield text;
  }
  const tail = checked(decoder!.end());
  if (tail) yield tail;
}

/** Decoded text with a NUL is not text (a binary file, or one in an encoding it does not seem to be). */
function checked(text: string): string {
  const nul = text.indexOf('\0');
  if (nul !== -1)
    throw new FeedError(
      'binary_content',
      'the file contains NUL characters: it is not a text (CSV) file, or not in the encoding it seems to be',
    );
  return text;
}

/** The JSON paths a feed reads, first spelling of each as the header, with every spelling (canonical) → its column. */
function jsonColumns(feed: FeedSpec): {
  header: string[];
  indexOf: Map<string, number>;
  byPath: Map<string, number | undefined>;
} {
  const groups = [
    ...Object.values(feed.columns),
    ...Object.values(feed.keyedHashes),
    ...(feed.ward
      ? [feed.ward.code, feed.ward.name, feed.ward.district].filter((s): s is string[] => s !== undefined)
      : []),
    ...(feed.period.from === 'column' ? [feed.period.header] : []),
  ];
  const indexOf = new Map<string, number>();
  for (const [index, spellings] of groups.entries()) for (const s of spellings) indexOf.set(canonicalForm(s), index);
  return { header: groups.map((s) => s[0]!), indexOf, byPath: new Map() };
}

/** A key path's column, folded once per distinct path (every record repeats the same keys). */
function columnIndexOf(columns: ReturnType<typeof jsonColumns>, path: string): number | undefined {
  let index = columns.byPath.get(path);
  if (index === undefined && !columns.byPath.has(path)) {
    index = columns.indexOf.get(canonicalForm(path));
    if (columns.byPath.size < 10_000) columns.byPath.set(path, index);
  }
  return index;
}

/** One JSON object → fields aligned to the header; nested objects by dot path, keys no column reads noted. */
function alignRecord(
  value: unknown,
  columns: ReturnType<typeof jsonColumns>,
  facts: FileFacts,
  prefix = '',
  fields: string[] = new Array<string>(columns.header.length).fill(''),
): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fields;
  for (const [key, inner] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) {
      alignRecord(inner, columns, facts, path, fields);
      continue;
    }
    const index = columnIndexOf(columns, path);
    if (index === undefined) facts.extraKeys.add(path);
    else fields[index] = inner === null ? '' : Array.isArray(inner) ? JSON.stringify(inner) : String(inner);
  }
  return fields;
}

/** NDJSON: one object a line. A line that is not a JSON object becomes a row that says so (reason invalid_json). */
async function* ndjsonBatches(
  text: AsyncIterable<string>,
  columns: ReturnType<typeof jsonColumns>,
  facts: FileFacts,
  counted: CountedBytes,
): RecordBatches {
  yield { records: [{ fields: columns.header, line: 0 }], bytes: 0 };
  let pending = '';
  let line = 0;
  const parse = (textLine: string, records: FeedRecord[]) => {
    line++;
    if (textLine.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(textLine);
    } catch {
      value = undefined;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      records.push({ fields: [INVALID_JSON, textLine.slice(0, 200)], line });
    else records.push({ fields: alignRecord(value, columns, facts), line });
  };
  for await (const chunk of text) {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop()!;
    const records: FeedRecord[] = [];
    for (const textLine of lines) parse(textLine, records);
    yield { records, bytes: counted.bytes };
  }
  const records: FeedRecord[] = [];
  if (pending) parse(pending, records);
  yield { records, bytes: counted.bytes };
}

/** A record that stands for text that is not a JSON object: its first field is this marker (the row source rejects it as invalid_json). */
export const INVALID_JSON = '\u0000invalid_json';

async function readWhole(input: CountedBytes, what: string): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of input) {
    if (input.bytes > MAX_WHOLE_FILE_BYTES)
      throw new FeedError(
        'record_too_large',
        `the ${what} is larger than ${MAX_WHOLE_FILE_BYTES / 1024 / 1024} MiB; split it`,
      );
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A JSON document: the records are the array at the spec's `records` path (or the document itself); root scalars apply to every record. */
async function* jsonDocumentBatches(
  input: CountedBytes,
  spec: SourceSpec,
  columns: ReturnType<typeof jsonColumns>,
  facts: FileFacts,
): RecordBatches {
  yield { records: [{ fields: columns.header, line: 0 }], bytes: 0 };
  const bytes = await readWhole(input, 'JSON document');
  let text = '';
  for await (const chunk of decode(once(bytes), spec, facts)) text += chunk;
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new FeedError('invalid_json', `the file is not valid JSON: ${(error as Error).message}`);
  }
  const path = spec.records?.split('.') ?? [];
  let items: unknown = document;
  for (const key of path)
    items =
      items !== null && typeof items === 'object' && !Array.isArray(items)
        ? (items as Record<string, unknown>)[key]
        : undefined;
  if (!Array.isArray(items))
    throw new FeedError('invalid_json', `expected an array of records at "${spec.records ?? '(the document)'}"`);
  // Root values besides the records (a report month) are every record's; other root keys are the document's metadata, not columns.
  const shared =
    path.length && document && typeof document === 'object'
      ? alignRecord(
          Object.fromEntries(Object.entries(document).filter(([key]) => key !== path[0])),
          columns,
          newFileFacts(spec),
        )
      : undefined;
  const records: FeedRecord[] = items.map((item, index) => {
    const fields = alignRecord(item, columns, facts);
    if (shared) for (const [i, value] of shared.entries()) fields[i] ||= value;
    return item !== null && typeof item === 'object' && !Array.isArray(item)
      ? { fields, line: index + 1 }
      : { fields: [INVALID_JSON, JSON.stringify(item).slice(0, 200)], line: index + 1 };
  });
  yield { records, bytes: input.bytes };
}

/** Rows handed to the record loop at a time: it then holds a thousand rows, never the whole sheet. */
const XLSX_BATCH_ROWS = 1024;

/**
 * A spreadsheet's first sheet, a batch of rows at a time as they are made; a merged cell's text
 * fills its whole range (a district merged down its wards). A broken sheet fails before the
 * first batch: the scan checks all of it.
 */
async function* xlsxBatches(input: CountedBytes, facts: FileFacts): RecordBatches {
  const sheet = scanXlsx(await readWhole(input, 'spreadsheet'));
  facts.encoding = 'utf-8';
  facts.evidence = 'xlsx';
  let records: FeedRecord[] = [];
  for (const row of fillMerges(sheet.rowsByLine(), sheet.merges)) {
    // A row of spaces, or one a merge made from nothing, is no record.
    if (!row.cells.some((cell) => cell.trim() !== '')) continue;
    records.push({ fields: row.cells, line: row.line });
    if (records.length === XLSX_BATCH_ROWS) {
      yield { records, bytes: input.bytes };
      records = [];
    }
  }
  yield { records, bytes: input.bytes };
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
