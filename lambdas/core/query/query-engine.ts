import type { SqlRow, SqlValue } from './duckdb-lake';

/**
 * The one thing the sharing API needs from a SQL engine: run a statement with `?` parameters
 * bound by the engine (never spliced into the text). DuckDB locally, Athena in AWS.
 */
export interface QueryEngine {
  query(sql: string, params: readonly SqlValue[]): Promise<{ columns: string[]; rows: SqlRow[] }>;
}
