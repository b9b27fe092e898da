import { FeedError } from '../feed-error';
import { readSharedStrings } from './shared-strings';
import { percentStyles } from './percent-styles';
import { scanWorksheet } from './sheet-scanner';
import { chooseSheet, readWorkbook, worksheetPath } from './workbook';
import type { XlsxRange, XlsxRow } from './xlsx-types';
import { ZipContainer } from './zip-container';

export type { XlsxRange, XlsxRow } from './xlsx-types';

/**
 * Reads the sheets of an .xlsx workbook as rows of cell texts, for agencies that send Excel
 * instead of CSV. The text is what the file stores, not what Excel displays: numbers and
 * date serials as written (`46016`, `1E-3`), no styles applied; converting is the caller's job.
 *
 * An .xlsx is a zip of XML parts (zip-container.ts), whose workbook part lists the sheets
 * (workbook.ts); texts are shared between the sheets in one table (shared-strings.ts), and each
 * sheet's part is scanned as bytes, not parsed into a DOM (sheet-scanner.ts).
 */

export interface XlsxSheet {
  name: string;
  /** Rows that hold at least one non-empty cell, in file order. */
  rows: XlsxRow[];
  merges: XlsxRange[];
}

export interface ReadXlsxOptions {
  /**
   * The sheet to read: its name (as on the tab), or its 0-based position in workbook order.
   * @default - the first sheet in workbook order
   */
  sheet?: string | number;
  /**
   * The most the zip may expand to, all entries together.
   * @default - 256 MiB
   */
  maxUncompressedBytes?: number;
}

/**
 * A sheet scanned and found sound (a broken part has thrown), whose rows become strings only
 * as they are iterated: a caller that takes a row at a time never holds the whole sheet.
 */
export interface ScannedSheet {
  name: string;
  /** The workbook's dates count from 1904-01-01 (`<workbookPr date1904="1"/>`), not 1899-12-30. */
  date1904: boolean;
  merges: XlsxRange[];
  /** Rows that hold at least one non-empty cell, in file order. */
  rows(): Generator<XlsxRow>;
  /**
   * The same rows by ascending line, which is file order in every workbook a spreadsheet
   * program writes; where two rows claim one line, the later one.
   */
  rowsByLine(options?: { numeric?: boolean }): Generator<XlsxRow>;
}

/** The workbook opened once: its sheets in workbook order, each scanned only when asked for. */
export interface OpenedWorkbook {
  /** Its dates count from 1904-01-01 (`<workbookPr date1904="1"/>`), not 1899-12-30. */
  date1904: boolean;
  /** In workbook order; `hidden` for a sheet hidden or very hidden (only a macro shows it). */
  sheets: readonly { name: string; hidden: boolean }[];
  /** Scans the sheet at this 0-based position in `sheets`; throws when its part is broken or missing. */
  scan(sheet: number): ScannedSheet;
}

const DEFAULT_MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024;

/** Reads one sheet whole: its rows and merges. */
export function readXlsx(bytes: Uint8Array, options: ReadXlsxOptions = {}): XlsxSheet {
  const sheet = scanXlsx(bytes, options);
  return { name: sheet.name, rows: [...sheet.rows()], merges: sheet.merges };
}

/** Opens the workbook and scans the one sheet `options.sheet` names (the first by default). */
export function scanXlsx(bytes: Uint8Array, options: ReadXlsxOptions = {}): ScannedSheet {
  const workbook = openXlsx(bytes, options);
  return workbook.scan(chooseSheet(workbook.sheets, options.sheet));
}

/**
 * Reads the zip's directory and the workbook's structure; the shared strings are read when the
 * first sheet is scanned, once for all the sheets, and a sheet's part only when it is scanned.
 */
export function openXlsx(bytes: Uint8Array, options: { maxUncompressedBytes?: number } = {}): OpenedWorkbook {
  const limit = options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES;
  if (!(limit > 0)) throw new Error(`maxUncompressedBytes must be > 0, got ${limit}`);
  const zip = new ZipContainer(bytes, limit);
  const workbook = readWorkbook(zip);
  const stringsPath = workbook.sharedStringsPath;
  let sharedStrings: string[] | undefined;
  let percents: Uint8Array | undefined;

  return {
    date1904: workbook.date1904,
    sheets: workbook.sheets.map((sheet) => ({ name: sheet.name, hidden: sheet.state !== 'visible' })),
    scan(position: number): ScannedSheet {
      const sheet = workbook.sheets[chooseSheet(workbook.sheets, position)]!;
      const path = worksheetPath(sheet);
      const part = zip.part(path);
      if (part === undefined)
        throw new FeedError('invalid_xlsx', `the part of sheet '${sheet.name}' (${path}) is missing from the zip`);
      sharedStrings ??= readSharedStrings(stringsPath === undefined ? undefined : zip.text(stringsPath));
      percents ??= percentStyles(workbook.stylesPath === undefined ? undefined : zip.text(workbook.stylesPath));
      const { cells, merges } = scanWorksheet(part, sharedStrings, percents);
      return {
        name: sheet.name,
        date1904: workbook.date1904,
        merges,
        rows: () => cells.rows(),
        rowsByLine: (options) => cells.rowsByLine(options?.numeric ?? false),
      };
    },
  };
}
