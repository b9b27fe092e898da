import { type DataType, Field, Schema } from 'apache-arrow';
import { resolveType, type ColumnType } from './column-types';
import type { Column, DatasetContract } from './define-dataset';

/** Arrow type of a contract column (see COLUMN_TYPES). */
export function arrowType(type: ColumnType): DataType {
  return resolveType(type).arrow;
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
