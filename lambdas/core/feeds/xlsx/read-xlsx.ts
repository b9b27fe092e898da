import { isAscii } from 'node:buffer';
import { inflateRawSync } from 'node:zlib';
import { FeedError } from '../feed-error';
import { decodeOoxmlEscapes, decodeXmlText } from './xml-text';

/**
 * Reads one sheet of an .xlsx workbook as rows of cell texts, for agencies that send Excel
 * instead of CSV. The text is what the file stores, not what Excel displays: numbers and
 * date serials as written (`46016`, `1E-3`), no styles applied; converting is the caller's job.
 *
 * An .xlsx is a zip of XML parts. The zip is read from its central directory and every entry
 * is inflated by node:zlib with its declared size as the output limit, so a zip bomb fails
 * before it can take the Lambda's memory. The XML is scanned, not parsed into a DOM (which for a 100,000-row
 * sheet would cost more than the rows): regexes for the small parts, a byte scanner for the
 * sheet data. The parts are machine-written, so DTDs, CDATA and comments are not handled.
 */

export interface XlsxSheet {
  name: string;
  /** Rows that hold at least one non-empty cell, in file order. */
  rows: XlsxRow[];
  merges: XlsxRange[];
}

export interface XlsxRow {
  /** Excel row number, 1-based (what a user sees in Excel) */
  line: number;
  /** Cell texts by column index from A=0; missing cells are ''; ends at the last non-empty cell */
  cells: string[];
}

/** A rectangle of cells: rows 1-based like `XlsxRow.line`, columns 0-based like `cells`. */
export interface XlsxRange {
  first: { row: number; column: number };
  last: { row: number; column: number };
}

export interface ReadXlsxOptions {
  /**
   * The sheet to read: its name (as on the tab), or its 0-based position in workbook order.
   * @default - the first sheet in workbook order
   */
  sheet?: string | number;
  /**
   * The most the zip may expand to, all entries together.
   * @default - 256 MiB
   */
  maxUncompressedBytes?: number;
}

const DEFAULT_MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024;
const MAX_COLUMNS = 16384; // A..XFD
const utf8 = new TextDecoder();

export function readXlsx(bytes: Uint8Array, options: ReadXlsxOptions = {}): XlsxSheet {
  const sheet = scanXlsx(bytes, options);
  return { name: sheet.name, rows: [...sheet.rows()], merges: sheet.merges };
}

/**
 * A sheet scanned and found sound (a broken part has thrown), whose rows become strings only
 * as they are iterated: a caller that takes a row at a time never holds the whole sheet.
 */
export interface ScannedSheet {
  name: string;
  /** The workbook's dates count from 1904-01-01 (`<workbookPr date1904="1"/>`), not 1899-12-30. */
  date1904: boolean;
  merges: XlsxRange[];
  /** Rows that hold at least one non-empty cell, in file order. */
  rows(): Generator<XlsxRow>;
  /**
   * The same rows by ascending line, which is file order in every workbook a spreadsheet
   * program writes; where two rows claim one line, the later one.
   */
  rowsByLine(): Generator<XlsxRow>;
}

/** Reads the workbook's structure, its shared strings and the sheet's merges, and scans the sheet's cells. */
export function scanXlsx(bytes: Uint8Array, options: ReadXlsxOptions = {}): ScannedSheet {
  const limit = options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES;
  if (!(limit > 0)) throw new Error(`maxUncompressedBytes must be > 0, got ${limit}`);
  const zip = new ZipReader(bytes, limit);

  const workbookPath =
    relationships(zip, '_rels/.rels', '').find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const workbookXml = zip.text(workbookPath);
  if (workbookXml === undefined)
    throw new FeedError('invalid_xlsx', `the zip has no workbook (${workbookPath}): it is not an .xlsx file`);
  const workbookRels = relationships(zip, relsPathOf(workbookPath), workbookPath);
  const sheet = chooseSheet(listSheets(workbookXml), options.sheet);

  const target = workbookRels.find((r) => r.id === sheet.relationshipId);
  if (target === undefined)
    throw new FeedError('invalid_xlsx', `sheet '${sheet.name}' has no part in the workbook relationships`);
  if (!target.type.endsWith('/worksheet'))
    throw new FeedError(
      'invalid_xlsx',
      `sheet '${sheet.name}' is not a worksheet (it is a ${target.type.slice(target.type.lastIndexOf('/') + 1)})`,
    );
  const sheetXml = zip.part(target.target);
  if (sheetXml === undefined)
    throw new FeedError('invalid_xlsx', `the part of sheet '${sheet.name}' (${target.target}) is missing from the zip`);

  const stringsPath = workbookRels.find((r) => r.type.endsWith('/sharedStrings'))?.target;
  const sharedStrings = readSharedStrings(stringsPath === undefined ? undefined : zip.text(stringsPath));
  const { cells, merges } = scanWorksheet(sheetXml, sharedStrings);
  return {
    name: sheet.name,
    date1904: usesDate1904(workbookXml),
    merges,
    rows: () => cells.rows(),
    rowsByLine: () => cells.rowsByLine(),
  };
}

// ---------------------------------------------------------------------------------------
// Workbook structure: which sheets exist and where their parts are.

interface Relationship {
  id: string;
  type: string;
  target: string;
}
interface SheetEntry {
  name: string;
  relationshipId: string;
}

/** `<workbookPr date1904="1"/>` (or `true`): serial days count from 1904-01-01. */
function usesDate1904(workbookXml: string): boolean {
  const properties = /<(?:\w+:)?workbookPr\b([^>]*)>/.exec(workbookXml);
  const value = properties ? attributes(properties[1] ?? '').get('date1904') : undefined;
  return value === '1' || value === 'true';
}

/** The relationships of a part; targets resolved to zip paths relative to `sourcePath`. */
function relationships(zip: ZipReader, relsPath: string, sourcePath: string): Relationship[] {
  const xml = zip.text(relsPath) ?? '';
  const base = sourcePath.slice(0, sourcePath.lastIndexOf('/') + 1);
  const out: Relationship[] = [];
  for (const match of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const attrs = attributes(match[1] ?? '');
    if (attrs.get('TargetMode') === 'External') continue;
    const target = attrs.get('Target');
    if (target === undefined) continue;
    out.push({ id: attrs.get('Id') ?? '', type: attrs.get('Type') ?? '', target: resolvePath(base, target) });
  }
  return out;
}

function relsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf('/');
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

/** `worksheets/../x.xml` against `xl/`; a leading `/` means the zip root. */
function resolvePath(base: string, target: string): string {
  const segments: string[] = [];
  for (const segment of (target.startsWith('/') ? target : base + target).split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '' && segment !== '.') segments.push(segment);
  }
  return segments.join('/');
}

function listSheets(workbookXml: string): SheetEntry[] {
  const sheets: SheetEntry[] = [];
  for (const match of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const attrs = attributes(match[1] ?? '');
    // The relationship id is `r:id`, whatever prefix the file binds to the namespace.
    const idKey = [...attrs.keys()].find((key) => key.endsWith(':id'));
    sheets.push({
      name: (attrs.get('name') ?? '').normalize('NFC'),
      relationshipId: idKey === undefined ? '' : (attrs.get(idKey) ?? ''),
    });
  }
  return sheets;
}

function chooseSheet(sheets: SheetEntry[], wanted: string | number | undefined): SheetEntry {
  const names = sheets.map((s) => `'${s.name}'`).join(', ');
  if (sheets.length === 0) throw new FeedError('invalid_xlsx', 'the workbook lists no sheets');
  if (wanted === undefined) return sheets[0]!;
  if (typeof wanted === 'number') {
    const sheet = sheets[wanted];
    if (sheet === undefined)
      throw new FeedError(
        'invalid_xlsx',
        `sheet index ${wanted} not found: the workbook has ${sheets.length} sheet(s): ${names}`,
      );
    return sheet;
  }
  // Excel treats sheet names case-insensitively (it refuses `Data` next to `DATA`).
  const name = wanted.normalize('NFC');
  const sheet = sheets.find((s) => s.name === name) ?? sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (sheet === undefined)
    throw new FeedError('invalid_xlsx', `sheet '${wanted}' not found: the workbook has ${names}`);
  return sheet;
}

/** The attributes of a start tag, values entity-decoded. */
function attributes(tagBody: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const match of tagBody.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attrs.set(match[1] ?? '', decodeXmlText(match[2] ?? match[3] ?? ''));
  }
  return attrs;
}

// ---------------------------------------------------------------------------------------
// Cell text.

/** Prefilter: most cell texts are plain ASCII with nothing to decode or normalize. */
const NEEDS_DECODING = /[&_\r\u0080-\uffff]/;

/** The text a user sees from the raw text of an element: entities, `_xHHHH_`, NFC. */
function cellText(raw: string): string {
  if (!NEEDS_DECODING.test(raw)) return raw;
  return decodeOoxmlEscapes(decodeXmlText(raw)).normalize('NFC');
}

/** The namespace prefix a part uses for SpreadsheetML elements (`x:` in some generators). */
function prefixOf(xml: string, rootElement: string): string {
  return new RegExp(`<(\\w+:)?${rootElement}[\\s>/]`).exec(xml)?.[1] ?? '';
}

/**
 * The text of a string item (`<si>`, `<is>`): its `<t>`, or its rich-text runs `<r><t>`
 * joined. Phonetic guides (`<rPh>`, furigana) are not part of the text.
 */
function richText(xml: string, p: string): string {
  if (xml.startsWith(`<${p}t>`) && xml.indexOf('<', 1) === xml.length - p.length - 4)
    return cellText(xml.slice(p.length + 3, -(p.length + 4)));
  const runs = xml.includes(`<${p}rPh`) ? xml.replace(new RegExp(`<${p}rPh\\b[\\s\\S]*?</${p}rPh>`, 'g'), '') : xml;
  let text = '';
  for (const match of runs.matchAll(new RegExp(`<${p}t(?:\\s[^>]*)?(?:/>|>([^<]*)</${p}t>)`, 'g')))
    text += match[1] ?? '';
  return cellText(text);
}

function readSharedStrings(xml: string | undefined): string[] {
  if (xml === undefined) return [];
  const p = prefixOf(xml, 'sst');
  const open = `<${p}si`;
  const close = `</${p}si>`;
  const strings: string[] = [];
  // Every <si> counts, empty ones included: cells refer to strings by position.
  for (let at = xml.indexOf(open); at >= 0; at = xml.indexOf(open, at)) {
    const tagEnd = xml.indexOf('>', at);
    if (tagEnd < 0) break;
    if (xml[tagEnd - 1] === '/') {
      strings.push('');
      at = tagEnd;
      continue;
    }
    const end = xml.indexOf(close, tagEnd);
    if (end < 0)
      throw new FeedError('invalid_xlsx', `the shared strings part is cut off after string ${strings.length}`);
    strings.push(richText(xml.slice(tagEnd + 1, end), p));
    at = end;
  }
  return strings;
}

// ---------------------------------------------------------------------------------------
// The worksheet.
//
// The sheet data is the bulk of the work: 1.2 million cells for 100,000 rows of 12. It is read
// in two passes. The scan goes through the bytes (V8 reads them two to three times faster than
// the characters of a string, measured) and notes where each cell's text is, in typed arrays:
// every error of the part is found before a row is handed out, and nothing is made that the
// garbage collector must trace. The rows' strings are made as the caller iterates them, so a
// row is garbage soon after it is made; when all of them were made first, the collector copied
// them from one young generation to the next and cost as much as the scan. No regexes on the
// scan: a match array per cell made the first version spend more time collecting garbage than
// scanning.

function scanWorksheet(bytes: Uint8Array, sharedStrings: string[]): { cells: SheetCells; merges: XlsxRange[] } {
  const xml = decodePart(bytes);
  const p = prefixOf(xml, 'worksheet');
  const scan = new SheetScanner(bytes, xml, p);
  const cells = new SheetCells(scan, sharedStrings);
  const dataStart = scan.indexOf(`<${p}sheetData`, 0);
  const dataEnd = dataStart < 0 ? -1 : scan.lastIndexOf(`</${p}sheetData>`);
  if (dataEnd >= 0) scanSheetData(scan, dataStart, dataEnd, cells);

  // <mergeCells> follows <sheetData>: search only the tail of the part.
  const merges: XlsxRange[] = [];
  const tail = xml.slice(Math.max(0, xml.lastIndexOf(`</${p}sheetData>`)));
  for (const match of tail.matchAll(new RegExp(`<${p}mergeCell\\s[^>]*?ref\\s*=\\s*["']([^"']*)`, 'g'))) {
    const [from = '', to = from] = (match[1] ?? '').split(':');
    merges.push({ first: cellPosition(from), last: cellPosition(to) });
  }
  return { cells, merges };
}

/**
 * The part as text. A sheet of numbers and shared-string indexes is all ASCII, and ASCII is
 * copied byte for byte several times faster than it is decoded as UTF-8 (which it also is).
 */
function decodePart(bytes: Uint8Array): string {
  return isAscii(bytes)
    ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
    : utf8.decode(bytes);
}

/** The first pass: every row and cell tag of the sheet data, into `cells`. */
function scanSheetData(scan: SheetScanner, from: number, to: number, cells: SheetCells): void {
  let line = 0;
  let column = -1;
  for (let at = from; scan.nextTag(at, to); at = scan.after) {
    if (scan.isRow) {
      // Without r, a row follows the one before it (the spec makes r optional).
      const number = scan.r < 0 ? -1 : scan.digits(scan.r, scan.rEnd);
      line = number > 0 ? number : line + 1;
      column = -1;
      cells.startRow(line);
      continue;
    }
    column = scan.r < 0 ? column + 1 : scan.column(scan.r, scan.rEnd);
    if (column >= MAX_COLUMNS) throw pastXfd(line);
    noteCell(scan, cells, line, column);
  }
  cells.endRow();
}

function pastXfd(line: number): FeedError {
  return new FeedError('invalid_xlsx', `row ${line} has a cell past column XFD`);
}

/** Notes where the text of the cell the scanner is on is, from its type `t` and its `<v>` or `<is>`. */
function noteCell(scan: SheetScanner, cells: SheetCells, line: number, column: number): void {
  const { bytes } = scan;
  if (scan.inlineStart >= 0) return cells.add(column, INLINE_STRING, scan.inlineStart, scan.inlineEnd);
  // <c r="B2" s="3"/> and <v></v> are formatting only.
  if (scan.valueStart < 0 || scan.valueStart === scan.valueEnd) return;
  const type = scan.t < 0 ? 0 : bytes[scan.t];
  const typeLength = scan.tEnd - scan.t;
  if (typeLength === 1 && type === 115 /* s */) {
    const index = scan.digits(scan.valueStart, scan.valueEnd);
    const text = cells.sharedStrings[index];
    if (text === undefined) throw noSuchSharedString(scan, cells.sharedStrings, line, column);
    if (text !== '') cells.add(column, SHARED_STRING, index, index);
    return;
  }
  if (typeLength === 1 && type === 98 /* b */ && scan.valueEnd - scan.valueStart === 1) {
    const bit = bytes[scan.valueStart];
    if (bit === 49 /* 1 */) return cells.add(column, BOOLEAN_TRUE, 0, 0);
    if (bit === 48 /* 0 */) return cells.add(column, BOOLEAN_FALSE, 0, 0);
  }
  // Numbers (no t, or "n") as written; "str" (a formula's text), "e" (#N/A), "d" (ISO date).
  cells.add(column, RAW_TEXT, scan.valueStart, scan.valueEnd);
}

function noSuchSharedString(scan: SheetScanner, sharedStrings: string[], line: number, column: number): FeedError {
  const index = scan.text(scan.valueStart, scan.valueEnd);
  return new FeedError(
    'invalid_xlsx',
    `cell ${columnName(column)}${line} refers to shared string ${index}, but the workbook has ${sharedStrings.length}`,
  );
}

// What a noted cell's `start` and `end` are.
/** The bytes of a `<v>`, whose text cellText gives. */
const RAW_TEXT = 0;
/** `start` is the index of a non-empty shared string. */
const SHARED_STRING = 1;
/** The bytes inside an `<is>`, whose text richText gives. */
const INLINE_STRING = 2;
/** A boolean cell; neither is used. */
const BOOLEAN_TRUE = 3;
const BOOLEAN_FALSE = 4;

/**
 * The sheet's cells as the scan noted them: per row its line and first cell, per cell its
 * column and where its text is. Rows are made from them when asked for (the second pass).
 */
class SheetCells {
  private rowCount = 0;
  private rowLines: Float64Array;
  /** Where each row's cells start; a row's cells end where the next row's start. */
  private rowStarts: Int32Array;
  private cellCount = 0;
  private columns: Uint16Array; // A..XFD
  private kinds: Uint8Array;
  private starts: Uint32Array;
  private ends: Uint32Array;
  /** Whether each row's line is above the next one's: then file order is line order. */
  private ascending = true;
  /** The line of the row cells are being noted for; cells before any <row> (a broken file) are row 0's. */
  private line = 0;

  constructor(
    private readonly scan: SheetScanner,
    readonly sharedStrings: string[],
  ) {
    // Sized for a cell in 24 bytes (a shared string with its row's share of the <row> tag takes
    // about 30): growing the arrays as the scan goes cost a tenth of the scan.
    const cells = Math.max(1024, Math.ceil(scan.bytes.length / 24));
    this.columns = new Uint16Array(cells);
    this.kinds = new Uint8Array(cells);
    this.starts = new Uint32Array(cells);
    this.ends = new Uint32Array(cells);
    this.rowLines = new Float64Array(Math.ceil(cells / 8));
    this.rowStarts = new Int32Array(this.rowLines.length + 1);
  }

  /** Ends the row before and starts the one on `line`. */
  startRow(line: number): void {
    this.endRow();
    this.line = line;
  }

  /** Keeps the row cells have been noted for, if any were. */
  endRow(): void {
    if (this.cellCount === this.rowStarts[this.rowCount]) return;
    if (this.rowCount > 0 && this.rowLines[this.rowCount - 1]! >= this.line) this.ascending = false;
    if (this.rowCount + 1 === this.rowLines.length) {
      this.rowLines = grown(this.rowLines);
      this.rowStarts = grown(this.rowStarts);
    }
    this.rowLines[this.rowCount++] = this.line;
    this.rowStarts[this.rowCount] = this.cellCount;
  }

  add(column: number, kind: number, start: number, end: number): void {
    const at = this.cellCount++;
    if (at === this.columns.length) {
      this.columns = grown(this.columns);
      this.kinds = grown(this.kinds);
      this.starts = grown(this.starts);
      this.ends = grown(this.ends);
    }
    this.columns[at] = column;
    this.kinds[at] = kind;
    this.starts[at] = start;
    this.ends[at] = end;
  }

  *rows(): Generator<XlsxRow> {
    for (let index = 0; index < this.rowCount; index++) {
      const row = this.row(index);
      if (row) yield row;
    }
  }

  rowsByLine(): Generator<XlsxRow> {
    return this.ascending ? this.rows() : this.sortedRows();
  }

  private *sortedRows(): Generator<XlsxRow> {
    const lines = this.rowLines;
    const order = Array.from({ length: this.rowCount }, (_, index) => index).sort(
      (a, b) => lines[a]! - lines[b]! || a - b,
    );
    for (let i = 0; i < order.length; ) {
      let next = i + 1;
      while (next < order.length && lines[order[next]!] === lines[order[i]!]) next++;
      // Of the rows that claim one line, the last with any text.
      for (let last = next - 1; last >= i; last--) {
        const row = this.row(order[last]!);
        if (row) {
          yield row;
          break;
        }
      }
      i = next;
    }
  }

  /** The row at `index` with its texts; undefined when every one is empty (an inline `<is><t/></is>`). */
  private row(index: number): XlsxRow | undefined {
    const cells: string[] = [];
    for (let cell = this.rowStarts[index]!, end = this.rowStarts[index + 1]!; cell < end; cell++) {
      const text = this.text(cell);
      if (text === '') continue;
      // Cells come in column order; the loop fills the gap, the index covers a file where not.
      const column = this.columns[cell]!;
      while (cells.length < column) cells.push('');
      cells[column] = text;
    }
    return cells.length > 0 ? { line: this.rowLines[index]!, cells } : undefined;
  }

  private text(cell: number): string {
    const start = this.starts[cell]!;
    switch (this.kinds[cell]) {
      case SHARED_STRING:
        return this.sharedStrings[start]!;
      case BOOLEAN_TRUE:
        return 'TRUE';
      case BOOLEAN_FALSE:
        return 'FALSE';
      case INLINE_STRING:
        return richText(this.scan.text(start, this.ends[cell]!), this.scan.p);
      default:
        return cellText(this.scan.text(start, this.ends[cell]!));
    }
  }
}

/** A typed array twice as long, with the same start. */
function grown<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}

// Bytes of the markup the scanner looks for.
const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const EQUALS = 61;
const QUOTE = 34;
const APOSTROPHE = 39;
const C = 99;
const V = 118;

/**
 * Steps through the `<row>` and `<c>` start tags of a sheet's bytes. For each it records where
 * the values of the `r` and `t` attributes are and, for a cell, where its `<v>` or `<is>`
 * content is; the cell's children are passed with it, so `<is><r>` is never taken for a row.
 * Other tags (`</row>`, `<extLst>`) are skipped.
 *
 * Each byte is looked at about once, in loops over a local `bytes` that the JIT compiles to
 * plain loads: at a quarter of a microsecond a cell, a scanner that searched each piece of a
 * cell again (its children, then its end tag) cost more than the rest of the XLSX path.
 */
class SheetScanner {
  isRow = false;
  /** Where the next search starts: after the row tag, or after the cell's end tag. */
  after = 0;
  r = -1;
  rEnd = -1;
  t = -1;
  tEnd = -1;
  valueStart = -1;
  valueEnd = -1;
  inlineStart = -1;
  inlineEnd = -1;
  private readonly prefix: Uint8Array;
  /** `</is>`, prefixed as the part's elements are: where an inline string's runs end. */
  private readonly inlineStringEnd: Uint8Array;
  /** Whether every byte decoded to one character (an ASCII part): then offsets agree. */
  private readonly aligned: boolean;

  constructor(
    readonly bytes: Uint8Array,
    private readonly xml: string,
    readonly p: string,
  ) {
    this.prefix = asciiBytes(p);
    this.inlineStringEnd = asciiBytes(`</${p}is>`);
    this.aligned = xml.length === bytes.length;
  }

  /** The text of bytes [from, to): a slice of the decoded part when offsets agree. */
  text(from: number, to: number): string {
    return this.aligned ? this.xml.slice(from, to) : utf8.decode(this.bytes.subarray(from, to));
  }

  /** Where the ASCII `pattern` next occurs from `from`, or -1. */
  indexOf(pattern: string | Uint8Array, from: number): number {
    const bytes = typeof pattern === 'string' ? asciiBytes(pattern) : pattern;
    for (let at = from; at <= this.bytes.length - bytes.length; at++) if (this.isAt(bytes, at)) return at;
    return -1;
  }

  /** Where the ASCII `pattern` last occurs, or -1: for end tags near the end of the part. */
  lastIndexOf(pattern: string): number {
    const bytes = asciiBytes(pattern);
    for (let at = this.bytes.length - bytes.length; at >= 0; at--) if (this.isAt(bytes, at)) return at;
    return -1;
  }

  private isAt(pattern: Uint8Array, at: number): boolean {
    const { bytes } = this;
    for (let i = 0; i < pattern.length; i++) if (bytes[at + i] !== pattern[i]) return false;
    return true;
  }

  /** Where the element name of a tag whose `<` (or `</`) ends before `at` starts, past the prefix; -1 when the prefix is another. */
  private nameAt(at: number): number {
    return this.prefix.length === 0 ? at : this.isAt(this.prefix, at) ? at + this.prefix.length : -1;
  }

  /** Moves to the next `<row>` or `<c>` start tag in [from, to); false when there is none. */
  nextTag(from: number, to: number): boolean {
    const { bytes } = this;
    for (let lt = indexOfByte(bytes, LT, from); lt >= 0 && lt < to; lt = indexOfByte(bytes, LT, lt + 1)) {
      const name = this.nameAt(lt + 1);
      if (name < 0) continue;
      const first = bytes[name];
      const isRow =
        first === 114 /* r */ &&
        bytes[name + 1] === 111 /* o */ &&
        bytes[name + 2] === 119 /* w */ &&
        isNameEnd(bytes[name + 3]);
      if (!isRow && !(first === 99 /* c */ && isNameEnd(bytes[name + 1]))) continue;
      this.isRow = isRow;
      this.valueStart = this.inlineStart = -1;
      const selfClosing = this.readAttributes(name + (isRow ? 3 : 1));
      if (!isRow && !selfClosing && !this.readPlainValue(this.after)) this.readCellContent(this.after);
      return true;
    }
    return false;
  }

  /**
   * Reads `name="value"` (or `'value'`) pairs up to the end of the tag, keeping r and t;
   * sets `after` past the tag and says whether it closes itself (`<c r="A1"/>`).
   */
  private readAttributes(from: number): boolean {
    const { bytes } = this;
    const length = bytes.length;
    this.r = this.t = -1;
    let at = from;
    for (;;) {
      let code = bytes[at];
      while (isSpace(code)) code = bytes[++at];
      if (code === GT) {
        this.after = at + 1;
        return false;
      }
      if (code === SLASH) {
        this.after = indexOfByte(bytes, GT, at) + 1;
        if (this.after === 0) throw cutOff();
        return true;
      }
      const nameStart = at;
      while (code !== EQUALS && !isSpace(code) && at < length) code = bytes[++at];
      const nameLength = at - nameStart;
      while (code !== QUOTE && code !== APOSTROPHE && at < length) code = bytes[++at];
      const valueEnd = indexOfByte(bytes, code ?? QUOTE, at + 1);
      if (valueEnd < 0) throw cutOff();
      if (nameLength === 1) {
        const letter = bytes[nameStart];
        if (letter === 114 /* r */) {
          this.r = at + 1;
          this.rEnd = valueEnd;
        } else if (letter === 116 /* t */) {
          this.t = at + 1;
          this.tEnd = valueEnd;
        }
      }
      at = valueEnd + 1;
    }
  }

  /** Finds the cell's `<v>` or `<is>` among its children (`<f>` may come first) and its end tag. */
  private readCellContent(from: number): void {
    const { bytes } = this;
    for (let lt = indexOfByte(bytes, LT, from); lt >= 0; lt = indexOfByte(bytes, LT, lt + 1)) {
      const closing = bytes[lt + 1] === SLASH;
      const name = this.nameAt(lt + (closing ? 2 : 1));
      if (name < 0) continue;
      const first = bytes[name];
      if (closing) {
        if (first === 99 /* c */ && isNameEnd(bytes[name + 1])) {
          this.after = indexOfByte(bytes, GT, name) + 1;
          return;
        }
      } else if (first === 118 /* v */ && isNameEnd(bytes[name + 1])) {
        const gt = indexOfByte(bytes, GT, name);
        if (gt < 0) break;
        if (bytes[gt - 1] === SLASH) continue; // <v/>
        // Text holds no '<' (it would be &lt;), so the value ends at the next tag.
        this.valueStart = gt + 1;
        this.valueEnd = indexOfByte(bytes, LT, gt);
        if (this.valueEnd < 0) break;
        lt = this.valueEnd - 1;
      } else if (first === 105 /* i */ && bytes[name + 1] === 115 /* s */ && isNameEnd(bytes[name + 2])) {
        const gt = indexOfByte(bytes, GT, name);
        if (gt < 0) break;
        if (bytes[gt - 1] === SLASH) continue; // <is/>
        // Skip the runs as a whole: their tags (<r>, <rPr>) are not the cell's.
        const end = this.indexOf(this.inlineStringEnd, gt);
        if (end < 0) break;
        this.inlineStart = gt + 1;
        this.inlineEnd = end;
        lt = end;
      }
    }
    throw cutOff();
  }

  /**
   * The cell as most writers write it, `<v>text</v></c>` right after its start tag, in one
   * pass; false, having moved nothing, for other content (a formula, an inline string, spaces
   * between the tags) and in a part whose elements are prefixed, which readCellContent reads.
   */
  private readPlainValue(from: number): boolean {
    const { bytes } = this;
    if (this.prefix.length > 0 || bytes[from] !== LT || bytes[from + 1] !== V || bytes[from + 2] !== GT) return false;
    const end = indexOfByte(bytes, LT, from + 3);
    // `</v></c>` byte by byte: a loop over the pattern cost twice as much.
    if (end < 0 || bytes[end + 1] !== SLASH || bytes[end + 2] !== V || bytes[end + 3] !== GT) return false;
    if (bytes[end + 4] !== LT || bytes[end + 5] !== SLASH || bytes[end + 6] !== C || bytes[end + 7] !== GT)
      return false;
    this.valueStart = from + 3;
    this.valueEnd = end;
    this.after = end + 8;
    return true;
  }

  /** The non-negative integer written in [from, to), or -1. */
  digits(from: number, to: number): number {
    if (from >= to || to - from > 15) return -1;
    const { bytes } = this;
    let value = 0;
    for (let at = from; at < to; at++) {
      const digit = bytes[at]! - 48;
      if (!(digit >= 0 && digit <= 9)) return -1;
      value = value * 10 + digit;
    }
    return value;
  }

  /** The 0-based column of the cell reference in [from, to) (`C5` → 2). */
  column(from: number, to: number): number {
    const { bytes } = this;
    let column = 0;
    let at = from;
    for (; at < to && at - from <= 3; at++) {
      const code = bytes[at]! & ~0x20; // upper case
      if (code < 65 || code > 90) break;
      column = column * 26 + code - 64;
    }
    if (at === from || at - from > 3 || column > MAX_COLUMNS) return cellPosition(this.text(from, to)).column; // throws, naming the reference
    return column - 1;
  }
}

/** Where the byte `code` next occurs from `from`, or -1. (A loop: the JIT inlines it.) */
function indexOfByte(bytes: Uint8Array, code: number, from: number): number {
  const end = bytes.length;
  let at = from;
  while (at < end && bytes[at] !== code) at++;
  return at < end ? at : -1;
}

function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

function cutOff(): FeedError {
  return new FeedError('invalid_xlsx', 'the sheet is cut off in the middle of a tag');
}

function isSpace(code: number | undefined): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** What may follow an element name in a tag: space, `>`, or `/>`. */
function isNameEnd(code: number | undefined): boolean {
  return isSpace(code) || code === 62 || code === 47;
}

/** `C5` → row 5, column 2. Columns A..XFD; the row part may be absent (as in `A:C` ranges). */
function cellPosition(ref: string): { row: number; column: number } {
  let column = 0;
  let at = 0;
  for (; at < ref.length; at++) {
    const code = ref.charCodeAt(at) & ~0x20; // upper-case
    if (code < 65 || code > 90) break;
    column = column * 26 + code - 64;
  }
  const row = Number(ref.slice(at));
  if (at === 0 || at > 3 || column > MAX_COLUMNS || !Number.isInteger(row)) {
    throw new FeedError('invalid_xlsx', `'${ref}' is not a cell reference (columns go from A to XFD)`);
  }
  return { row, column: column - 1 };
}

function columnName(column: number): string {
  let name = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

// ---------------------------------------------------------------------------------------
// The zip container.

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  headerOffset: number;
}

/** The entries of a zip from its central directory (the local headers may lack sizes). */
class ZipReader {
  private readonly entries = new Map<string, ZipEntry>();
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    limit: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (CFB_MAGIC.every((byte, i) => bytes[i] === byte)) {
      throw new FeedError(
        'invalid_xlsx',
        'the workbook is password-protected or in the old .xls format; save it as .xlsx',
      );
    }
    let declared = 0;
    for (const entry of this.readDirectory()) {
      declared += entry.size;
      // Part names are case-insensitive in OPC, and some writers disagree on case.
      this.entries.set(entry.name.toLowerCase(), entry);
    }
    if (declared > limit) {
      throw new FeedError(
        'invalid_xlsx',
        `the workbook expands to ${declared} bytes, more than the ${limit}-byte limit (a damaged file or a zip bomb)`,
      );
    }
  }

  /** The part at `path`, decoded as UTF-8, or undefined when the zip has no such entry. */
  text(path: string): string | undefined {
    const bytes = this.part(path);
    return bytes === undefined ? undefined : utf8.decode(bytes);
  }

  /** The bytes of the part at `path`, or undefined when the zip has no such entry. */
  part(path: string): Uint8Array | undefined {
    const entry = this.entries.get(path.replace(/^\//, '').toLowerCase());
    return entry === undefined ? undefined : this.inflate(entry);
  }

  private readDirectory(): ZipEntry[] {
    const end = this.findEndOfDirectory();
    let count = this.u16(end + 10);
    let offset = this.u32(end + 16);
    if (count === 0xffff || offset === 0xffffffff) {
      // Zip64: the real values are in a second end record that a locator points to.
      const locator = end - 20;
      if (locator < 0 || this.u32(locator) !== 0x07064b50) throw corrupt('its zip64 directory has no locator');
      const end64 = this.u64(locator + 8);
      if (this.u32(end64) !== 0x06064b50) throw corrupt('its zip64 directory has no end record');
      count = this.u64(end64 + 32);
      offset = this.u64(end64 + 48);
    }
    const entries: ZipEntry[] = [];
    for (let i = 0, at = offset; i < count; i++) {
      if (this.u32(at) !== 0x02014b50) throw corrupt('its zip directory is broken');
      const nameLength = this.u16(at + 28);
      const extraLength = this.u16(at + 30);
      const entry: ZipEntry = {
        name: utf8.decode(this.slice(at + 46, nameLength)),
        flags: this.u16(at + 8),
        method: this.u16(at + 10),
        compressedSize: this.u32(at + 20),
        size: this.u32(at + 24),
        headerOffset: this.u32(at + 42),
      };
      this.applyZip64Extra(entry, at + 46 + nameLength, extraLength);
      if (!entry.name.endsWith('/')) entries.push(entry);
      at += 46 + nameLength + extraLength + this.u16(at + 32);
    }
    return entries;
  }

  private findEndOfDirectory(): number {
    // The end record is the last 22 bytes plus a comment of up to 65,535 bytes.
    const stop = Math.max(0, this.bytes.length - 22 - 0xffff);
    for (let at = this.bytes.length - 22; at >= stop; at--) {
      if (this.view.getUint32(at, true) === 0x06054b50) return at;
    }
    // A zip starts with a local header and ends with the directory: an upload cut short has one.
    if (this.bytes.length >= 4 && this.view.getUint32(0, true) === 0x04034b50) {
      throw new FeedError('invalid_xlsx', 'the .xlsx file is truncated: its zip directory is missing');
    }
    throw new FeedError('invalid_xlsx', 'the file is not an .xlsx workbook (it is not a zip archive)');
  }

  /** A field that overflowed 32 bits holds 0xFFFFFFFF; its value is then in extra field 1. */
  private applyZip64Extra(entry: ZipEntry, start: number, length: number): void {
    if (entry.size !== 0xffffffff && entry.compressedSize !== 0xffffffff && entry.headerOffset !== 0xffffffff) return;
    for (let at = start; at + 4 <= start + length; at += 4 + this.u16(at + 2)) {
      if (this.u16(at) !== 1) continue;
      let field = at + 4;
      for (const key of ['size', 'compressedSize', 'headerOffset'] as const) {
        if (entry[key] === 0xffffffff) {
          entry[key] = this.u64(field);
          field += 8;
        }
      }
      return;
    }
  }

  private inflate(entry: ZipEntry): Uint8Array {
    if (entry.flags & 1)
      throw new FeedError('invalid_xlsx', 'the workbook is password-protected; save it without a password');
    const header = entry.headerOffset;
    if (this.u32(header) !== 0x04034b50) throw corrupt(`the zip entry of ${entry.name} is broken`);
    const data = this.slice(header + 30 + this.u16(header + 26) + this.u16(header + 28), entry.compressedSize);
    if (entry.method === 0) {
      if (data.length !== entry.size) throw corrupt(`${entry.name} is not the size its zip directory declares`);
      return data;
    }
    if (entry.method !== 8)
      throw new FeedError(
        'invalid_xlsx',
        `${entry.name} uses zip compression method ${entry.method}; only deflate is supported`,
      );

    // Node's own zlib (native, about 3× fflate here), told to stop past the declared size: a
    // lying size (a zip bomb) fails instead of allocating what the bomb unpacks to.
    let out: Uint8Array;
    try {
      // One output chunk a byte larger than declared: the part arrives in one piece, not in
      // 16 KiB chunks that are then copied together (a third of the time for a large sheet),
      // and a part that does not end there is over its size at once.
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size), chunkSize: Math.max(64, entry.size + 1) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new FeedError(
          'invalid_xlsx',
          `${entry.name} inflates to more than its declared ${entry.size} bytes (a damaged file or a zip bomb)`,
        );
      }
      throw new FeedError(
        'invalid_xlsx',
        `the .xlsx file is damaged: ${entry.name} does not inflate (${(error as Error).message})`,
        undefined,
        { cause: error },
      );
    }
    const filled = out.length;
    if (filled !== entry.size)
      throw corrupt(`${entry.name} inflates to ${filled} bytes, not the ${entry.size} its zip directory declares`);
    return out;
  }

  private slice(at: number, length: number): Uint8Array {
    if (at + length > this.bytes.length) throw corrupt('a zip entry runs past the end of the file');
    return this.bytes.subarray(at, at + length);
  }

  private u16(at: number): number {
    if (at < 0 || at + 2 > this.bytes.length) throw corrupt('it is truncated');
    return this.view.getUint16(at, true);
  }

  private u32(at: number): number {
    if (at < 0 || at + 4 > this.bytes.length) throw corrupt('it is truncated');
    return this.view.getUint32(at, true);
  }

  private u64(at: number): number {
    return this.u32(at) + this.u32(at + 4) * 2 ** 32;
  }
}

function corrupt(what: string): FeedError {
  return new FeedError('invalid_xlsx', `the .xlsx file is damaged: ${what}`);
}
