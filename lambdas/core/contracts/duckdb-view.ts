import { resolveType, type ColumnType, type ScalarType } from './column-types';
import type { DatasetContract } from './define-dataset';

/** DuckDB's name for a contract column type (see COLUMN_TYPES). */
export function duckdbType(type: ColumnType): string {
  return resolveType(type).duckdb;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * The DuckDB view of a dataset over the local lake folder: every Parquet file under
 * `curated/<dataset>/`, with `period` and `source` read from the hive-style key. Columns are
 * cast to the contract types and listed in contract order, so the view's shape is the
 * contract's even when a file was written by an older contract version (union_by_name).
 * A dataset with no files yet gets an empty view of the same shape.
 */
export function duckdbViewSql(contract: DatasetContract, curatedDir: string, hasFiles: boolean): string {
  const columns = [...contract.fileColumns, ...contract.partitionColumns];
  const view = quoteIdentifier(contract.name);
  if (!hasFiles) {
    const nulls = columns.map((c) => `CAST(NULL AS ${duckdbType(c.type)}) AS ${quoteIdentifier(c.name)}`).join(', ');
    return `CREATE OR REPLACE VIEW ${view} AS SELECT ${nulls} WHERE false`;
  }
  const glob = `${curatedDir.replace(/\/+$/, '')}/${contract.name}/*/*/*.parquet`;
  const select = columns
    .map((c) => `CAST(${quoteIdentifier(c.name)} AS ${duckdbType(c.type)}) AS ${quoteIdentifier(c.name)}`)
    .join(', ');
  return `CREATE OR REPLACE VIEW ${view} AS SELECT ${select} FROM read_parquet(${quoteLiteral(glob)}, hive_partitioning = true, hive_types_autocast = false, union_by_name = true)`;
}

/**
 * The contract type family of a DuckDB column type, for checking a view against a declared
 * contract: DuckDB widens integer sums to HUGEINT and keeps DECIMAL where Trino has DOUBLE,
 * so whole numbers map to bigint and every fractional type to double.
 */
export function contractTypeOfDuckdb(duckdb: string): ScalarType | undefined {
  if (duckdb === 'VARCHAR') return 'string';
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)$/.test(duckdb)) return 'bigint';
  if (/^(FLOAT|DOUBLE|DECIMAL)/.test(duckdb)) return 'double';
  if (duckdb === 'BOOLEAN') return 'boolean';
  if (duckdb === 'DATE') return 'date';
  if (duckdb.startsWith('TIMESTAMP')) return 'timestamp';
  return undefined;
}
