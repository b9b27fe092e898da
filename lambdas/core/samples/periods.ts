/** The sample data's months: 2023-01 … 2025-12. */
export const FIRST_PERIOD = '2023-01';
export const LAST_PERIOD = '2025-12';

export function periodsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export const SAMPLE_PERIODS = periodsBetween(FIRST_PERIOD, LAST_PERIOD);

/** Linear progress from `start` × final at the first period to the final value at the last. */
export function trend(index: number, count: number, start: number): number {
  return count <= 1 ? 1 : start + ((1 - start) * index) / (count - 1);
}

/** First instant of a month, UTC ms. */
export function monthStart(period: string): number {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return Date.UTC(y, m - 1, 1);
}

export function daysInMonth(period: string): number {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Month number of a yyyy-mm period (year × 12 + month − 1), for trends on the calendar. */
export const monthNumber = (period: string) => Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;

/**
 * From `start` at the month `from` (default the sample's first, 2023-01) to `end` at `to` (its
 * last, 2025-12), held outside: a trend tied to dates, the same whichever months a sample has.
 */
export function calendarTrend(
  period: string,
  start: number,
  end: number,
  from = monthNumber(FIRST_PERIOD),
  to = monthNumber(LAST_PERIOD),
): number {
  const progress = Math.min(1, Math.max(0, (monthNumber(period) - from) / (to - from)));
  return start + (end - start) * progress;
}
