import { type Data, type DataType, makeData } from 'apache-arrow';
import { arrowType } from '../contracts/arrow-schema';
import { type ColumnType, typeKind } from '../contracts/column-types';
import { columnData } from './arrow-batch';

/**
 * One column of a Parquet file being filled row by row, straight into Arrow's buffers (typed
 * arrays, UTF-8 bytes, a validity bitmap). A row's values are copied out as it is accepted,
 * so nothing of it stays on the JavaScript heap. Buffering 32,768 rows as JS values (strings
 * sliced from the text, boxed numbers) kept the garbage collector copying and promoting them:
 * the collector, the buffering and building the batch from those values took 3.6 s of the
 * main thread's 8.7 s on 1 M canonical `admin_dossiers` rows; with these builders, 2.0 s of 6.3 s.
 */
export interface ColumnBuilder {
  append(value: unknown): void;
  /** Appends the same value `count` times (a lineage column: one value for the whole feed). */
  fill(value: unknown, count: number): void;
  /** The Arrow data of the `length` values appended since the last reset. */
  data(length: number): Data;
  /** Empties the column for the next file: its buffers now belong to what `data` returned. */
  reset(): void;
}

/**
 * A builder for a contract column type, with room for `capacity` rows to start with: it
 * doubles as rows come, and a reset goes back to that room, so a period that has been
 * written holds next to nothing while the feed goes on.
 */
export function columnBuilder(columnType: ColumnType, capacity: number): ColumnBuilder {
  const type = arrowType(columnType);
  const kind = typeKind(columnType);
  switch (kind) {
    case 'string':
      return new Utf8Builder(type, capacity);
    case 'bigint':
    case 'timestamp':
      return new Int64Builder(type, capacity);
    case 'double':
      return new NumberBuilder(type, capacity, Float64Array);
    case 'date':
      return new NumberBuilder(type, capacity, Int32Array);
    case 'boolean':
      return new BooleanBuilder(type, capacity);
    case 'decimal':
      // Rare (a few indicator columns) and a bigint each: kept as values, built at the end.
      return new ValuesBuilder(columnType);
  }
}

/**
 * The columns of one file: `rowColumns` filled per row, the rest (lineage) filled once per
 * file. A row's values go to the builders a class at a time, each class in its own loop:
 * one loop calling all five classes was a megamorphic call per cell, which cost as much as
 * the copying itself.
 */
export class FileColumns {
  readonly columns: ColumnBuilder[];
  private readonly strings: Utf8Builder[] = [];
  private readonly stringAt: number[] = [];
  private readonly int64s: Int64Builder[] = [];
  private readonly int64At: number[] = [];
  private readonly numbers: NumberBuilder[] = [];
  private readonly numberAt: number[] = [];
  private readonly others: ColumnBuilder[] = [];
  private readonly otherAt: number[] = [];

  constructor(types: readonly ColumnType[], rowColumns: number, capacity: number) {
    this.columns = types.map((type) => columnBuilder(type, capacity));
    for (let index = 0; index < rowColumns; index++) {
      const column = this.columns[index]!;
      const [group, at] =
        column instanceof Utf8Builder
          ? [this.strings, this.stringAt]
          : column instanceof Int64Builder
            ? [this.int64s, this.int64At]
            : column instanceof NumberBuilder
              ? [this.numbers, this.numberAt]
              : [this.others, this.otherAt];
      (group as ColumnBuilder[]).push(column);
      at.push(index);
    }
  }

  appendRow(values: readonly unknown[]): void {
    const { strings, stringAt, int64s, int64At, numbers, numberAt, others, otherAt } = this;
    for (let i = 0; i < strings.length; i++) strings[i]!.append(values[stringAt[i]!]);
    for (let i = 0; i < int64s.length; i++) int64s[i]!.append(values[int64At[i]!]);
    for (let i = 0; i < numbers.length; i++) numbers[i]!.append(values[numberAt[i]!]);
    for (let i = 0; i < others.length; i++) others[i]!.append(values[otherAt[i]!]);
  }
}

/** Which rows hold a value: a bitmap, and how many do not. */
class Validity {
  bitmap: Uint8Array;
  nulls = 0;

  constructor(capacity: number) {
    this.bitmap = new Uint8Array((capacity + 7) >> 3);
  }

  set(row: number, valid: boolean): void {
    if (row >> 3 >= this.bitmap.length) this.bitmap = grown(this.bitmap, (row >> 3) + 1);
    if (valid) this.bitmap[row >> 3]! |= 1 << (row & 7);
    else this.nulls++;
  }

  take(length: number): { nullBitmap: Uint8Array; nullCount: number } {
    return { nullBitmap: this.bitmap.subarray(0, (length + 7) >> 3), nullCount: this.nulls };
  }

  reset(capacity: number): void {
    this.bitmap = new Uint8Array((capacity + 7) >> 3);
    this.nulls = 0;
  }
}

/** A copy of `array` with room for at least `needed` elements (twice the size, or more). */
function grown<T extends Uint8Array | Int32Array | Uint32Array | Float64Array>(array: T, needed: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
}

/**
 * Buffer's own UTF-8 writer (what `write(text, offset, 'utf8')` ends in), called directly:
 * `write`'s argument handling cost as much as the copy for a row's short strings, and a
 * character loop in JavaScript three times as much (measured on 1 M canonical rows).
 */
type Utf8Bytes = Buffer & { utf8Write(text: string, offset: number): number };

/** Strings as UTF-8 bytes and offsets. */
class Utf8Builder implements ColumnBuilder {
  private bytes: Utf8Bytes;
  private offsets: Int32Array;
  private readonly validity: Validity;
  private length = 0;
  private position = 0;

  constructor(
    private readonly type: DataType,
    private readonly capacity: number,
  ) {
    this.bytes = Buffer.allocUnsafe(capacity * 16) as Utf8Bytes;
    this.offsets = new Int32Array(capacity + 1);
    this.validity = new Validity(capacity);
  }

  append(value: unknown): void {
    const row = this.length++;
    if (row + 1 >= this.offsets.length) this.offsets = grown(this.offsets, row + 2);
    if (typeof value !== 'string') {
      // A null is no value; anything else that is not text is an empty one (as arrow-batch does).
      this.validity.set(row, value !== null && value !== undefined);
      this.offsets[row + 1] = this.position;
      return;
    }
    this.validity.set(row, true);
    const size = value.length;
    if (size === 0) {
      this.offsets[row + 1] = this.position;
      return;
    }
    // At most 3 bytes per UTF-16 unit (a surrogate pair is 4 bytes for 2 units).
    if (this.position + size * 3 > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.position + size * 3)) as Utf8Bytes;
      this.bytes.copy(bigger, 0, 0, this.position);
      this.bytes = bigger;
    }
    const at = this.position + this.bytes.utf8Write(value, this.position);
    this.position = at;
    this.offsets[row + 1] = at;
  }

  fill(value: unknown, count: number): void {
    if (typeof value !== 'string' || count === 0) {
      for (let i = 0; i < count; i++) this.append(value);
      return;
    }
    const start = this.position;
    this.append(value);
    const size = this.position - start;
    const end = start + size * count;
    if (end > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(end) as Utf8Bytes;
      this.bytes.copy(bigger, 0, 0, this.position);
      this.bytes = bigger;
    }
    if (this.length + count > this.offsets.length) this.offsets = grown(this.offsets, this.length + count);
    // The first value's bytes, repeated: encoding it row by row took as long as a row's own strings.
    if (size > 0) this.bytes.fill(this.bytes.subarray(start, start + size), start + size, end);
    for (let i = 1; i < count; i++) {
      const row = this.length++;
      this.validity.set(row, true);
      this.offsets[row + 1] = start + size * (i + 1);
    }
    this.position = end;
  }

  data(length: number): Data {
    const data = new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, this.position);
    const valueOffsets = this.offsets.subarray(0, length + 1);
    return makeData({ type: this.type, length, ...this.validity.take(length), valueOffsets, data } as never);
  }

  reset(): void {
    this.bytes = Buffer.allocUnsafe(this.capacity * 16) as Utf8Bytes;
    this.offsets = new Int32Array(this.capacity + 1);
    this.validity.reset(this.capacity);
    this.length = 0;
    this.position = 0;
  }
}

/** Numbers (doubles, or days of a date) in the column's own typed array. */
class NumberBuilder implements ColumnBuilder {
  private values: Float64Array | Int32Array;
  private readonly validity: Validity;
  private length = 0;

  constructor(
    private readonly type: DataType,
    private readonly capacity: number,
    private readonly ArrayType: typeof Float64Array | typeof Int32Array,
  ) {
    this.values = new ArrayType(capacity);
    this.validity = new Validity(capacity);
  }

  append(value: unknown): void {
    const row = this.length++;
    if (row >= this.values.length) this.values = grown(this.values, row + 1);
    const valid = value !== null && value !== undefined;
    this.validity.set(row, valid);
    if (valid) this.values[row] = value as number;
  }

  fill(value: unknown, count: number): void {
    for (let i = 0; i < count; i++) this.append(value);
  }

  data(length: number): Data {
    return makeData({
      type: this.type,
      length,
      ...this.validity.take(length),
      data: this.values.subarray(0, length),
    } as never);
  }

  reset(): void {
    this.values = new this.ArrayType(this.capacity);
    this.validity.reset(this.capacity);
    this.length = 0;
  }
}

const TWO_TO_32 = 2 ** 32;

/**
 * 64-bit integers (a bigint column, a timestamp in ms) from numbers, written as two 32-bit
 * words: exact for every integer a double holds, and it makes no BigInt per value.
 */
class Int64Builder implements ColumnBuilder {
  private words: Uint32Array;
  private readonly validity: Validity;
  private length = 0;

  constructor(
    private readonly type: DataType,
    private readonly capacity: number,
  ) {
    this.words = new Uint32Array(capacity * 2);
    this.validity = new Validity(capacity);
  }

  append(value: unknown): void {
    const row = this.length++;
    if (row * 2 >= this.words.length) this.words = grown(this.words, row * 2 + 2);
    const valid = value !== null && value !== undefined;
    this.validity.set(row, valid);
    if (!valid) return;
    if (typeof value === 'bigint') {
      this.words[row * 2] = Number(BigInt.asUintN(32, value));
      this.words[row * 2 + 1] = Number(BigInt.asUintN(32, value >> 32n));
      return;
    }
    const high = Math.floor((value as number) / TWO_TO_32);
    // Typed array stores take the value modulo 2^32: a negative high word is its two's complement.
    this.words[row * 2] = (value as number) - high * TWO_TO_32;
    this.words[row * 2 + 1] = high;
  }

  fill(value: unknown, count: number): void {
    for (let i = 0; i < count; i++) this.append(value);
  }

  data(length: number): Data {
    const data = new BigInt64Array(this.words.buffer, this.words.byteOffset, length);
    return makeData({ type: this.type, length, ...this.validity.take(length), data } as never);
  }

  reset(): void {
    this.words = new Uint32Array(this.capacity * 2);
    this.validity.reset(this.capacity);
    this.length = 0;
  }
}

class BooleanBuilder implements ColumnBuilder {
  private bits: Uint8Array;
  private readonly validity: Validity;
  private length = 0;

  constructor(
    private readonly type: DataType,
    private readonly capacity: number,
  ) {
    this.bits = new Uint8Array((capacity + 7) >> 3);
    this.validity = new Validity(capacity);
  }

  append(value: unknown): void {
    const row = this.length++;
    if (row >> 3 >= this.bits.length) this.bits = grown(this.bits, (row >> 3) + 1);
    this.validity.set(row, value !== null && value !== undefined);
    if (value === true) this.bits[row >> 3]! |= 1 << (row & 7);
  }

  fill(value: unknown, count: number): void {
    for (let i = 0; i < count; i++) this.append(value);
  }

  data(length: number): Data {
    return makeData({
      type: this.type,
      length,
      ...this.validity.take(length),
      data: this.bits.subarray(0, (length + 7) >> 3),
    } as never);
  }

  reset(): void {
    this.bits = new Uint8Array((this.capacity + 7) >> 3);
    this.validity.reset(this.capacity);
    this.length = 0;
  }
}

/** Values kept as they are and built by arrow-batch at the end (decimals). */
class ValuesBuilder implements ColumnBuilder {
  private values: unknown[] = [];

  constructor(private readonly columnType: ColumnType) {}

  append(value: unknown): void {
    this.values.push(value);
  }

  fill(value: unknown, count: number): void {
    for (let i = 0; i < count; i++) this.append(value);
  }

  data(length: number): Data {
    return columnData(this.columnType, this.values, length);
  }

  reset(): void {
    this.values = [];
  }
}
