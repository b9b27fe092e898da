import { Bool, type DataType, DateDay, Decimal, Float64, Int64, TimestampMillisecond, Utf8 } from 'apache-arrow';
import {
  type Parsed,
  parseBoolean,
  parseDate,
  parseDecimal,
  parseDouble,
  parseInteger,
  parseTimestamp,
} from './canonical-values';

/**
 * The column types a contract may use, and one table of what each type is in every system the
 * data passes through. Every consumer (Parquet writer, Glue catalog, DuckDB views, the API's
 * JSON Schema, row filters, docs) reads this table; `satisfies Record<TypeKind, TypeFacts>`
 * makes a new kind fail to compile until every fact of it is filled in.
 */
export const TYPE_KINDS = ['string', 'bigint', 'double', 'decimal', 'boolean', 'date', 'timestamp'] as const;
export type TypeKind = (typeof TYPE_KINDS)[number];
/** The kinds without parameters: their name is their type. */
export type ScalarType = Exclude<TypeKind, 'decimal'>;
export const SCALAR_TYPES = TYPE_KINDS.filter((kind): kind is ScalarType => kind !== 'decimal') as [
  ScalarType,
  ...ScalarType[],
];
export type DecimalTypeName = `decimal(${number},${number})`;
/** A contract column's type: the Glue/Hive type name, so the catalog needs no mapping. */
export type ColumnType = ScalarType | DecimalTypeName;

export interface DecimalSpec {
  precision: number;
  scale: number;
}

/** Decimals are stored as unscaled integers of at most 64 bits (Parquet INT32 or INT64), so precision is capped at 18. */
export const MAX_DECIMAL_PRECISION = 18;

export interface TypeFacts {
  /** The Arrow type of the column in the curated Parquet files. */
  arrow(decimal: DecimalSpec): DataType;
  /** The Parquet physical type and its annotation (converted type), for the data dictionary. */
  parquet(decimal: DecimalSpec): string;
  /** The Glue (Hive DDL) type of the catalog table. */
  glue(decimal: DecimalSpec): string;
  /** The SQL type in queries, the same name on Athena (Trino) and DuckDB. */
  sql(decimal: DecimalSpec): string;
  /** DuckDB's own name for the type (what `DESCRIBE` prints). */
  duckdb(decimal: DecimalSpec): string;
  /** The JSON Schema of a value as the API serves it in JSON rows. */
  jsonSchema: { type: 'string' | 'integer' | 'number' | 'boolean'; format?: 'date'; pattern?: string };
  /** The JavaScript value the API holds for a cell: what its CSV cell and Arrow vector are made from. */
  served: 'string' | 'number' | 'boolean';
  /** Takes `min` / `max` bounds. */
  numeric: boolean;
  /** Parses the canonical text form (ISO dates, `.` decimals): canonical CSV and API filter values. */
  parse(decimal: DecimalSpec): (text: string) => Parsed<unknown>;
  /** The reason code of a value that does not parse. */
  invalid: string;
}

const NUMBER_JSON = { type: 'number' } as const;

export const COLUMN_TYPES = {
  string: {
    arrow: () => new Utf8(),
    parquet: () => 'BYTE_ARRAY (UTF8)',
    glue: () => 'string',
    sql: () => 'varchar',
    duckdb: () => 'VARCHAR',
    jsonSchema: { type: 'string' },
    served: 'string',
    numeric: false,
    parse: () => (text) => text,
    invalid: 'invalid_string',
  },
  bigint: {
    arrow: () => new Int64(),
    parquet: () => 'INT64',
    glue: () => 'bigint',
    sql: () => 'bigint',
    duckdb: () => 'BIGINT',
    jsonSchema: { type: 'integer' },
    served: 'number',
    numeric: true,
    parse: () => parseInteger,
    invalid: 'invalid_integer',
  },
  double: {
    arrow: () => new Float64(),
    parquet: () => 'DOUBLE',
    glue: () => 'double',
    sql: () => 'double',
    duckdb: () => 'DOUBLE',
    jsonSchema: NUMBER_JSON,
    served: 'number',
    numeric: true,
    parse: () => parseDouble,
    invalid: 'invalid_number',
  },
  decimal: {
    arrow: ({ precision, scale }) => new Decimal(scale, precision, 128),
    // parquet-rs stores a decimal in the smallest integer that holds its precision.
    parquet: ({ precision, scale }) => `${precision <= 9 ? 'INT32' : 'INT64'} (DECIMAL(${precision},${scale}))`,
    glue: ({ precision, scale }) => `decimal(${precision},${scale})`,
    sql: ({ precision, scale }) => `decimal(${precision},${scale})`,
    duckdb: ({ precision, scale }) => `DECIMAL(${precision},${scale})`,
    jsonSchema: NUMBER_JSON,
    served: 'number',
    numeric: true,
    parse:
      ({ precision, scale }) =>
      (text) =>
        parseDecimal(text, precision, scale),
    invalid: 'invalid_decimal',
  },
  boolean: {
    arrow: () => new Bool(),
    parquet: () => 'BOOLEAN',
    glue: () => 'boolean',
    sql: () => 'boolean',
    duckdb: () => 'BOOLEAN',
    jsonSchema: { type: 'boolean' },
    served: 'boolean',
    numeric: false,
    parse: () => parseBoolean,
    invalid: 'invalid_boolean',
  },
  date: {
    arrow: () => new DateDay(),
    parquet: () => 'INT32 (DATE)',
    glue: () => 'date',
    sql: () => 'date',
    duckdb: () => 'DATE',
    jsonSchema: { type: 'string', format: 'date' },
    served: 'string',
    numeric: false,
    parse: () => parseDate,
    invalid: 'invalid_date',
  },
  /**
   * UTC instants without a zone annotation (Parquet TIMESTAMP_MILLIS, isAdjustedToUTC=false):
   * Athena and DuckDB both read them as `timestamp`, and views add 7 hours for Vietnam time
   * (no DST) where local time matters.
   */
  timestamp: {
    arrow: () => new TimestampMillisecond(),
    parquet: () => 'INT64 (TIMESTAMP_MILLIS)',
    glue: () => 'timestamp',
    sql: () => 'timestamp',
    duckdb: () => 'TIMESTAMP',
    // Both engines give a timestamp as SQL text in UTC (`2025-07-01 01:30:00[.000]`), which is
    // not an RFC 3339 date-time: the schema says what is served.
    jsonSchema: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?$' },
    served: 'string',
    numeric: false,
    parse: () => parseTimestamp,
    invalid: 'invalid_timestamp',
  },
} as const satisfies Record<TypeKind, TypeFacts>;

const DECIMAL = /^decimal\((\d+),(\d+)\)$/;
const NOT_DECIMAL: DecimalSpec = { precision: 0, scale: 0 };

/** `decimal(18,2)` → `{ precision: 18, scale: 2 }`; anything else → undefined. */
export function parseDecimalType(type: string): DecimalSpec | undefined {
  const match = DECIMAL.exec(type);
  if (!match) return undefined;
  return { precision: Number(match[1]), scale: Number(match[2]) };
}

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

/** The kind of a column type: `decimal(18,4)` is a decimal. */
export function typeKind(type: ColumnType): TypeKind {
  return type.startsWith('decimal(') ? 'decimal' : (type as ScalarType);
}

/** The `default:` of a switch over every kind: a kind added to TYPE_KINDS and not to the switch fails to compile. */
export function unknownTypeKind(kind: never): never {
  throw new Error(`no case for column type kind ${String(kind)}`);
}

/** A column type's facts with a decimal's precision and scale applied. */
export type ResolvedType = { kind: TypeKind } & {
  [F in keyof TypeFacts]: TypeFacts[F] extends (decimal: DecimalSpec) => infer R ? R : TypeFacts[F];
};

export function resolveType(type: ColumnType): ResolvedType {
  const kind = typeKind(type);
  const decimal = kind === 'decimal' ? parseDecimalType(type) : NOT_DECIMAL;
  if (!decimal) throw new Error(`not a column type: ${type}`);
  const resolved = Object.entries(COLUMN_TYPES[kind]).map(([fact, value]) => [
    fact,
    typeof value === 'function' ? value(decimal) : value,
  ]);
  return { kind, ...Object.fromEntries(resolved) } as ResolvedType;
}
