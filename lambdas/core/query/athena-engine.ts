import { GetQueryResultsCommand, type AthenaClient } from '@aws-sdk/client-athena';
import { runStatement, type AthenaTarget, type RunOptions } from './athena-views';
import type { SqlRow, SqlValue } from './duckdb-lake';
import type { QueryEngine } from './query-engine';

/**
 * A parameter as Athena's ExecutionParameters want it: a SQL literal that Athena parses
 * itself (strings quoted, quotes doubled), so a value never becomes part of the query text.
 */
export function executionParameter(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot pass ${value} to Athena`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return `'${value.replaceAll("'", "''")}'`;
}

const NUMERIC = /^(tinyint|smallint|integer|bigint|double|float|real|decimal)/;

/**
 * The sharing API's engine in AWS: StartQueryExecution in the workgroup with
 * ExecutionParameters, polling with backoff (a failed or cancelled query throws with
 * Athena's reason), then every page of GetQueryResults.
 */
export class AthenaEngine implements QueryEngine {
  constructor(
    private readonly client: AthenaClient,
    private readonly target: AthenaTarget,
    private readonly options: RunOptions = {},
  ) {}

  async query(
    sql: string,
    params: readonly SqlValue[] = [],
  ): Promise<{ columns: string[]; rows: SqlRow[]; queryId: string; scannedBytes: number }> {
    const { id, scannedBytes } = await runStatement(
      this.client,
      this.target,
      sql,
      this.options,
      params.map(executionParameter),
    );
    let columns: string[] = [];
    let types: string[] = [];
    const rows: SqlRow[] = [];
    let token: string | undefined;
    let first = true;
    do {
      const page = await this.client.send(
        new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token, MaxResults: 1000 }),
      );
      if (first) {
        const info = page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
        columns = info.map((c) => c.Name ?? '');
        types = info.map((c) => (c.Type ?? 'varchar').toLowerCase());
      }
      // The first row of the first page repeats the column names.
      for (const row of (page.ResultSet?.Rows ?? []).slice(first ? 1 : 0)) {
        const data = row.Data ?? [];
        rows.push(Object.fromEntries(columns.map((name, i) => [name, toValue(data[i]?.VarCharValue, types[i]!)])));
      }
      first = false;
      token = page.NextToken;
    } while (token);
    return { columns, rows, queryId: id, scannedBytes };
  }
}

function toValue(text: string | undefined, type: string): SqlValue {
  if (text === undefined) return null;
  if (NUMERIC.test(type)) return Number(text);
  if (type === 'boolean') return text === 'true';
  return text;
}
