import { parseDecimalType, type ColumnType } from '../contracts/column-types';

/**
 * Parsers for the canonical text form of each column type (the canonical CSV and the
 * normalized output of every native feed): plain ISO forms, `.` as decimal point, no
 * thousands separators. Each returns the value in the form the Arrow builders take, or
 * INVALID; the caller knows the column and turns INVALID into a reason code.
 */
export const INVALID: unique symbol = Symbol('invalid');
export type Parsed<T> = T | typeof INVALID;

const INTEGER = /^[-+]?\d{1,15}$/;
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const DECIMAL = /^([-+]?)(\d*)(?:\.(\d*))?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const MS_PER_DAY = 86_400_000;
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
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return INVALID;
}

/** Days since 1970-01-01 of a valid calendar date `yyyy-mm-dd`. */
export function parseDate(text: string): Parsed<number> {
  const match = DATE.exec(text);
  if (!match) return INVALID;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return INVALID;
  return ms / MS_PER_DAY;
}

/** Milliseconds since the epoch (UTC) of an ISO 8601 timestamp; no offset means Vietnam time. */
export function parseTimestamp(text: string): Parsed<number> {
  const match = TIMESTAMP.exec(text);
  if (!match) return INVALID;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y), month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = Number(s ?? 0);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return INVALID;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, Number((fraction ?? '0').padEnd(3, '0').slice(0, 3)));
  const check = new Date(local);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return INVALID;
  return local - offsetMinutes(zone) * 60_000;
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined) return VIETNAM_OFFSET_MINUTES;
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return zone.startsWith('-') ? -minutes : minutes;
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

/** The parser of a column type, with the reason code its failures get. */
export function canonicalParser(type: ColumnType): { parse: (text: string) => Parsed<unknown>; reason: string } {
  switch (type) {
    case 'string': return { parse: (text) => text, reason: 'invalid_string' };
    case 'bigint': return { parse: parseInteger, reason: 'invalid_integer' };
    case 'double': return { parse: parseDouble, reason: 'invalid_number' };
    case 'boolean': return { parse: parseBoolean, reason: 'invalid_boolean' };
    case 'date': return { parse: parseDate, reason: 'invalid_date' };
    case 'timestamp': return { parse: parseTimestamp, reason: 'invalid_timestamp' };
    default: {
      const decimal = parseDecimalType(type);
      if (!decimal) throw new Error(`no parser for column type ${type}`);
      return { parse: (text) => parseDecimal(text, decimal.precision, decimal.scale), reason: 'invalid_decimal' };
    }
  }
}
