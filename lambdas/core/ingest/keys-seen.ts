/**
 * The natural keys of the rows a file has given so far, to know a row whose key an earlier row
 * of the same file already has (a copied row, a hidden row, a table pasted twice): the views
 * would count it twice. Each key is kept as two independent 32-bit hashes of its values in
 * typed arrays (10 bytes a row with the table's spare room, sized from the file's length),
 * not as text: 1 M dossier numbers as a Set of strings would hold some 64 MB more on the heap
 * of a feed that is otherwise streamed. Two different keys pass for one only if both hashes agree: for a file of 1 M rows,
 * about once in 10^7 files.
 */
export class KeysSeen {
  private high: Uint32Array;
  private low: Uint32Array;
  private size = 0;

  /** `values[i]` for each index of the key (a contract column, or the period after them). */
  constructor(
    private readonly indexes: readonly number[],
    capacity = 4096,
  ) {
    this.high = new Uint32Array(capacity);
    this.low = new Uint32Array(capacity);
  }

  /**
   * Makes room for `rows` keys at once, while the table is still nearly empty: growing it as
   * rows come would hold the old table and the new one together (at 4 M rows, 96 MB where the
   * keys need 40).
   */
  reserve(rows: number): void {
    const capacity = Math.ceil(rows / MAX_LOAD);
    if (capacity > this.low.length) this.rehash(capacity);
  }

  /** Adds the row’s key; true when an earlier row had it. */
  seen(values: readonly unknown[]): boolean {
    let a = 0x811c9dc5;
    let b = 0x9747b28c;
    for (const index of this.indexes) {
      const text = String(values[index] ?? '\u0000null');
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        a = Math.imul(a ^ code, 0x01000193);
        b = Math.imul(b ^ code, 0x5bd1e995);
        b ^= b >>> 15;
      }
      // A separator between values: ("ab", "c") is not ("a", "bc").
      a = Math.imul(a ^ 0x1f, 0x01000193);
      b = Math.imul(b ^ 0x1f, 0x5bd1e995);
    }
    // Unsigned, as the arrays hold them; the low half never 0, which marks an empty slot.
    return this.insert(a >>> 0, (b | 1) >>> 0);
  }

  private insert(high: number, low: number): boolean {
    const capacity = this.low.length;
    // The slot by multiplying, not a mask: the table may have any size, not only a power of two.
    let slot = Math.floor((high / 4294967296) * capacity);
    while (this.low[slot] !== 0) {
      if (this.low[slot] === low && this.high[slot] === high) return true;
      if (++slot === capacity) slot = 0;
    }
    this.high[slot] = high;
    this.low[slot] = low;
    if (++this.size > capacity * MAX_LOAD) this.rehash(Math.ceil(capacity * 1.5));
    return false;
  }

  private rehash(capacity: number): void {
    const [high, low] = [this.high, this.low];
    this.high = new Uint32Array(capacity);
    this.low = new Uint32Array(capacity);
    this.size = 0;
    for (let slot = 0; slot < low.length; slot++) if (low[slot] !== 0) this.insert(high[slot]!, low[slot]!);
  }
}

/** Filled slots per slot before the table grows: linear probing stays short below it. */
const MAX_LOAD = 0.8;
