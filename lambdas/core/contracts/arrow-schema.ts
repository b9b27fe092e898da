import {
  Bool,
  type DataType,
  DateDay,
  Decimal,
  Field,
  Float64,
  Int64,
  Schema,
  TimestampMillisecond,
  Utf8,
} from 'apache-arrow';
import { parseDecimalType, type ColumnType } from './column-types';
import type { Column, DatasetContract } from './define-dataset';

/**
 * Arrow type of a contract column. Timestamps are UTC instants without a zone annotation
 * (Parquet TIMESTAMP_MILLIS, isAdjustedToUTC=false): Athena and DuckDB both read them as
 * `timestamp`, and views add 7 hours for Vietnam time (no DST) where local time matters.
 */
export function arrowType(type: ColumnType): DataType {
  switch (type) {
    case 'string':
      return new Utf8();
    case 'bigint':
      return new Int64();
    case 'double':
      return new Float64();
    case 'boolean':
      return new Bool();
    case 'date':
      return new DateDay();
    case 'timestamp':
      return new TimestampMillisecond();
    default: {
      const decimal = parseDecimalType(type);
      if (!decimal) throw new Error(`no Arrow type for column type ${type}`);
      return new Decimal(decimal.scale, decimal.precision, 128);
    }
  }
}

export function arrowField(column: Column): Field {
  return new Field(column.name, arrowType(column.type), column.nullable);
}

/** Schema of the Parquet files of a dataset (partition columns live in the key, not the file). */
export function arrowSchema(contract: DatasetContract): Schema {
  return new Schema(
    contract.fileColumns.map(arrowField),
    new Map([['vpdc.contract', `${contract.name}@${contract.version}`]]),
  );
}
