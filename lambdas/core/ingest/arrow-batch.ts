import { makeData, RecordBatch, Struct, type Data, type DataType, type Schema } from 'apache-arrow';
import { arrowType } from '../contracts/arrow-schema';
import { type ColumnType, typeKind } from '../contracts/column-types';

/**
 * Builds an Arrow RecordBatch straight from JS values with `makeData` (typed arrays and a
 * validity bitmap per column): about 20× faster than `vectorFromArray` for strings.
 * Values are what the feed rows produced: string, number (bigint/double/date days/
 * timestamp ms), boolean, bigint (decimal, unscaled), or null.
 */
function validity(values: readonly unknown[], length: number): { bitmap: Uint8Array; nulls: number } {
  const bitmap = new Uint8Array((length + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < length; i++) {
    if (values[i] === null || values[i] === undefined) nulls++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  }
  return { bitmap, nulls };
}

/**
 * Strings: all values joined and encoded in one call. When every value is ASCII (byte
 * length = string length, the common case for codes and ids) the offsets are the string
 * lengths; otherwise each value's byte length is measured.
 */
function utf8Data(type: DataType, values: readonly unknown[], length: number, bitmap: Uint8Array, nulls: number): Data {
  const offsets = new Int32Array(length + 1);
  const texts: string[] = new Array(length);
  for (let i = 0; i < length; i++) {
    const value = values[i];
    texts[i] = typeof value === 'string' ? value : '';
  }
  const joined = texts.join('');
  const bytes = Buffer.from(joined, 'utf8');
  if (bytes.length === joined.length) {
    for (let i = 0, position = 0; i < length; i++) offsets[i + 1] = position += texts[i]!.length;
  } else {
    for (let i = 0, position = 0; i < length; i++) offsets[i + 1] = position += Buffer.byteLength(texts[i]!, 'utf8');
  }
  const data = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  return makeData({ type, length, nullCount: nulls, nullBitmap: bitmap, valueOffsets: offsets, data } as never);
}

export function columnData(columnType: ColumnType, values: readonly unknown[], length: number): Data {
  const type = arrowType(columnType);
  const { bitmap, nulls } = validity(values, length);
  const props = { type, length, nullCount: nulls, nullBitmap: bitmap };
  const kind = typeKind(columnType);
  switch (kind) {
    case 'string':
      return utf8Data(type, values, length, bitmap, nulls);
    case 'bigint':
    case 'timestamp': {
      const data = new BigInt64Array(length);
      for (let i = 0; i < length; i++) if (values[i] != null) data[i] = BigInt(values[i] as number);
      return makeData({ ...props, data } as never);
    }
    case 'double': {
      const data = new Float64Array(length);
      for (let i = 0; i < length; i++) if (values[i] != null) data[i] = values[i] as number;
      return makeData({ ...props, data } as never);
    }
    case 'date': {
      const data = new Int32Array(length);
      for (let i = 0; i < length; i++) if (values[i] != null) data[i] = values[i] as number;
      return makeData({ ...props, data } as never);
    }
    case 'boolean': {
      const data = new Uint8Array((length + 7) >> 3);
      for (let i = 0; i < length; i++) if (values[i] === true) data[i >> 3]! |= 1 << (i & 7);
      return makeData({ ...props, data } as never);
    }
    case 'decimal': {
      // decimal(p,s): 128-bit little-endian two's complement, four 32-bit words per value.
      const data = new Uint32Array(length * 4);
      const mask = 0xffffffffn;
      for (let i = 0; i < length; i++) {
        const value = values[i];
        if (value == null) continue;
        let word = BigInt.asUintN(128, value as bigint);
        for (let w = 0; w < 4; w++) {
          data[i * 4 + w] = Number(word & mask);
          word >>= 32n;
        }
      }
      return makeData({ ...props, data } as never);
    }
  }
}

/** One RecordBatch of `length` rows; `columns[i]` holds the values of schema field i. */
export function buildRecordBatch(
  schema: Schema,
  types: readonly ColumnType[],
  columns: readonly (readonly unknown[])[],
  length: number,
): RecordBatch {
  const children = types.map((type, i) => columnData(type, columns[i]!, length));
  const struct = makeData({ type: new Struct(schema.fields), length, nullCount: 0, children });
  return new RecordBatch(schema, struct);
}
