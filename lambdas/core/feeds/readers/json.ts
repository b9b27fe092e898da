import { canonicalForm } from '../canonical-text';
import { FeedError } from '../feed-error';
import type { FeedSpec, SourceSpec } from '../source-spec';
import { type CountedBytes, once, readWhole } from './bytes';
import { decodeText, type FileFacts, newFileFacts } from './decode-text';
import { type FeedRecord, INVALID_JSON, type RecordBatches } from './feed-record';

/** The JSON paths a feed reads, first spelling of each as the header, with every spelling (canonical) → its column. */
export function jsonColumns(feed: FeedSpec): {
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
export async function* ndjsonBatches(
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

/** A JSON document: the records are the array at the spec's `records` path (or the document itself); root scalars apply to every record. */
export async function* jsonDocumentBatches(
  input: CountedBytes,
  spec: SourceSpec,
  columns: ReturnType<typeof jsonColumns>,
  facts: FileFacts,
): RecordBatches {
  yield { records: [{ fields: columns.header, line: 0 }], bytes: 0 };
  const bytes = await readWhole(input, 'JSON document');
  let text = '';
  for await (const chunk of decodeText(once(bytes), spec, facts)) text += chunk;
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
