import { inflateRawSync } from 'node:zlib';
import { FeedError } from '../../ingest/feed-error';
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
  const limit = options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES;
  if (!(limit > 0)) throw new Error(`maxUncompressedBytes must be > 0, got ${limit}`);
  const zip = new ZipReader(bytes, limit);

  const workbookPath = relationships(zip, '_rels/.rels', '').find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const workbookXml = zip.text(workbookPath);
  if (workbookXml === undefined) throw new FeedError('invalid_xlsx', `the zip has no workbook (${workbookPath}): it is not an .xlsx file`);
  const workbookRels = relationships(zip, relsPathOf(workbookPath), workbookPath);
  const sheet = chooseSheet(listSheets(workbookXml), options.sheet);

  const target = workbookRels.find((r) => r.id === sheet.relationshipId);
  if (target === undefined) throw new FeedError('invalid_xlsx', `sheet '${sheet.name}' has no part in the workbook relationships`);
  if (!target.type.endsWith('/worksheet')) throw new FeedError('invalid_xlsx', `sheet '${sheet.name}' is not a worksheet (it is a ${target.type.slice(target.type.lastIndexOf('/') + 1)})`);
  const sheetXml = zip.part(target.target);
  if (sheetXml === undefined) throw new FeedError('invalid_xlsx', `the part of sheet '${sheet.name}' (${target.target}) is missing from the zip`);

  const stringsPath = workbookRels.find((r) => r.type.endsWith('/sharedStrings'))?.target;
  const sharedStrings = readSharedStrings(stringsPath === undefined ? undefined : zip.text(stringsPath));
  return { name: sheet.name, ...readWorksheet(sheetXml, sharedStrings) };
}

// ---------------------------------------------------------------------------------------
// Workbook structure: which sheets exist and where their parts are.

interface Relationship { id: string; type: string; target: string }
interface SheetEntry { name: string; relationshipId: string }

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
    sheets.push({ name: (attrs.get('name') ?? '').normalize('NFC'), relationshipId: idKey === undefined ? '' : attrs.get(idKey) ?? '' });
  }
  return sheets;
}

function chooseSheet(sheets: SheetEntry[], wanted: string | number | undefined): SheetEntry {
  const names = sheets.map((s) => `'${s.name}'`).join(', ');
  if (sheets.length === 0) throw new FeedError('invalid_xlsx', 'the workbook lists no sheets');
  if (wanted === undefined) return sheets[0]!;
  if (typeof wanted === 'number') {
    const sheet = sheets[wanted];
    if (sheet === undefined) throw new FeedError('invalid_xlsx', `sheet index ${wanted} not found: the workbook has ${sheets.length} sheet(s): ${names}`);
    return sheet;
  }
  // Excel treats sheet names case-insensitively (it refuses `Data` next to `DATA`).
  const name = wanted.normalize('NFC');
  const sheet = sheets.find((s) => s.name === name) ?? sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (sheet === undefined) throw new FeedError('invalid_xlsx', `sheet '${wanted}' not found: the workbook has ${names}`);
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
  if (xml.startsWith(`<${p}t>`) && xml.indexOf('<', 1) === xml.length - p.length - 4) return cellText(xml.slice(p.length + 3, -(p.length + 4)));
  const runs = xml.includes(`<${p}rPh`) ? xml.replace(new RegExp(`<${p}rPh\\b[\\s\\S]*?</${p}rPh>`, 'g'), '') : xml;
  let text = '';
  for (const match of runs.matchAll(new RegExp(`<${p}t(?:\\s[^>]*)?(?:/>|>([^<]*)</${p}t>)`, 'g'))) text += match[1] ?? '';
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
    if (end < 0) throw new FeedError('invalid_xlsx', `the shared strings part is cut off after string ${strings.length}`);
    strings.push(richText(xml.slice(tagEnd + 1, end), p));
    at = end;
  }
  return strings;
}

// ---------------------------------------------------------------------------------------
// The worksheet.
//
// The sheet data is the bulk of the work: 1.2 million cells for 100,000 rows of 12. It is
// scanned as bytes, which V8 reads two to three times faster than the characters of a string
// (measured), and only cell texts become strings. No regexes on this path: a match array per
// cell made the first version spend more time collecting garbage than scanning.

function readWorksheet(bytes: Uint8Array, sharedStrings: string[]): { rows: XlsxRow[]; merges: XlsxRange[] } {
  const xml = utf8.decode(bytes);
  const p = prefixOf(xml, 'worksheet');
  const scan = new SheetScanner(bytes, xml, p);
  const dataStart = scan.indexOf(`<${p}sheetData`, 0);
  const dataEnd = dataStart < 0 ? -1 : scan.lastIndexOf(`</${p}sheetData>`);
  const rows = dataEnd < 0 ? [] : readSheetData(scan, dataStart, dataEnd, sharedStrings);

  // <mergeCells> follows <sheetData>: search only the tail of the part.
  const merges: XlsxRange[] = [];
  const tail = xml.slice(Math.max(0, xml.lastIndexOf(`</${p}sheetData>`)));
  for (const match of tail.matchAll(new RegExp(`<${p}mergeCell\\s[^>]*?ref\\s*=\\s*["']([^"']*)`, 'g'))) {
    const [from = '', to = from] = (match[1] ?? '').split(':');
    merges.push({ first: cellPosition(from), last: cellPosition(to) });
  }
  return { rows, merges };
}

function readSheetData(scan: SheetScanner, from: number, to: number, sharedStrings: string[]): XlsxRow[] {
  const rows: XlsxRow[] = [];
  let line = 0;
  let column = -1;
  let cells: string[] = [];
  for (let at = from; scan.nextTag(at, to); at = scan.after) {
    if (scan.isRow) {
      if (cells.length > 0) rows.push({ line, cells });
      cells = [];
      // Without r, a row follows the one before it (the spec makes r optional).
      const number = scan.r < 0 ? -1 : scan.digits(scan.r, scan.rEnd);
      line = number > 0 ? number : line + 1;
      column = -1;
      continue;
    }
    column = scan.r < 0 ? column + 1 : scan.column(scan.r, scan.rEnd);
    if (column >= MAX_COLUMNS) throw new FeedError('invalid_xlsx', `row ${line} has a cell past column XFD`);
    const text = cellValue(scan, sharedStrings, line, column);
    if (text === '') continue; // <c r="B2" s="3"/> is formatting only
    // Cells come in column order; the loop fills the gap, the index covers a file where not.
    while (cells.length < column) cells.push('');
    cells[column] = text;
  }
  if (cells.length > 0) rows.push({ line, cells });
  return rows;
}

/** The text of the cell the scanner is on, from its type `t` and its `<v>` or `<is>`. */
function cellValue(scan: SheetScanner, sharedStrings: string[], line: number, column: number): string {
  const { bytes } = scan;
  if (scan.inlineStart >= 0) return richText(scan.text(scan.inlineStart, scan.inlineEnd), scan.p);
  if (scan.valueStart < 0) return '';
  const type = scan.t < 0 ? 0 : bytes[scan.t];
  const typeLength = scan.tEnd - scan.t;
  if (typeLength === 1 && type === 115 /* s */) {
    const text = sharedStrings[scan.digits(scan.valueStart, scan.valueEnd)];
    if (text === undefined) {
      const index = scan.text(scan.valueStart, scan.valueEnd);
      throw new FeedError('invalid_xlsx', `cell ${columnName(column)}${line} refers to shared string ${index}, but the workbook has ${sharedStrings.length}`);
    }
    return text;
  }
  if (typeLength === 1 && type === 98 /* b */ && scan.valueEnd - scan.valueStart === 1) {
    const bit = bytes[scan.valueStart];
    if (bit === 49 /* 1 */) return 'TRUE';
    if (bit === 48 /* 0 */) return 'FALSE';
  }
  // Numbers (no t, or "n") as written; "str" (a formula's text), "e" (#N/A), "d" (ISO date).
  return cellText(scan.text(scan.valueStart, scan.valueEnd));
}

/**
 * Steps through the `<row>` and `<c>` start tags of a sheet's bytes. For each it records where
 * the values of the `r` and `t` attributes are and, for a cell, where its `<v>` or `<is>`
 * content is; the cell's children are passed with it, so `<is><r>` is never taken for a row.
 * Other tags (`</row>`, `<extLst>`) are skipped.
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
  private readonly prefix: number[];
  /** Whether every byte decoded to one character (an ASCII part): then offsets agree. */
  private readonly aligned: boolean;

  constructor(readonly bytes: Uint8Array, private readonly xml: string, readonly p: string) {
    this.prefix = [...p].map((char) => char.charCodeAt(0));
    this.aligned = xml.length === bytes.length;
  }

  /** The text of bytes [from, to): a slice of the decoded part when offsets agree. */
  text(from: number, to: number): string {
    return this.aligned ? this.xml.slice(from, to) : utf8.decode(this.bytes.subarray(from, to));
  }

  /** Where the ASCII `pattern` next occurs from `from`, or -1. */
  indexOf(pattern: string, from: number): number {
    for (let at = from; at <= this.bytes.length - pattern.length; at++) if (this.isAt(pattern, at)) return at;
    return -1;
  }

  /** Where the ASCII `pattern` last occurs, or -1: for end tags near the end of the part. */
  lastIndexOf(pattern: string): number {
    for (let at = this.bytes.length - pattern.length; at >= 0; at--) if (this.isAt(pattern, at)) return at;
    return -1;
  }

  private isAt(pattern: string, at: number): boolean {
    for (let i = 0; i < pattern.length; i++) if (this.bytes[at + i] !== pattern.charCodeAt(i)) return false;
    return true;
  }

  /** Moves to the next `<row>` or `<c>` start tag in [from, to); false when there is none. */
  nextTag(from: number, to: number): boolean {
    const { bytes } = this;
    for (let lt = this.find(60 /* < */, from); lt >= 0 && lt < to; lt = this.find(60, lt + 1)) {
      if (!this.hasPrefix(lt + 1)) continue;
      const name = lt + 1 + this.prefix.length;
      const isRow = bytes[name] === 114 /* r */ && bytes[name + 1] === 111 /* o */ && bytes[name + 2] === 119 /* w */ && isNameEnd(bytes[name + 3]);
      if (!isRow && !(bytes[name] === 99 /* c */ && isNameEnd(bytes[name + 1]))) continue;
      this.isRow = isRow;
      this.valueStart = this.inlineStart = -1;
      const selfClosing = this.readAttributes(name + (isRow ? 3 : 1));
      if (!isRow && !selfClosing) this.readCellContent(this.after);
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
    this.r = this.t = -1;
    let at = from;
    for (;;) {
      let code = bytes[at];
      while (isSpace(code)) code = bytes[++at];
      if (code === 62 /* > */ || code === 47 /* / */) {
        this.after = this.find(62, at) + 1;
        if (this.after === 0) throw cutOff();
        return code === 47;
      }
      const nameStart = at;
      while (code !== 61 /* = */ && !isSpace(code) && at < bytes.length) code = bytes[++at];
      const nameLength = at - nameStart;
      while (code !== 34 /* " */ && code !== 39 /* ' */ && at < bytes.length) code = bytes[++at];
      const valueEnd = this.find(code ?? 34, at + 1);
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
    for (let lt = this.find(60 /* < */, from); lt >= 0; lt = this.find(60, lt + 1)) {
      const closing = bytes[lt + 1] === 47; /* / */
      if (!this.hasPrefix(lt + (closing ? 2 : 1))) continue;
      const name = lt + (closing ? 2 : 1) + this.prefix.length;
      const first = bytes[name];
      if (closing) {
        if (first === 99 /* c */ && isNameEnd(bytes[name + 1])) {
          this.after = this.find(62, name) + 1;
          return;
        }
      } else if (first === 118 /* v */ && isNameEnd(bytes[name + 1])) {
        const gt = this.find(62 /* > */, name);
        if (gt < 0) break;
        if (bytes[gt - 1] === 47) continue; // <v/>
        // Text holds no '<' (it would be &lt;), so the value ends at the next tag.
        this.valueStart = gt + 1;
        this.valueEnd = this.find(60, gt);
        if (this.valueEnd < 0) break;
        lt = this.valueEnd - 1;
      } else if (first === 105 /* i */ && bytes[name + 1] === 115 /* s */ && isNameEnd(bytes[name + 2])) {
        const gt = this.find(62, name);
        if (gt < 0) break;
        if (bytes[gt - 1] === 47) continue; // <is/>
        // Skip the runs as a whole: their tags (<r>, <rPr>) are not the cell's.
        const end = this.indexOf(`</${this.p}is>`, gt);
        if (end < 0) break;
        this.inlineStart = gt + 1;
        this.inlineEnd = end;
        lt = end;
      }
    }
    throw cutOff();
  }

  /** Where the byte `code` next occurs from `from`, or -1. (A loop: the JIT inlines it.) */
  private find(code: number, from: number): number {
    const { bytes } = this;
    for (let at = from; at < bytes.length; at++) if (bytes[at] === code) return at;
    return -1;
  }

  private hasPrefix(at: number): boolean {
    for (let i = 0; i < this.prefix.length; i++) if (this.bytes[at + i] !== this.prefix[i]) return false;
    return true;
  }

  /** The non-negative integer written in [from, to), or -1. */
  digits(from: number, to: number): number {
    if (from >= to || to - from > 15) return -1;
    let value = 0;
    for (let at = from; at < to; at++) {
      const digit = (this.bytes[at] ?? 0) - 48;
      if (digit < 0 || digit > 9) return -1;
      value = value * 10 + digit;
    }
    return value;
  }

  /** The 0-based column of the cell reference in [from, to) (`C5` → 2). */
  column(from: number, to: number): number {
    let column = 0;
    let at = from;
    for (; at < to && at - from <= 3; at++) {
      const code = (this.bytes[at] ?? 0) & ~0x20; // upper case
      if (code < 65 || code > 90) break;
      column = column * 26 + code - 64;
    }
    if (at === from || at - from > 3 || column > MAX_COLUMNS) return cellPosition(this.text(from, to)).column; // throws, naming the reference
    return column - 1;
  }
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

interface ZipEntry { name: string; flags: number; method: number; compressedSize: number; size: number; headerOffset: number }

/** The entries of a zip from its central directory (the local headers may lack sizes). */
class ZipReader {
  private readonly entries = new Map<string, ZipEntry>();
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array, limit: number) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (CFB_MAGIC.every((byte, i) => bytes[i] === byte)) {
      throw new FeedError('invalid_xlsx', 'the workbook is password-protected or in the old .xls format; save it as .xlsx');
    }
    let declared = 0;
    for (const entry of this.readDirectory()) {
      declared += entry.size;
      // Part names are case-insensitive in OPC, and some writers disagree on case.
      this.entries.set(entry.name.toLowerCase(), entry);
    }
    if (declared > limit) {
      throw new FeedError('invalid_xlsx', `the workbook expands to ${declared} bytes, more than the ${limit}-byte limit (a damaged file or a zip bomb)`);
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
    if (entry.flags & 1) throw new FeedError('invalid_xlsx', 'the workbook is password-protected; save it without a password');
    const header = entry.headerOffset;
    if (this.u32(header) !== 0x04034b50) throw corrupt(`the zip entry of ${entry.name} is broken`);
    const data = this.slice(header + 30 + this.u16(header + 26) + this.u16(header + 28), entry.compressedSize);
    if (entry.method === 0) {
      if (data.length !== entry.size) throw corrupt(`${entry.name} is not the size its zip directory declares`);
      return data;
    }
    if (entry.method !== 8) throw new FeedError('invalid_xlsx', `${entry.name} uses zip compression method ${entry.method}; only deflate is supported`);

    // Node's own zlib (native, about 3× fflate here), told to stop past the declared size: a
    // lying size (a zip bomb) fails instead of allocating what the bomb unpacks to.
    let out: Uint8Array;
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new FeedError('invalid_xlsx', `${entry.name} inflates to more than its declared ${entry.size} bytes (a damaged file or a zip bomb)`);
      }
      throw new FeedError('invalid_xlsx', `the .xlsx file is damaged: ${entry.name} does not inflate (${(error as Error).message})`, undefined, { cause: error });
    }
    const filled = out.length;
    if (filled !== entry.size) throw corrupt(`${entry.name} inflates to ${filled} bytes, not the ${entry.size} its zip directory declares`);
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
