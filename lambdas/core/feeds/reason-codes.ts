import { DATASETS } from '../contracts';
import type { FeedErrorCode } from './feed-error';

/**
 * Every reason code the ETL writes, with its meaning: the reference a producer reads in
 * docs/feeds.md. A test checks that every code the ETL produces is here.
 */
export const FILE_ERRORS: Record<FeedErrorCode, string> = {
  empty_file: 'The file has no bytes.',
  binary_content:
    'The file holds NUL bytes where text was expected: it is not a text file (or not in the encoding it seems to be).',
  invalid_utf8: 'The file was read as UTF-8 (its first bytes are) but holds bytes that are not UTF-8.',
  invalid_utf16: 'The file is UTF-16 but has an odd number of bytes (it was cut).',
  invalid_json: 'A JSON document that does not parse, or has no array of records where the source spec says.',
  invalid_xlsx:
    'A workbook (.xlsx, .xls, .ods, an HTML table) that cannot be read: a damaged zip or part, or too large when unpacked.',
  unsupported_format:
    'The file is something no reader of this source takes (a PDF, a Word document, a password-protected workbook, a workbook for a JSON source); the message names what it is and what to send, and the manifest’s `format` says it in a word (`pdf`, `docx`, `xlsx`).',
  resaved_by_spreadsheet:
    'The file was opened and saved by a spreadsheet program that changed values beyond certain repair: counts re-read in another locale (`16.650` → 16.65), identifiers that lost leading zeros or digits. The message names the column and line; send the original export.',
  number_locale:
    'A number written in another locale’s style than the source’s: a decimal comma (`21,3089`) where the source writes English numbers, a decimal point (`99.5`) where it writes Vietnamese ones. The file was exported or saved with another number format, and a value such as `1,234` could then be either, so the file fails; export it again in the source’s style, or send the original.',
  no_rows_accepted:
    'Every row of the file was rejected: the file fails whole rather than load nothing as a success. The message counts the reasons and names the first rejected cell; fix the file (or its source spec) and send it again.',
  unbalanced_quote: 'A quoted CSV field opens and never closes.',
  malformed_quotes: 'Text follows a closing quote in a CSV field (quotes inside a field must be doubled).',
  record_too_large: 'A record, or a whole-file format (spreadsheet, JSON document), is larger than the limit.',
  missing_header: 'No header row was found.',
  duplicate_column: 'Two header cells name the same column.',
  missing_columns: 'A required column is not in the header (the message names every one and the header found).',
  unknown_source: 'The raw object is not under raw/<source>/yyyy/mm/dd/, or the source is not registered.',
  unknown_dataset: 'The file name matches none of the source’s feeds.',
  formula_without_value:
    'A workbook cell the table needs is a formula saved without its value: a program that does not calculate formulas (a script, openpyxl, a reporting tool) wrote the file. Open it in Excel or LibreOffice and save it again (which stores the values), or write values instead of formulas.',
  several_tables:
    'Another table’s header stands below the table on the same sheet (a second report with its own title and columns): a sheet is read as one table, so its rows would be read in the first table’s columns and the file fails; send each table on a sheet, or in a file, of its own.',
  table_on_several_sheets:
    'A workbook holds the table on more than one sheet (another month, or a copy): only one would be read and the others dropped unseen, so the file fails; send one sheet per file, or the rows on one sheet.',
};

/** Why one row is rejected (to quarantine, with its line and column). */
export const ROW_REASONS: Record<string, string> = {
  missing_value: 'A required column is empty.',
  wrong_field_count:
    'The record has more or fewer fields than the header (often an unquoted delimiter inside a value).',
  invalid_json: 'An NDJSON line, or a JSON record, that is not a JSON object.',
  invalid_string: 'Text that is not valid for the column.',
  invalid_integer: 'Not a whole number in a column that counts (`1.234,5` subscribers).',
  invalid_number: 'Not a number in any accepted form (`1.234.567`, `1.234,5`, `1,234.5`, `1234.5`).',
  ambiguous_number:
    'A number that reads two ways in a source whose number style is `auto` (`1.234`: one thousand or one point two): never guessed.',
  invalid_decimal: 'Not a decimal within the column’s precision and scale.',
  invalid_boolean:
    'Not a yes/no value (`Có`/`Không`, `x`, `1`/`0`, `Yes`/`No`, `true`/`false`, `Đúng`/`Sai`, `Đã`/`Chưa`).',
  invalid_date:
    'Not a real date (`dd/mm/yyyy`, `dd-mm-yyyy`, ISO `yyyy-mm-dd`, or an Excel serial day in a spreadsheet); `31/02/2025` is rejected.',
  invalid_timestamp:
    'Not a date and time (ISO 8601 with or without offset, or `dd/mm/yyyy HH:mm[:ss]`, read as Vietnam time when it has no offset).',
  invalid_period: 'The reporting month is not `yyyy-mm`, `mm/yyyy`, `Tháng mm/yyyy` or `Tmm/yyyy`.',
  invalid_enum: 'A value outside the column’s set, in none of the source’s spellings.',
  invalid_format: 'A code that does not match the column’s pattern.',
  out_of_range: 'A number outside the column’s minimum or maximum.',
  duplicate_key:
    'A row whose natural key (the contract’s `naturalKey`, e.g. carrier + ward + period) an earlier row of the same file already has: a copied row, a hidden row, a table pasted twice. The first is kept; the views would otherwise count it twice.',
  unknown_ward: 'No ward has this code (2025 or pre-2025) or name (with the district, when given).',
  ambiguous_ward: 'A ward name that fits more than one ward; give the district or the code.',
};

/** Row checks of the contracts (a rule across columns), by reason. */
export function contractCheckReasons(): Record<string, string> {
  return Object.fromEntries(DATASETS.flatMap((d) => d.checks.map((c) => [c.reason, `${c.description} (${d.name})`])));
}

/** Records that are not data: counted in the manifest's `skipped`, not rows. */
export const SKIP_REASONS: Record<string, string> = {
  totals_row: 'A totals row (`Tổng cộng`) of a source that declares one.',
  column_number_row:
    'The `(1) (2) (3)…` row that numbers a government form’s columns under its header (read only when it does not read as a row).',
  signature_row:
    'A line of the signature block under a report (place and date, `Người lập biểu`, `(Ký, họ tên)`, the names), read only when it does not read as a row.',
  empty_month: 'An empty month cell in a file with one column per month: that month was not reported.',
  blank_record:
    'A record with no value in any field: a line of only delimiters or spaces, a spreadsheet row saved empty.',
  repeated_header:
    'The header again inside the table, as a report laid out for printing repeats it on every page (read only when it does not read as a row).',
};
