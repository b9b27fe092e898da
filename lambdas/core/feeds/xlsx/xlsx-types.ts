/** What a sheet reads as: the types the reader returns and the writer and merge filler take. */

export interface XlsxRow {
  /** Excel row number, 1-based (what a user sees in Excel) */
  line: number;
  /** Cell texts by column index from A=0; missing cells are ''; ends at the last non-empty cell */
  cells: string[];
  /** Which cells are number cells (their text is the stored value, not a formatted one); absent when none is. */
  numeric?: boolean[];
  /** Which of those show their number as a percent (stored 0.999, shown 99.90%); absent when none does. */
  percent?: boolean[];
  /** Which cells are formulas saved without their value (empty in `cells`); absent when none is. */
  uncalculated?: boolean[];
}

/** A rectangle of cells: rows 1-based like `XlsxRow.line`, columns 0-based like `cells`. */
export interface XlsxRange {
  first: { row: number; column: number };
  last: { row: number; column: number };
}
