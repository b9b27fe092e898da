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
  | 'unknown_source'
  | 'unknown_dataset';

export class FeedError extends Error {
  override name = 'FeedError';
  constructor(
    readonly code: FeedErrorCode,
    message: string,
    readonly line?: number,
    options?: { cause?: unknown },
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`, options);
  }
}
