/**
 * A Parquet file's row count from its last bytes (`<FileMetaData> <length: u32 LE> PAR1`):
 * FileMetaData is Thrift compact, field 3 is num_rows (i64).
 */
export function parquetRows(tail: Uint8Array): number {
  const n = tail.length;
  const magic = String.fromCharCode(...tail.subarray(n - 4));
  if (n < 12 || magic !== 'PAR1') throw new Error('not a Parquet file: no PAR1 at its end');
  const length = new DataView(tail.buffer, tail.byteOffset, n).getUint32(n - 8, true);
  if (length + 8 > n) throw new Error(`Parquet footer of ${length} bytes is longer than the ${n - 8} kept`);
  const reader = new CompactReader(tail.subarray(n - 8 - length, n - 8));
  let id = 0;
  for (;;) {
    const header = reader.byte();
    const type = header & 0x0f;
    if (type === STOP) throw new Error('Parquet footer has no num_rows');
    id = header >> 4 ? id + (header >> 4) : reader.zigzag();
    if (id === 3 && type === I64) return reader.zigzag();
    reader.skip(type);
  }
}

const STOP = 0;
const I64 = 6;

/** Just enough of Thrift's compact protocol to step over fields. */
class CompactReader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.at >= this.bytes.length) throw new Error('Parquet footer ends early');
    return this.bytes[this.at++]!;
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.byte();
      value += (byte & 0x7f) * scale;
      if (!(byte & 0x80)) return value;
      scale *= 128;
    }
  }

  /** Zigzag varint, as a number (row counts stay far below 2^53). */
  zigzag(): number {
    const value = this.varint();
    return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
  }

  skip(type: number): void {
    switch (type) {
      case 1: // bool true
      case 2: // bool false (in a field header the value is the type)
        return;
      case 3:
        this.at += 1;
        return;
      case 4:
      case 5:
      case 6:
        this.varint();
        return;
      case 7:
        this.at += 8;
        return;
      case 8: {
        const length = this.varint(); // read before `at` is: `this.at += this.varint()` would lose the varint
        this.at += length;
        return;
      }
      case 9:
      case 10: {
        const header = this.byte();
        const size = header >> 4 === 15 ? this.varint() : header >> 4;
        const element = header & 0x0f;
        for (let i = 0; i < size; i++) element === 1 || element === 2 ? this.at++ : this.skip(element);
        return;
      }
      case 11: {
        const size = this.varint();
        if (size === 0) return;
        const kinds = this.byte();
        for (let i = 0; i < size; i++) {
          this.skip(kinds >> 4);
          this.skip(kinds & 0x0f);
        }
        return;
      }
      case 12: {
        let id = 0;
        for (;;) {
          const header = this.byte();
          if ((header & 0x0f) === STOP) return;
          id = header >> 4 ? id + (header >> 4) : this.zigzag();
          this.skip(header & 0x0f);
        }
      }
      default:
        throw new Error(`Parquet footer has an unknown Thrift type ${type}`);
    }
  }
}
