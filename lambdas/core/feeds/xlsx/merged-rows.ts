import type { XlsxRange, XlsxRow } from './read-xlsx';

/**
 * Rows in line order → the same rows with every merged range filled with the text of its first
 * cell (a district merged down its wards becomes the district of each ward), and an empty row
 * made for each line a merge covers that the file has no row for. Merges apply in the order
 * the file lists them, each over what those before it left: Excel refuses overlapping merges,
 * so the order only matters in a broken file, and there it gives what filling the whole sheet
 * merge after merge would.
 *
 * A row at a time: only the merges that cover the current line are looked at, so a sheet of
 * 100,000 rows and a few thousand merges (one per district) is never held whole.
 */
export function* fillMerges(rows: Iterable<XlsxRow>, merges: readonly XlsxRange[]): Generator<XlsxRow> {
  const filler = new MergeFiller(merges);
  let line = -Infinity;
  for (const row of rows) {
    for (let only = filler.nextLine(line); only < row.line; only = filler.nextLine(only))
      yield filler.fill({ line: only, cells: [] });
    yield filler.fill(row);
    line = row.line;
  }
  for (let only = filler.nextLine(line); only < Infinity; only = filler.nextLine(only))
    yield filler.fill({ line: only, cells: [] });
}

interface Merge {
  range: XlsxRange;
  /** Its position in the file's list, the order merges apply in. */
  order: number;
  /** Its first cell's text, known once its first row has been filled. */
  text: string;
}

/** The merges that cover the line being filled, taken in as lines go down. */
class MergeFiller {
  /** By first row: those at the front whose first row is above the last line filled are active. */
  private readonly byFirstRow: Merge[];
  private taken = 0;
  /** Merges taken in whose last row is not above the last line filled, in the file's order. */
  private active: Merge[] = [];

  constructor(merges: readonly XlsxRange[]) {
    this.byFirstRow = merges
      .map((range, order) => ({ range, order, text: '' }))
      .filter(({ range }) => range.first.row <= range.last.row) // upside down, a range covers no line
      .sort((a, b) => a.range.first.row - b.range.first.row || a.order - b.order);
  }

  /** The first line below `line` that a merge covers, or Infinity. (`line` is the last one filled, or -Infinity.) */
  nextLine(line: number): number {
    for (const merge of this.active) if (merge.range.last.row > line) return line + 1;
    return this.byFirstRow[this.taken]?.range.first.row ?? Infinity;
  }

  /** Sets the cells of `row` that merges cover; rows come in ascending line order. */
  fill(row: XlsxRow): XlsxRow {
    const line = row.line;
    // No merge covers the line (the data under a merged title and header): nothing to look at.
    const pending = this.byFirstRow[this.taken];
    if (this.active.length === 0 && (pending === undefined || pending.range.first.row > line)) return row;
    if (this.active.some((merge) => merge.range.last.row < line))
      this.active = this.active.filter((merge) => merge.range.last.row >= line);
    for (
      let next = this.byFirstRow[this.taken];
      next !== undefined && next.range.first.row <= line;
      next = this.byFirstRow[++this.taken]
    ) {
      const at = this.active.findIndex((merge) => merge.order > next!.order);
      this.active.splice(at < 0 ? this.active.length : at, 0, next);
    }
    const cells = row.cells;
    for (const merge of this.active) {
      const { first, last } = merge.range;
      // Read before the merge fills it: the text its first cell has from the file and the merges before it.
      if (first.row === line) merge.text = cells[first.column] ?? '';
      for (let column = first.column; column <= last.column; column++) {
        while (cells.length < column) cells.push('');
        cells[column] = merge.text;
      }
    }
    return row;
  }
}
