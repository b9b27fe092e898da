import { WARDS_2025, type Ward2025 } from '../reference/wards';
import { Random } from './random';
import { SAMPLE_PERIODS } from './periods';

export type SampleValue = string | number | boolean | null;
export type SampleRow = Record<string, SampleValue>;

export interface SampleOptions {
  seed: number;
  /** Multiplies the dossier volume. @default 1 */
  scale: number;
  periods: readonly string[];
}

/** What every dataset generator shares: its own PRNG stream, the periods and ward weights. */
export interface SampleContext {
  random: Random;
  options: SampleOptions;
  periods: readonly string[];
  wards: readonly Ward2025[];
  /** Relative size of each ward (same order as `wards`), the same for every dataset. */
  wardWeights: readonly number[];
}

export function sampleContext(options: Partial<SampleOptions>, stream: number): SampleContext {
  const seed = options.seed ?? 2030;
  const wardRandom = new Random(seed);
  const wardWeights = WARDS_2025.map(() => 0.4 + wardRandom.next() * 1.6);
  return {
    // Each dataset draws from its own stream, so adding a column to one leaves the others alone.
    random: new Random((seed * 7919 + stream * 104729) >>> 0),
    options: { seed, scale: options.scale ?? 1, periods: options.periods ?? SAMPLE_PERIODS },
    periods: options.periods ?? SAMPLE_PERIODS,
    wards: WARDS_2025,
    wardWeights,
  };
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** ISO timestamp in Vietnam time (`2025-03-04T08:15:00+07:00`), as a one-stop-shop exports it. */
export function vietnamTimestamp(utcMs: number): string {
  return `${new Date(utcMs + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}
