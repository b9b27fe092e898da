/** A small seeded PRNG (mulberry32): the same seed gives the same sample data everywhere. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight; `weights[i]` is the weight of `items[i]`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    return items[this.index(weights)]!;
  }

  /** An index drawn with probability proportional to `weights[i]`. */
  index(weights: readonly number[]): number {
    // Running sums are kept for the last weights seen: generators draw from one list per loop.
    if (this.sums?.weights !== weights) {
      let sum = 0;
      this.sums = { weights, running: weights.map((w) => (sum += w)) };
    }
    const { running } = this.sums;
    const target = this.next() * running[running.length - 1]!;
    for (let i = 0; i < running.length; i++) if (running[i]! > target) return i;
    return running.length - 1;
  }

  private sums: { weights: readonly number[]; running: number[] } | undefined;
}

/**
 * Splits an integer total into integer parts proportional to `weights` that add up to the
 * total exactly (largest remainder), so sample totals match the seed figures to the unit.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) throw new Error('apportion needs a positive weight');
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k]!.i]!++;
  return parts;
}
