import type { ObjectStore } from '../lake/object-store';

export interface AuditEntry {
  at: string;
  requestId: string;
  agency: string | null;
  method: string;
  route: string;
  dataset: string | null;
  query: Record<string, string>;
  status: number;
  rows: number | null;
  bytes: number;
  problem: string | null;
  receipt: { datasetVersion: string; sha256: string } | null;
  durationMs: number;
}

/**
 * The audit log's columns, for both engines: the DuckDB `audit_log` view locally and the Glue
 * table over the audit bucket in AWS. Keep in step with AuditEntry (a test holds them equal).
 */
export const AUDIT_LOG_COLUMNS: readonly { name: keyof AuditEntry; hive: string; duckdb: string }[] = [
  { name: 'at', hive: 'string', duckdb: 'TIMESTAMP' },
  { name: 'requestId', hive: 'string', duckdb: 'VARCHAR' },
  { name: 'agency', hive: 'string', duckdb: 'VARCHAR' },
  { name: 'method', hive: 'string', duckdb: 'VARCHAR' },
  { name: 'route', hive: 'string', duckdb: 'VARCHAR' },
  { name: 'dataset', hive: 'string', duckdb: 'VARCHAR' },
  { name: 'query', hive: 'map<string,string>', duckdb: 'JSON' },
  { name: 'status', hive: 'int', duckdb: 'INTEGER' },
  { name: 'rows', hive: 'bigint', duckdb: 'BIGINT' },
  { name: 'bytes', hive: 'bigint', duckdb: 'BIGINT' },
  { name: 'problem', hive: 'string', duckdb: 'VARCHAR' },
  { name: 'receipt', hive: 'struct<datasetVersion:string,sha256:string>', duckdb: 'JSON' },
  { name: 'durationMs', hive: 'bigint', duckdb: 'BIGINT' },
];

/**
 * Every exchange, one JSON object each under `audit/<yyyy>/<mm>/<dd>/` (the Object Lock
 * bucket in AWS, the lake folder locally): append-only by construction, and queryable as
 * the `audit_log` view.
 */
export class AuditLog {
  constructor(private readonly store: ObjectStore) {}

  async append(entry: AuditEntry): Promise<void> {
    const day = entry.at.slice(0, 10).replaceAll('-', '/');
    await this.store.put(
      `audit/${day}/${entry.at.replace(/[:.]/g, '')}-${entry.requestId}.json`,
      `${JSON.stringify(entry)}\n`,
      'application/json',
    );
  }
}
