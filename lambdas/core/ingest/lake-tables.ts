import { SOURCE_IDS } from '../feeds';
import type { JsonTable } from '../lake/json-tables';
import { UNROUTED_SOURCE } from './ingest-raw-object';

/**
 * Every ingest's manifest as a table (`ingest_manifests`), so "which files failed last week,
 * and why" is one query: its counts, reject reasons, periods and outputs as the ETL wrote
 * them. Keep in step with manifestSchema (a test holds them equal).
 */
export const INGEST_MANIFESTS_TABLE: JsonTable = {
  name: 'ingest_manifests',
  description:
    'One row per ingested file: source, dataset, raw key, detected format and encoding, status, rows in/accepted/rejected, reject reasons, periods, outputs, error, timing.',
  prefix: 'manifests/',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a key template in Glue's projection syntax, not a JavaScript one.
  template: '${source}/',
  extension: '.json',
  columns: [
    { name: 'manifestId', hive: 'string', duckdb: 'VARCHAR' },
    { name: 'dataset', hive: 'string', duckdb: 'VARCHAR' },
    { name: 'contractVersion', hive: 'string', duckdb: 'VARCHAR' },
    { name: 'source', hive: 'string', duckdb: 'VARCHAR' },
    { name: 'rawKey', hive: 'string', duckdb: 'VARCHAR' },
    { name: 'rawSha256', hive: 'string', duckdb: 'VARCHAR' },
    { name: 'rawBytes', hive: 'bigint', duckdb: 'BIGINT' },
    { name: 'format', hive: 'string', duckdb: 'VARCHAR' },
    { name: 'encoding', hive: 'string', duckdb: 'VARCHAR' },
    { name: 'sheet', hive: 'string', duckdb: 'VARCHAR' },
    { name: 'status', hive: 'string', duckdb: 'VARCHAR' },
    { name: 'rowsIn', hive: 'bigint', duckdb: 'BIGINT' },
    { name: 'rowsAccepted', hive: 'bigint', duckdb: 'BIGINT' },
    { name: 'rowsRejected', hive: 'bigint', duckdb: 'BIGINT' },
    { name: 'reasons', hive: 'map<string,bigint>', duckdb: 'MAP(VARCHAR, BIGINT)' },
    { name: 'periods', hive: 'array<string>', duckdb: 'VARCHAR[]' },
    { name: 'extraColumns', hive: 'array<string>', duckdb: 'VARCHAR[]' },
    { name: 'skipped', hive: 'map<string,bigint>', duckdb: 'MAP(VARCHAR, BIGINT)' },
    {
      name: 'outputs',
      hive: 'array<struct<kind:string,key:string,period:string,rows:bigint,bytes:bigint,sha256:string>>',
      duckdb: 'STRUCT(kind VARCHAR, "key" VARCHAR, period VARCHAR, "rows" BIGINT, bytes BIGINT, sha256 VARCHAR)[]',
    },
    {
      name: 'error',
      hive: 'struct<code:string,message:string,line:bigint>',
      duckdb: 'STRUCT(code VARCHAR, message VARCHAR, line BIGINT)',
    },
    { name: 'startedAt', hive: 'string', duckdb: 'TIMESTAMP' },
    { name: 'finishedAt', hive: 'string', duckdb: 'TIMESTAMP' },
    { name: 'durationMs', hive: 'double', duckdb: 'DOUBLE' },
  ],
  // The folder is the manifest's own source (or `unrouted`, for a raw key naming none).
  partitions: [{ name: 'source', type: 'enum', values: [...SOURCE_IDS, UNROUTED_SOURCE] }],
  requiredColumn: 'manifestId',
};

/** Every rejected row (`quarantine_rows`): its line, first reason, every problem and the row as received. */
export const QUARANTINE_ROWS_TABLE: JsonTable = {
  name: 'quarantine_rows',
  description:
    'One row per rejected row: the line it starts on, the first problem (column, reason code, value), every problem, and the row as received, keyed by header.',
  prefix: 'quarantine/',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a key template in Glue's projection syntax, not a JavaScript one.
  template: '${source}/${day}/',
  extension: '.jsonl',
  columns: [
    { name: 'line', hive: 'bigint', duckdb: 'BIGINT' },
    { name: 'reason', hive: 'string', duckdb: 'VARCHAR' },
    { name: 'column', hive: 'string', duckdb: 'VARCHAR' },
    { name: 'value', hive: 'string', duckdb: 'VARCHAR' },
    { name: 'issues', hive: 'array<struct<column:string,reason:string,value:string>>', duckdb: 'JSON' },
    { name: 'record', hive: 'string', duckdb: 'JSON' },
  ],
  partitions: [
    { name: 'source', type: 'enum', values: [...SOURCE_IDS, UNROUTED_SOURCE] },
    { name: 'day', type: 'date', format: 'yyyy/MM/dd', from: '2020/01/01' },
  ],
  requiredColumn: 'reason',
};
