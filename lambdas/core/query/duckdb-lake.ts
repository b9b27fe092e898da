import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DATASETS } from '../contracts';
import { duckdbViewSql } from '../contracts/duckdb-view';

export type SqlValue = string | number | boolean | null;
export type SqlRow = Record<string, SqlValue>;

/** Whether a dataset folder holds at least one Parquet file (DuckDB's glob fails on none). */
function hasParquet(dir: string): boolean {
  if (!existsSync(dir)) return false;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && hasParquet(join(dir, entry.name))) return true;
    if (entry.isFile() && entry.name.endsWith('.parquet') && !entry.name.startsWith('.')) return true;
  }
  return false;
}

/**
 * DuckDB over a local lake folder: one view per dataset contract, named after the dataset,
 * so the same SQL runs here and on Athena. In-memory database, nothing written to the lake.
 */
export class DuckDbLake {
  private constructor(private readonly connection: DuckDBConnection, readonly lakeDir: string) {}

  static async open(lakeDir: string): Promise<DuckDbLake> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const lake = new DuckDbLake(connection, lakeDir);
    const curated = join(lakeDir, 'curated');
    for (const contract of DATASETS) {
      await connection.run(duckdbViewSql(contract, curated, hasParquet(join(curated, contract.name))));
    }
    return lake;
  }

  /** Runs a query; BIGINT and DECIMAL come back as numbers, dates and timestamps as ISO text. */
  async query(sql: string): Promise<{ columns: string[]; rows: SqlRow[] }> {
    const reader = await this.connection.runAndReadAll(sql);
    const columns = reader.columnNames();
    const rows = reader.getRowObjectsJson().map((row) => {
      const out: SqlRow = {};
      reader.columnTypes().forEach((type, i) => {
        const name = columns[i]!;
        const value = row[name] as SqlValue | undefined;
        out[name] = value === undefined ? null : toNumberIfNumeric(type.toString(), value);
      });
      return out;
    });
    return { columns, rows };
  }

  close(): void {
    this.connection.closeSync();
  }
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|DECIMAL|DOUBLE|FLOAT)/;

function toNumberIfNumeric(type: string, value: SqlValue): SqlValue {
  return typeof value === 'string' && NUMERIC.test(type) ? Number(value) : value;
}
