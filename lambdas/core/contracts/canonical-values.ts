/**
 * Parsers for the canonical text form of each column type (canonical CSV cells, API filter
 * values, and a native number once its source's style is undone): plain ISO forms, `.` as
 * decimal point, no thousands separators. Each returns the value in the form the Arrow builders take, or
 * INVALID; the caller knows the column and turns INVALID into a reason code.
 */
export const INVALID: unique symbol = Symbol('invalid');
export type Parsed<T> = T | typeof INVALID;

const INTEGER = /^[-+]?\d{1,15}$/;
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const DECIMAL = /^([-+]?)(\d*)(?:\.(\d*))?$/;
/** Vietnam is UTC+7 all year (no DST); a timestamp without an offset is Vietnam time. */
export const VIETNAM_OFFSET_MINUTES = 7 * 60;

export function parseInteger(text: string): Parsed<number> {
  return INTEGER.test(text) ? Number(text) : INVALID;
}

export function parseDouble(text: string): Parsed<number> {
  if (!NUMBER.test(text)) return INVALID;
  const value = Number(text);
  return Number.isFinite(value) ? value : INVALID;
}

export function parseBoolean(text: string): Parsed<boolean> {
  if (text === 'true') return true;
  if (text === 'false') return false;
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return INVALID;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719468;
}

/** The calendar date of a day count since 1970-01-01 (H. Hinnant's civil_from_days). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The number written by `length` ASCII digits at `at`, or -1. (Regex-free: this is per value.) */
function digits(text: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/** Days since 1970-01-01 of a valid calendar date `yyyy-mm-dd`. */
export function parseDate(text: string): Parsed<number> {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return INVALID;
  const year = digits(text, 0, 4),
    month = digits(text, 5, 2),
    day = digits(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return INVALID;
  return daysFromCivil(year, month, day);
}

/**
 * Milliseconds since the epoch (UTC) of an ISO 8601 timestamp `yyyy-mm-dd[T ]hh:mm[:ss[.fff]]`
 * with `Z`, `±hh:mm`, `±hhmm`, `±hh` or no offset (no offset means Vietnam time).
 */
export function parseTimestamp(text: string): Parsed<number> {
  const length = text.length;
  if (length < 16) return INVALID;
  const separator = text.charCodeAt(10);
  if (
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    (separator !== 84 && separator !== 116 && separator !== 32) ||
    text.charCodeAt(13) !== 58
  )
    return INVALID;
  const year = digits(text, 0, 4),
    month = digits(text, 5, 2),
    day = digits(text, 8, 2),
    hour = digits(text, 11, 2),
    minute = digits(text, 14, 2);
  if (
    year < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysIn(year, month) ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59
  )
    return INVALID;
  let i = 16;
  let second = 0;
  let millis = 0;
  if (text.charCodeAt(i) === 58) {
    second = digits(text, i + 1, 2);
    if (second < 0 || second > 59) return INVALID;
    i += 3;
    const dot = text.charCodeAt(i);
    if (dot === 46 || dot === 44) {
      let scale = 100;
      i++;
      const fractionStart = i;
      while (i < length) {
        const c = text.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        millis += c * scale;
        scale /= 10;
        i++;
      }
      if (i === fractionStart) return INVALID;
      millis = Math.floor(millis);
    }
  }
  let offset = VIETNAM_OFFSET_MINUTES;
  if (i < length) {
    const sign = text.charCodeAt(i);
    if ((sign === 90 || sign === 122) && i + 1 === length) offset = 0;
    else if (sign === 43 || sign === 45) {
      const rest = length - i - 1;
      const hours = digits(text, i + 1, 2);
      const minutes =
        rest === 5 && text.charCodeAt(i + 3) === 58
          ? digits(text, i + 4, 2)
          : rest === 4
            ? digits(text, i + 3, 2)
            : rest === 2
              ? 0
              : -1;
      if (hours < 0 || hours > 14 || minutes < 0 || minutes > 59) return INVALID;
      offset = (sign === 45 ? -1 : 1) * (hours * 60 + minutes);
    } else return INVALID;
  }
  const days = daysFromCivil(year, month, day);
  return ((days * 24 + hour) * 60 + minute - offset) * 60_000 + second * 1000 + millis;
}

/** A decimal as its unscaled integer (`12.5` at scale 2 → 1250n); too many digits is INVALID. */
export function parseDecimal(text: string, precision: number, scale: number): Parsed<bigint> {
  const match = DECIMAL.exec(text);
  if (!match) return INVALID;
  const [, sign, whole = '', rawFraction = ''] = match;
  if (whole === '' && rawFraction === '') return INVALID;
  const fraction = rawFraction.replace(/0+$/, '');
  const integerDigits = whole.replace(/^0+/, '');
  if (fraction.length > scale || integerDigits.length > precision - scale) return INVALID;
  const unscaled = BigInt((integerDigits || '0') + fraction.padEnd(scale, '0'));
  return sign === '-' ? -unscaled : unscaled;
}

export const PERIOD = /^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/;
