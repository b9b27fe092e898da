import type { JsonTable } from '../lake/json-tables';
import type { ObjectStore } from '../lake/object-store';
import { AuditSegments, type AuditSegmentsOptions } from './audit-segments';
import { RefusalTally, type RefusalTallyOptions } from './refusal-tally';

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

/**
 * Every exchange, as one JSON line, under `audit/<yyyy>/<mm>/<dd>/` (the lake folder locally,
 * the Object Lock bucket in AWS): append-only, and queryable as the `audit_log` view (DuckDB)
 * and table (Glue). Where the store can append (a folder), lines go into segments, a few files
 * per process and hour (audit-segments.ts); where it cannot (S3, where each Lambda invocation
 * is one request anyway), each entry is its own object. Either way `append` resolves once the
 * entry is written, so the answer it audits may go out.
 *
 * Locally, requests refused before any agency was identified (a bad token, a flood over the
 * address's rate limit) are tallied per client, status and problem, so a flood cannot fill
 * the disk. In AWS, API Gateway's authorizer and throttling refuse those before the Lambda,
 * whose container may be frozen before a tally is written, so there every entry is its own.
 */
export class AuditLog {
  private readonly segments: AuditSegments | undefined;
  private readonly refusals: RefusalTally<AuditEntry> | undefined;

  constructor(
    private readonly store: ObjectStore,
    options: AuditSegmentsOptions & { refusals?: RefusalTallyOptions } = {},
  ) {
    const append = store.append?.bind(store);
    this.segments = append ? new AuditSegments(append, options) : undefined;
    this.refusals = append ? new RefusalTally((entry) => this.write(entry), options.refusals) : undefined;
  }

  append(entry: AuditEntry): Promise<void> {
    if (this.refusals && entry.agency === null && entry.status >= 400 && entry.status < 500)
      return this.refusals.add(`${entry.client}|${entry.status}|${entry.problem}|${entry.method}`, entry);
    return this.write(entry);
  }

  private async write(entry: AuditEntry): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`;
    if (this.segments) return this.segments.write(entry.at, line);
    const day = entry.at.slice(0, 10).replaceAll('-', '/');
    await this.store.put(
      `audit/${day}/${entry.at.replace(/[:.]/g, '')}-${entry.requestId}.json`,
      line,
      'application/json',
    );
  }

  /** Resolves once every entry appended so far is written: call it before the process exits. */
  async flush(): Promise<void> {
    await this.refusals?.flush();
    await this.segments?.flush();
  }
}
