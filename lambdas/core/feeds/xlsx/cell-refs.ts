import { FeedError } from '../feed-error';

/** Cell references as a sheet writes them (`C5`, `XFD1048576`), and the grid's limits. */

/** Columns A..XFD. */
export const MAX_COLUMNS = 16384;

/** `C5` → row 5, column 2. Columns A..XFD; the row part may be absent (as in `A:C` ranges). */
export function cellPosition(ref: string): { row: number; column: number } {
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

/** 0 → `A`, 26 → `AA`: the column as Excel names it. */
export function columnName(column: number): string {
  let name = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
