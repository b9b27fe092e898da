import { cellText, richText } from './cell-text';
import type { XlsxRow } from './xlsx-types';

/** The worksheet part the cells were noted from: its length, and the text of a byte range. */
export interface NotedPart {
  readonly bytes: Uint8Array;
  /** The namespace prefix of its elements, which an inline string's runs carry too. */
  readonly p: string;
  text(from: number, to: number): string;
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
/** A number cell: as RAW_TEXT, and the row says the field is a number. */
const NUMBER = 5;
/** A number cell whose style shows it as a percent (0.999 shown 99.90%): the row says so too. */
const PERCENT = 6;
/** A formula saved without its value (a program that does not calculate wrote the workbook): no text, and the row says so. */
const UNCALCULATED = 7;

/**
 * The sheet's cells as the scan noted them: per row its line and first cell, per cell its
 * column and where its text is, in typed arrays that the garbage collector need not trace.
 * Rows are made from them when asked for (the second pass), so a row is garbage soon after
 * it is made; when all of them were made first, the collector copied them from one young
 * generation to the next and cost as much as the scan.
 */
export class SheetCells {
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
    private readonly part: NotedPart,
    readonly sharedStrings: readonly string[],
    /** Per cell style (`s`), 1 where it shows a number as a percent. */
    readonly percentStyles: Uint8Array = new Uint8Array(0),
  ) {
    // Sized for a cell in 24 bytes (a shared string with its row's share of the <row> tag takes
    // about 30): growing the arrays as the scan goes cost a tenth of the scan.
    const cells = Math.max(1024, Math.ceil(part.bytes.length / 24));
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

  /** A cell whose text is the `<v>` in bytes [start, end) of the part, as written (a number, a formula's text). */
  addRawText(column: number, start: number, end: number): void {
    this.add(column, RAW_TEXT, start, end);
  }

  /** A number cell whose `<v>` is in bytes [start, end) of the part: its stored value, in machine form. */
  addNumber(column: number, start: number, end: number, percent = false): void {
    this.add(column, percent ? PERCENT : NUMBER, start, end);
  }

  /** A cell whose text is the non-empty shared string at `index`. */
  addSharedString(column: number, index: number): void {
    this.add(column, SHARED_STRING, index, index);
  }

  /** A cell whose inline string (the inside of its `<is>`) is in bytes [start, end) of the part. */
  addInlineString(column: number, start: number, end: number): void {
    this.add(column, INLINE_STRING, start, end);
  }

  addUncalculated(column: number): void {
    this.add(column, UNCALCULATED, 0, 0);
  }

  addBoolean(column: number, value: boolean): void {
    this.add(column, value ? BOOLEAN_TRUE : BOOLEAN_FALSE, 0, 0);
  }

  /** With `numeric`, each row also says which of its cells are number cells. */
  *rows(numeric = false): Generator<XlsxRow> {
    for (let index = 0; index < this.rowCount; index++) {
      const row = this.row(index, numeric);
      if (row) yield row;
    }
  }

  rowsByLine(numeric = false): Generator<XlsxRow> {
    return this.ascending ? this.rows(numeric) : this.sortedRows(numeric);
  }

  private add(column: number, kind: number, start: number, end: number): void {
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

  private *sortedRows(numeric: boolean): Generator<XlsxRow> {
    const lines = this.rowLines;
    const order = Array.from({ length: this.rowCount }, (_, index) => index).sort(
      (a, b) => lines[a]! - lines[b]! || a - b,
    );
    for (let i = 0; i < order.length; ) {
      let next = i + 1;
      while (next < order.length && lines[order[next]!] === lines[order[i]!]) next++;
      // Of the rows that claim one line, the last with any text.
      for (let last = next - 1; last >= i; last--) {
        const row = this.row(order[last]!, numeric);
        if (row) {
          yield row;
          break;
        }
      }
      i = next;
    }
  }

  /** The row at `index` with its texts; undefined when every one is empty (an inline `<is><t/></is>`). */
  private row(index: number, withNumeric: boolean): XlsxRow | undefined {
    const cells: string[] = [];
    let numeric: boolean[] | undefined;
    let percent: boolean[] | undefined;
    let uncalculated: boolean[] | undefined;
    for (let cell = this.rowStarts[index]!, end = this.rowStarts[index + 1]!; cell < end; cell++) {
      const text = this.text(cell);
      if (text === '') {
        if (withNumeric && this.kinds[cell] === UNCALCULATED) (uncalculated ??= [])[this.columns[cell]!] = true;
        continue;
      }
      // Cells come in column order; the loop fills the gap, the index covers a file where not.
      const column = this.columns[cell]!;
      while (cells.length < column) cells.push('');
      cells[column] = text;
      const kind = this.kinds[cell];
      if (withNumeric && (kind === NUMBER || kind === PERCENT)) {
        (numeric ??= [])[column] = true;
        if (kind === PERCENT) (percent ??= [])[column] = true;
      }
    }
    if (cells.length === 0) return undefined;
    const row: XlsxRow = { line: this.rowLines[index]!, cells };
    if (numeric) row.numeric = numeric;
    if (percent) row.percent = percent;
    if (uncalculated) row.uncalculated = uncalculated;
    return row;
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
        return richText(this.part.text(start, this.ends[cell]!), this.part.p);
      case UNCALCULATED:
        return '';
      default:
        return cellText(this.part.text(start, this.ends[cell]!));
    }
  }
}

/** A typed array twice as long, with the same start. */
function grown<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}
