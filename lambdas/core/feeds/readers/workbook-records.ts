import { fillMerges } from '../xlsx/merged-rows';
import type { XlsxRange, XlsxRow } from '../xlsx/read-xlsx';
import type { FileFacts } from './decode-text';
import type { FeedRecord, RecordBatches } from './feed-record';

/** One sheet of a workbook, whichever reader opened it; its rows are made only when asked for. */
export interface WorkbookSheet {
  name: string;
  hidden: boolean;
  /** Reads the sheet (a broken one throws here, before its first row): its merges, and its rows in line order. */
  scan(): { merges: readonly XlsxRange[]; rows: Iterable<XlsxRow> };
}

/** A workbook opened by one of the readers (ours for .xlsx, SheetJS for the other formats). */
export interface OpenWorkbook {
  date1904: boolean;
  sheets: readonly WorkbookSheet[];
}

/** Rows handed to the record loop at a time: it then holds a thousand rows, never the whole sheet. */
const BATCH_ROWS = 1024;

/**
 * A workbook's visible sheets in tab order, a batch of rows at a time, each record naming its
 * sheet: the record loop looks for the header sheet by sheet (a first sheet of instructions)
 * and stops at the end of the sheet it read. A merged cell's text fills its whole range (a
 * district merged down its wards). Hidden sheets (lookup lists) are not read.
 */
export async function* workbookBatches(book: OpenWorkbook, facts: FileFacts, bytes: () => number): RecordBatches {
  facts.date1904 = book.date1904;
  facts.sheets = book.sheets.filter((s) => !s.hidden).map((s) => s.name);
  let records: FeedRecord[] = [];
  for (const sheet of book.sheets) {
    if (sheet.hidden) continue;
    const { merges, rows } = sheet.scan();
    // Known once a sheet reads: a broken workbook is not reported as having a text encoding.
    if (facts.encoding === undefined) [facts.encoding, facts.evidence] = ['utf-8', facts.format];
    for (const row of fillMerges(rows, merges)) {
      // A row of spaces, or one a merge made from nothing, is no record.
      if (!row.cells.some((cell) => cell.trim() !== '')) continue;
      const record: FeedRecord = { fields: row.cells, line: row.line, sheet: sheet.name };
      if (row.numeric) record.numeric = row.numeric;
      if (row.percent) record.percent = row.percent;
      if (row.uncalculated) record.uncalculated = row.uncalculated;
      records.push(record);
      if (records.length === BATCH_ROWS) {
        yield { records, bytes: bytes() };
        records = [];
      }
    }
  }
  yield { records, bytes: bytes() };
}
