import { repairTcvn3Mojibake } from '../feeds/detect-encoding';

/** Header rows → one text per column: the filled cells top to bottom, a cell repeated by a merge said once. */
export function joinHeaderRows(rows: readonly string[][], mojibake: boolean): string[] {
  const cells = rows.map((row) => row.map((cell) => repairTcvn3Mojibake(cell.trim(), mojibake)));
  if (cells.length === 1) return cells[0]!;
  const width = Math.max(...cells.map((r) => r.length));
  const below = (row: number, column: number) => cells.slice(row + 1).some((r) => (r[column] ?? '') !== '');
  // A group cell merged over its sub-headers loses the merge when saved as CSV ("Công nghệ",,,
  // over "2G","3G",...): an empty group cell right of a group, over a sub-header, is that group's.
  for (const [index, row] of cells.entries())
    for (let column = 1; column < width; column++)
      if (
        (row[column] ?? '') === '' &&
        (row[column - 1] ?? '') !== '' &&
        below(index, column) &&
        below(index, column - 1)
      )
        row[column] = row[column - 1]!;
  return Array.from({ length: width }, (_, column) => {
    const parts: string[] = [];
    for (const row of cells) {
      const cell = row[column] ?? '';
      if (cell && parts[parts.length - 1] !== cell) parts.push(cell);
    }
    return parts.join(' ');
  });
}
