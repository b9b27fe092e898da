import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { DATASETS } from '../contracts';
import { duckdbViewSql } from '../contracts/duckdb-view';
import { INGEST_MANIFESTS_TABLE, QUARANTINE_ROWS_TABLE } from '../ingest/lake-tables';
import { duckdbJsonViewSql } from '../lake/json-tables';
import { AUDIT_LOG_TABLE } from '../lake/audit-log-table';
import { rowsOf, type SqlRow, type SqlValue } from './duckdb-rows';
import { loadViews } from '../sql/view-files';

import { SQL_DIR } from '../sql/sql-dir';

export class ViewError extends Error {
  override name = 'ViewError';
}

export type { SqlRow, SqlValue } from './duckdb-rows';

/** Whether a folder holds at least one file with this extension (DuckDB's glob fails on none). */
function hasFiles(dir: string, extension: string): boolean {
  if (!existsSync(dir)) return false;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && hasFiles(join(dir, entry.name), extension)) return true;
    if (entry.isFile() && entry.name.endsWith(extension) && !entry.name.startsWith('.')) return true;
  }
  return false;
}

/**
 * DuckDB over a local lake folder: one view per dataset contract, named after the dataset,
 * then the Trino macros DuckDB lacks (sql/compat/duckdb.sql) and every shared view of sql/
 * (plan_targets, staging, marts) in dependency order: the same SQL Athena runs. In-memory
 * database, nothing written to the lake.
 */
export class DuckDbLake {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    readonly lakeDir: string,
  ) {}

  static async open(lakeDir: string, options: { sqlDir?: string } = {}): Promise<DuckDbLake> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const lake = new DuckDbLake(instance, connection, lakeDir);
    const curated = join(lakeDir, 'curated');
    for (const contract of DATASETS) {
      await connection.run(duckdbViewSql(contract, curated, hasFiles(join(curated, contract.name), '.parquet')));
    }
    // The lake's own records, as Athena sees them too: the API's audit log, the manifests, the quarantine.
    for (const table of [AUDIT_LOG_TABLE, INGEST_MANIFESTS_TABLE, QUARANTINE_ROWS_TABLE]) {
      const zone = join(lakeDir, table.prefix);
      await connection.run(duckdbJsonViewSql(table, zone, hasFiles(zone, table.extension)));
    }
    const sqlDir = options.sqlDir ?? SQL_DIR;
    await connection.run(readFileSync(join(sqlDir, 'compat', 'duckdb.sql'), 'utf8'));
    for (const view of loadViews(sqlDir)) {
      try {
        await connection.run(`CREATE OR REPLACE VIEW ${view.name} AS\n${view.sql}`);
      } catch (error) {
        throw new ViewError(`view ${view.name} (${view.layer}) failed on DuckDB: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
    return lake;
  }

  /**
   * Runs a query; BIGINT and DECIMAL come back as numbers, dates and timestamps as ISO text.
   * `params` bind to `?` placeholders (a prepared statement): values never enter the SQL text.
   * Each call has its own connection to the one in-memory database, so concurrent requests
   * (the API server) do not share a statement.
   */
  async query(sql: string, params: readonly SqlValue[] = []): Promise<{ columns: string[]; rows: SqlRow[] }> {
    const connection = await this.instance.connect();
    let reader;
    try {
      reader = await connection.runAndReadAll(sql, params as DuckDBValue[]);
    } finally {
      connection.closeSync();
    }
    return rowsOf(reader);
  }

  /** Runs statements that return nothing (DDL), on the shared database. */
  async execute(sql: string): Promise<void> {
    const connection = await this.instance.connect();
    try {
      await connection.run(sql);
    } finally {
      connection.closeSync();
    }
  }

  close(): void {
    this.connection.closeSync();
  }
}
