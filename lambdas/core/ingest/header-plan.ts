import type { DatasetContract } from '../contracts/define-dataset';
import { canonicalForm } from '../feeds/canonical-text';
import { FeedError } from '../feeds/feed-error';

/** Where each contract column sits in a file's records, decided once from the header. */
export interface HeaderPlan {
  /** Per contract column, its index in the record, or -1 when the file leaves it out. */
  columnIndexes: number[];
  periodIndex: number;
  /** Header cells that are not contract columns: listed in the manifest, not loaded. */
  extraColumns: string[];
  width: number;
}

/**
 * Header cells compare in canonical form: case, diacritics and punctuation do not matter
 * (`Carrier` = `carrier`, `Số thuê bao` = `SO THUE BAO` = `so_thue_bao`).
 */
export function headerName(cell: string): string {
  return canonicalForm(cell);
}

/**
 * Matches a canonical CSV header to the contract by column name. Columns may come in any
 * order; nullable columns may be left out; a required column that is missing, or a column
 * named twice, fails the file with every problem in one message. (Native feeds match their
 * own spellings in native-records.ts.)
 */
export function planHeader(contract: DatasetContract, header: readonly string[], line: number): HeaderPlan {
  const names = header.map(headerName);
  if (names.every((n) => n === ''))
    throw new FeedError('missing_header', 'the first line is empty; expected a header row', line);
  const positions = new Map<string, number>();
  const duplicates: string[] = [];
  names.forEach((name, index) => {
    if (positions.has(name)) duplicates.push(name);
    else positions.set(name, index);
  });
  if (duplicates.length)
    throw new FeedError('duplicate_column', `column(s) named more than once: ${duplicates.join(', ')}`, line);

  const required = [...contract.columns.filter((c) => !c.nullable).map((c) => c.name), 'period'];
  const missing = required.filter((name) => !positions.has(name));
  if (missing.length) {
    const found = names.slice(0, 8).join(', ') + (names.length > 8 ? ', …' : '');
    throw new FeedError(
      'missing_columns',
      `missing required column(s) ${missing.join(', ')} for dataset ${contract.name} (header has: ${found})`,
      line,
    );
  }
  const known = new Set([...contract.columns.map((c) => c.name), 'period']);
  return {
    columnIndexes: contract.columns.map((c) => positions.get(c.name) ?? -1),
    periodIndex: positions.get('period') ?? -1,
    extraColumns: names.filter((name) => name !== '' && !known.has(name)),
    width: header.length,
  };
}
