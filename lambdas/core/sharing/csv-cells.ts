import type { SqlValue } from '../query/duckdb-lake';

/**
 * The rule of a CSV cell, once, in two languages: JavaScript for the CSV the API writes itself
 * (rows pages, local exports), SQL for the CSV Athena writes (full exports in AWS). The SQL is
 * made from these same patterns, so they keep to syntax that JavaScript, Trino's Java-style
 * regexes and DuckDB's RE2 read alike: anchors, classes, `\d \t \r \n`, `(?:)`, `? * +`.
 */

/** What a spreadsheet may take for the start of a formula (OWASP's CSV injection list). */
export const FORMULA_START = /^[=+\-@\t\r]/;
/** A number written as text: Athena's results, `cast(x as varchar)` (`-1.5E3` in Trino). */
export const NUMBER_TEXT = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
/** A cell holding one of these is quoted, its quotes doubled (RFC 4180). */
export const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell. A text that starts like a formula is prefixed with `'`, which Excel and
 * LibreOffice show as text: `-1-A1` or `=HYPERLINK(…)` in a text column would otherwise run.
 * Only a number of a numeric column is written as it is (a negative count stays a number).
 */
export function csvCell(value: SqlValue, numeric: boolean): string {
  if (value === null) return '';
  const text = String(value);
  // A numeric column's value may come as text (Athena's results are text): a number still.
  const isNumber = numeric && NUMBER_TEXT.test(text);
  const safe = !isNumber && FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Text as a SQL string literal (Trino and DuckDB alike: quotes doubled, backslashes literal). */
export const sqlText = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** A pattern as the literal `regexp_like` takes: its source only, so the patterns above carry no flags. */
const sqlPattern = (pattern: RegExp): string => sqlText(pattern.source);

/**
 * `csvCell`'s prefix as SQL, over a varchar expression: `text` prefixed with `'` when it starts
 * like a formula, unless it is a number of a numeric column. Null stays null.
 */
export function formulaSafeSql(text: string, numeric: boolean): string {
  const formula = `regexp_like(${text}, ${sqlPattern(FORMULA_START)})`;
  const runs = numeric ? `${formula} and not regexp_like(${text}, ${sqlPattern(NUMBER_TEXT)})` : formula;
  return `case when ${runs} then '''' || ${text} else ${text} end`;
}

/** `csvCell`'s quoting as SQL, over a varchar expression that `formulaSafeSql` made; null becomes the empty cell. */
export function quotedCellSql(safe: string): string {
  const quoted = `'"' || replace(${safe}, '"', '""') || '"'`;
  return `coalesce(case when regexp_like(${safe}, ${sqlPattern(NEEDS_QUOTES)}) then ${quoted} else ${safe} end, '')`;
}
