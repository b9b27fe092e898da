/**
 * A problem with a whole file (as opposed to one bad row): the file fails, its raw object
 * stays, and its manifest says `failed` with this code and message.
 */
export type FeedErrorCode =
  | 'empty_file'
  | 'binary_content'
  | 'invalid_utf8'
  | 'invalid_utf16'
  | 'invalid_json'
  | 'unbalanced_quote'
  | 'malformed_quotes'
  | 'record_too_large'
  | 'missing_header'
  | 'duplicate_column'
  | 'missing_columns'
  | 'invalid_xlsx'
  | 'unsupported_format'
  | 'resaved_by_spreadsheet'
  | 'number_locale'
  | 'no_rows_accepted'
  | 'table_on_several_sheets'
  | 'several_tables'
  | 'formula_without_value'
  | 'unknown_source'
  | 'unknown_dataset';

export class FeedError extends Error {
  override name = 'FeedError';
  /**
   * What the file was found to be, when that is why it is refused (`unsupported_format`): a
   * workbook format (`xlsx`, `ods`…) or, for a file no reader takes, what it is (`a PDF document`).
   * The manifest and `vpdc validate` report it as the file's format.
   */
  readonly format?: string;
  constructor(
    readonly code: FeedErrorCode,
    message: string,
    readonly line?: number,
    options?: { cause?: unknown; format?: string },
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`, options);
    if (options?.format !== undefined) this.format = options.format;
  }
}
