/**
 * The column types a contract may use. They are the Glue/Hive type names, so the catalog
 * needs no mapping table; the Arrow and DuckDB types derive from them.
 */
export type ScalarType = 'string' | 'bigint' | 'double' | 'boolean' | 'date' | 'timestamp';
export type DecimalTypeName = `decimal(${number},${number})`;
export type ColumnType = ScalarType | DecimalTypeName;

export interface DecimalSpec {
  precision: number;
  scale: number;
}

const DECIMAL = /^decimal\((\d+),(\d+)\)$/;
export const SCALAR_TYPES: readonly ScalarType[] = ['string', 'bigint', 'double', 'boolean', 'date', 'timestamp'];

/** `decimal(18,2)` → `{ precision: 18, scale: 2 }`; anything else → undefined. */
export function parseDecimalType(type: string): DecimalSpec | undefined {
  const match = DECIMAL.exec(type);
  if (!match) return undefined;
  return { precision: Number(match[1]), scale: Number(match[2]) };
}

/** Decimals are stored as 64-bit unscaled integers (Parquet INT64), so precision is capped at 18. */
export const MAX_DECIMAL_PRECISION = 18;

export function isColumnType(type: string): type is ColumnType {
  if ((SCALAR_TYPES as readonly string[]).includes(type)) return true;
  const decimal = parseDecimalType(type);
  return (
    decimal !== undefined &&
    decimal.precision >= 1 &&
    decimal.precision <= MAX_DECIMAL_PRECISION &&
    decimal.scale >= 0 &&
    decimal.scale <= decimal.precision
  );
}
