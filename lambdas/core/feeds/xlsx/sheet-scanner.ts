import { isAscii } from 'node:buffer';
import { FeedError } from '../feed-error';
import { cellPosition, columnName, MAX_COLUMNS } from './cell-refs';
import { SheetCells } from './sheet-cells';
import { prefixOf } from './spreadsheet-xml';
import type { XlsxRange } from './xlsx-types';

// The sheet data is the bulk of the work: 1.2 million cells for 100,000 rows of 12. It is read
// in two passes. The scan goes through the bytes (V8 reads them two to three times faster than
// the characters of a string, measured) and notes where each cell's text is, in typed arrays
// (SheetCells): every error of the part is found before a row is handed out, and nothing is
// made that the garbage collector must trace. The rows' strings are made as the caller iterates
// them. No regexes on the scan: a match array per cell made the first version spend more time
// collecting garbage than scanning.

const utf8 = new TextDecoder();

/** Scans a worksheet part whole (a broken part throws here), given the workbook's shared strings. */
export function scanWorksheet(
  bytes: Uint8Array,
  sharedStrings: readonly string[],
  percentStyles: Uint8Array = new Uint8Array(0),
): { cells: SheetCells; merges: XlsxRange[] } {
  const xml = decodePart(bytes);
  const p = prefixOf(xml, 'worksheet');
  const scan = new SheetScanner(bytes, xml, p);
  const cells = new SheetCells(scan, sharedStrings, percentStyles);
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
  if (scan.inlineStart >= 0) return cells.addInlineString(column, scan.inlineStart, scan.inlineEnd);
  // <c r="B2" s="3"/> and <v></v> are formatting only. A formula with no value, or an empty one
  // that is not a text result (t="str": ""), was never calculated (openpyxl writes <v></v>).
  if (scan.valueStart < 0 || scan.valueStart === scan.valueEnd) {
    const textResult = scan.valueStart >= 0 && scan.tEnd - scan.t === 3 && bytes[scan.t] === 115; /* str */
    if (scan.formula && !textResult) cells.addUncalculated(column);
    return;
  }
  const type = scan.t < 0 ? 0 : bytes[scan.t];
  const typeLength = scan.tEnd - scan.t;
  if (typeLength === 1 && type === 115 /* s */) {
    const index = scan.digits(scan.valueStart, scan.valueEnd);
    const text = cells.sharedStrings[index];
    if (text === undefined) throw noSuchSharedString(scan, cells.sharedStrings, line, column);
    if (text !== '') cells.addSharedString(column, index);
    return;
  }
  if (typeLength === 1 && type === 98 /* b */ && scan.valueEnd - scan.valueStart === 1) {
    const bit = bytes[scan.valueStart];
    if (bit === 49 /* 1 */) return cells.addBoolean(column, true);
    if (bit === 48 /* 0 */) return cells.addBoolean(column, false);
  }
  // Numbers (no t, or "n") as written, noted as numbers; "str" (a formula's text), "e" (#N/A), "d" (ISO date).
  if (scan.t < 0 || (typeLength === 1 && type === 110) /* n */) {
    // Its style is read only in a workbook that has a percent style at all.
    const percent =
      cells.percentStyles.length > 0 && scan.s >= 0 && cells.percentStyles[scan.digits(scan.s, scan.sEnd)] === 1;
    return cells.addNumber(column, scan.valueStart, scan.valueEnd, percent);
  }
  cells.addRawText(column, scan.valueStart, scan.valueEnd);
}

function noSuchSharedString(
  scan: SheetScanner,
  sharedStrings: readonly string[],
  line: number,
  column: number,
): FeedError {
  const index = scan.text(scan.valueStart, scan.valueEnd);
  return new FeedError(
    'invalid_xlsx',
    `cell ${columnName(column)}${line} refers to shared string ${index}, but the workbook has ${sharedStrings.length}`,
  );
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
  s = -1;
  sEnd = -1;
  valueStart = -1;
  valueEnd = -1;
  inlineStart = -1;
  inlineEnd = -1;
  /** Whether the cell holds a formula (`<f>`): one without a `<v>` was never calculated. */
  formula = false;
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
      this.formula = false;
      const selfClosing = this.readAttributes(name + (isRow ? 3 : 1));
      if (!isRow && !selfClosing && !this.readPlainValue(this.after)) this.readCellContent(this.after);
      return true;
    }
    return false;
  }

  /**
   * Reads `name="value"` (or `'value'`) pairs up to the end of the tag, keeping r, t and s;
   * sets `after` past the tag and says whether it closes itself (`<c r="A1"/>`).
   */
  private readAttributes(from: number): boolean {
    const { bytes } = this;
    const length = bytes.length;
    this.r = this.t = this.s = -1;
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
        } else if (letter === 115 /* s */) {
          this.s = at + 1;
          this.sEnd = valueEnd;
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
      } else if (first === 102 /* f */ && isNameEnd(bytes[name + 1])) {
        this.formula = true;
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
