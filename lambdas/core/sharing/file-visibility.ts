import { OWNERSHIP } from '../feeds';
import type { Access } from './grants';

/**
 * Whether a file that `source` sent into the contract dataset `dataset` may hold rows this
 * grant sees. A grant of part of the rows learns nothing of other producers' files, not even
 * that one came (a carrier would see its rivals' delivery dates). Every curated row carries its
 * file's source, so a row filter on `source` names the files it sees; one on an owner column
 * (`carrier`) sees the files of the sources that pin that column to a granted value, and of
 * those that pin nothing (the operators' loader, which may write any row).
 */
export function mayHoldGrantedRows(access: Pick<Access, 'rowFilter'>, source: string, dataset: string): boolean {
  const filter = access.rowFilter;
  if (!filter) return true;
  if (filter.column === 'source') return filter.equals.includes(source);
  const pinned = OWNERSHIP.pinOf(source, dataset, filter.column);
  return pinned === undefined || filter.equals.includes(pinned);
}
