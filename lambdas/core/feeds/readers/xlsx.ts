import { fillMerges } from '../xlsx/merged-rows';
import { scanXlsx } from '../xlsx/read-xlsx';
import { type CountedBytes, readWhole } from './bytes';
import type { FileFacts } from './decode-text';
import type { FeedRecord, RecordBatches } from './feed-record';

/** Rows handed to the record loop at a time: it then holds a thousand rows, never the whole sheet. */
const XLSX_BATCH_ROWS = 1024;

/**
 * A spreadsheet's first sheet, a batch of rows at a time as they are made; a merged cell's text
 * fills its whole range (a district merged down its wards). A broken sheet fails before the
 * first batch: the scan checks all of it.
 */
export async function* xlsxBatches(input: CountedBytes, facts: FileFacts): RecordBatches {
  const sheet = scanXlsx(await readWhole(input, 'spreadsheet'));
  facts.encoding = 'utf-8';
  facts.evidence = 'xlsx';
  facts.date1904 = sheet.date1904;
  let records: FeedRecord[] = [];
  for (const row of fillMerges(sheet.rowsByLine(), sheet.merges)) {
    // A row of spaces, or one a merge made from nothing, is no record.
    if (!row.cells.some((cell) => cell.trim() !== '')) continue;
    records.push({ fields: row.cells, line: row.line });
    if (records.length === XLSX_BATCH_ROWS) {
      yield { records, bytes: input.bytes };
      records = [];
    }
  }
  yield { records, bytes: input.bytes };
}
