import { encodeCodePage } from '../code-pages';
import { FeedError } from '../feed-error';
import { showsPercent } from '../xlsx/percent-styles';
import type { XlsxRange, XlsxRow } from '../xlsx/read-xlsx';
import { FORMAT_NAMES, type WorkbookFormat } from './file-format';
import type { OpenWorkbook, WorkbookSheet } from './workbook-records';

/**
 * SheetJS holds a whole workbook as objects (about 20 times the file's size in memory), so the
 * formats only it reads are taken up to this size: an .xls holds at most 65,536 rows, which is
 * far less, and a larger file is better sent as .xlsx or CSV, which stream.
 */
export const MAX_SHEETJS_BYTES = 16 * 1024 * 1024;

/**
 * An .xls (BIFF8) or .ods workbook (its bytes), or an HTML-table or Excel-2003-XML one (its
 * decoded text), read by SheetJS: each cell's
 * stored value as text, as our .xlsx reader gives it (numbers as written, dates as serial
 * numbers in the workbook's date system, booleans TRUE/FALSE, errors as `#N/A`); HTML cells
 * exactly as the page wrote them (`raw`), to be read in the source's number style.
 */
export function openWithSheetJs(bytes: Uint8Array | string, format: WorkbookFormat): OpenWorkbook {
  if (bytes.length > MAX_SHEETJS_BYTES)
    throw new FeedError(
      'record_too_large',
      `the file is ${FORMAT_NAMES[format]} of ${(bytes.length / 1024 / 1024).toFixed(1)} MiB; files of this format are read up to ${MAX_SHEETJS_BYTES / 1024 / 1024} MiB: save it as .xlsx or CSV (UTF-8)`,
    );
  const XLSX = sheetJs();
  let book: import('@e965/xlsx').WorkBook;
  // SheetJS reports ODS number formats it only half understands on console.error; the cell
  // values are unaffected, and a producer's CLI run or the Lambda's log should not show it.
  const consoleError = console.error;
  console.error = () => undefined;
  try {
    book =
      typeof bytes === 'string'
        ? XLSX.read(bytes, { type: 'string', dense: true, raw: true, cellHTML: false })
        : // cellNF: an .xls cell's number format, which says whether it shows a percent (an .ods cell has it anyway).
          XLSX.read(bytes, {
            type: 'buffer',
            dense: true,
            cellHTML: false,
            cellText: false,
            cellFormula: false,
            cellNF: true,
          });
  } catch (error) {
    throw new FeedError(
      'invalid_xlsx',
      `the file looks like ${FORMAT_NAMES[format]} but cannot be read (${(error as Error).message}): open it in a spreadsheet program and save it again`,
      undefined,
      { cause: error },
    );
  } finally {
    console.error = consoleError;
  }
  const hidden = book.Workbook?.Sheets?.map((s) => (s.Hidden ?? 0) !== 0) ?? [];
  const sheets: WorkbookSheet[] = book.SheetNames.map((name, index) => {
    const sheet = book.Sheets[name]!;
    return {
      name,
      hidden: hidden[index] ?? false,
      scan: () => ({
        merges: (sheet['!merges'] ?? []).map(rangeOf),
        rows: rowsOf(sheet['!data'] as import('@e965/xlsx').CellObject[][] | undefined),
      }),
    };
  });
  return { date1904: book.Workbook?.WBProps?.date1904 ?? false, sheets };
}

let loaded: typeof import('@e965/xlsx') | undefined;

/**
 * SheetJS, loaded on first use (most feeds never need it, and the ETL Lambda starts faster
 * without it): the core build, with the runtime's own decoders for the code pages an .xls names
 * (Excel 97's UTF-16 and Latin-1 strings; Windows-1258 and the rest in older files) in place of
 * SheetJS's own tables, which would add 0.3 MB to the Lambda's bundle.
 */
function sheetJs(): typeof import('@e965/xlsx') {
  if (loaded) return loaded;
  loaded = require('@e965/xlsx/dist/xlsx.core.min.js') as typeof import('@e965/xlsx');
  loaded.set_cptable({
    utils: {
      decode: (codepage: number, data: Uint8Array | number[] | string) =>
        decoderOf(codepage).decode(typeof data === 'string' ? Buffer.from(data, 'latin1') : Uint8Array.from(data)),
      encode: (codepage: number, text: string) => encodeFor(codepage, text),
    },
  });
  return loaded;
}

/** Windows code page numbers as the WHATWG encodings (what TextDecoder knows) name them. */
const CODE_PAGE_NAMES: Record<number, string> = {
  1200: 'utf-16le',
  1201: 'utf-16be',
  65001: 'utf-8',
  10000: 'macintosh',
  367: 'windows-1252',
  874: 'windows-874',
  932: 'shift_jis',
  936: 'gbk',
  949: 'euc-kr',
  950: 'big5',
};

/** Text in a workbook's code page, should SheetJS ask while reading: the Unicode forms and the Latin and Vietnamese pages. */
function encodeFor(codepage: number, text: string): Uint8Array {
  const name = CODE_PAGE_NAMES[codepage] ?? `windows-${codepage}`;
  if (name === 'utf-16le') return Buffer.from(text, 'utf16le');
  if (name === 'utf-16be') return Buffer.from(text, 'utf16le').swap16();
  if (name === 'utf-8') return Buffer.from(text, 'utf8');
  if (name === 'windows-1252' || name === 'windows-1258') return encodeCodePage(text, name);
  throw new Error(`the workbook's code page ${codepage} is not supported`);
}

/** The decoder of a workbook's code page, or an error naming it. */
function decoderOf(codepage: number): TextDecoder {
  try {
    return new TextDecoder(CODE_PAGE_NAMES[codepage] ?? `windows-${codepage}`);
  } catch {
    throw new Error(`the workbook's code page ${codepage} is not supported`);
  }
}

function* rowsOf(data: import('@e965/xlsx').CellObject[][] | undefined): Generator<XlsxRow> {
  if (!data) return;
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) continue;
    const cells: string[] = [];
    let numeric: boolean[] | undefined;
    let percent: boolean[] | undefined;
    for (let c = 0; c < row.length; c++) {
      const text = cellText(row[c]);
      if (text === '') continue;
      while (cells.length < c) cells.push('');
      cells[c] = text;
      if (row[c]!.t !== 'n') continue;
      (numeric ??= [])[c] = true;
      if (typeof row[c]!.z === 'string' && showsPercent(row[c]!.z as string)) (percent ??= [])[c] = true;
    }
    if (!cells.length) continue;
    const found: XlsxRow = { line: r + 1, cells };
    if (numeric) found.numeric = numeric;
    if (percent) found.percent = percent;
    yield found;
  }
}

function cellText(cell: import('@e965/xlsx').CellObject | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  switch (cell.t) {
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'e':
      return cell.w ?? '#N/A';
    case 'd':
      return cell.v instanceof Date ? cell.v.toISOString() : String(cell.v);
    default:
      return String(cell.v);
  }
}

/** SheetJS ranges are 0-based in rows and columns; ours count rows from 1 like Excel. */
function rangeOf(range: import('@e965/xlsx').Range): XlsxRange {
  return {
    first: { row: range.s.r + 1, column: range.s.c },
    last: { row: range.e.r + 1, column: range.e.c },
  };
}
