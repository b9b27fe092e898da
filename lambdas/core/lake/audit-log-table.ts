import type { JsonTable } from './json-tables';

/**
 * The audit log's shape, down here with the lake's other JSON tables because both the query
 * engine (the `audit_log` view) and the catalog read it, while the API (sharing/audit-log.ts)
 * writes it: the query layer must not import the sharing layer above it.
 */
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
  /** The client's address (the socket's locally, API Gateway's source IP in AWS), when known. */
  client: string | null;
  /** How many requests this entry stands for: 1, or refusals alike counted into one (refusal-tally.ts). */
  repeats: number;
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
  { name: 'client', hive: 'string', duckdb: 'VARCHAR' },
  { name: 'repeats', hive: 'bigint', duckdb: 'BIGINT' },
];

/** The audit log as a table: the `audit_log` view locally, the Glue table over the audit bucket in AWS. */
export const AUDIT_LOG_TABLE: JsonTable = {
  name: 'audit_log',
  description:
    'Every exchange of the integration platform API: agency, route, dataset, filters, rows, bytes, status, receipt.',
  prefix: 'audit/',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a key template in Glue's projection syntax, not a JavaScript one.
  template: '${day}/',
  extension: '.json',
  columns: AUDIT_LOG_COLUMNS,
  partitions: [{ name: 'day', type: 'date', format: 'yyyy/MM/dd', from: '2026/01/01' }],
  requiredColumn: 'requestId',
};
