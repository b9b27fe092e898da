import {
  civilFromDays,
  daysFromCivil,
  daysIn,
  parseTimestamp,
  VIETNAM_OFFSET_MINUTES,
} from '../contracts/canonical-values';
import { canonicalForm } from './canonical-text';

/**
 * Native value forms → typed values, in the forms the contract's columns hold (days since
 * 1970 for a date, epoch milliseconds for a timestamp, a boolean; numbers as plain numeric
 * text, which the column's type then reads). A value that could mean two things is rejected
 * with its own reason, never guessed.
 *
 * A conversion gives the value, or one of the shared Rejected objects: the common case
 * allocates nothing but the value (these run once per cell).
 */
export type RejectReason =
  | 'invalid_number'
  | 'ambiguous_number'
  | 'invalid_date'
  | 'invalid_timestamp'
  | 'invalid_period'
  | 'invalid_boolean'
  | 'invalid_enum';
/** A value that is not one: the reason code of the reject. Every other value is a string, number, bigint or boolean. */
export class Rejected {
  constructor(readonly reason: string) {
    Object.freeze(this);
  }
}
export type Converted<T = string> = T | Rejected;

const rejected = (reason: RejectReason): Rejected => new Rejected(reason);
const INVALID_NUMBER = rejected('invalid_number');
const AMBIGUOUS_NUMBER = rejected('ambiguous_number');
const INVALID_DATE = rejected('invalid_date');
const INVALID_TIMESTAMP = rejected('invalid_timestamp');
const INVALID_PERIOD = rejected('invalid_period');
const INVALID_BOOLEAN = rejected('invalid_boolean');
const INVALID_ENUM = rejected('invalid_enum');

export function isRejected(converted: unknown): converted is Rejected {
  return converted instanceof Rejected;
}

export type NumberStyle = 'vi' | 'en' | 'auto';

const GROUPED = (separator: string) => new RegExp(`^\\d{1,3}(?:\\${separator}\\d{3})+$`);
const SCIENTIFIC = /^[-+]?\d+(?:\.\d+)?[eE][-+]?\d{1,3}$/;
const DOT = 46;
const COMMA = 44;

/**
 * The common shapes in one pass, without regexes: digits with at most the style's thousands
 * separators (correctly grouped) and one decimal separator after them. Anything else (a sign,
 * spaces, parentheses, `auto`) is left to the full parser: undefined.
 */
function quickNumber(text: string, style: NumberStyle): string | undefined {
  if (style === 'auto') return undefined;
  const thousands = style === 'vi' ? DOT : COMMA;
  const decimal = style === 'vi' ? COMMA : DOT;
  let digits = 0;
  let groups = 0;
  let decimalAt = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      continue;
    }
    if (c === thousands && decimalAt === -1 && digits > 0 && (groups === 0 ? digits <= 3 : digits === 3)) {
      groups++;
      digits = 0;
      continue;
    }
    if (c === decimal && decimalAt === -1 && digits > 0 && (groups === 0 || digits === 3)) {
      decimalAt = i;
      digits = 0;
      continue;
    }
    return undefined;
  }
  if (digits === 0 || (groups > 0 && decimalAt === -1 && digits !== 3)) return undefined;
  let whole = decimalAt === -1 ? text : text.slice(0, decimalAt);
  if (groups) whole = whole.split(String.fromCharCode(thousands)).join('');
  if (whole.length > 1 && whole.charCodeAt(0) === 48) return undefined;
  // Already canonical (`1234.5` in English style, a spreadsheet's numbers): the text itself, not a copy.
  if (groups === 0 && (decimalAt === -1 || decimal === DOT)) return text;
  return decimalAt === -1 ? whole : `${whole}.${text.slice(decimalAt + 1)}`;
}

/**
 * `1.234.567` and `1.234,5` (Vietnamese), `1,234,567.5` (English), `1234.5`, `-12`, `(12)`
 * for a negative. `auto` decides by the separators present; `1.234` alone could be either and
 * is `ambiguous_number`.
 */
export function convertNumber(raw: string, style: NumberStyle): Converted {
  const quick = quickNumber(raw, style);
  if (quick !== undefined) return quick;
  // Scientific notation (`1E-7`), as spreadsheets and number formatters write tiny values: a point before the exponent in any style.
  if (SCIENTIFIC.test(raw)) return String(Number(raw));
  let text = raw.trim().replace(/[\s\u00a0]/g, '');
  let sign = '';
  if (/^\(.*\)$/.test(text)) [sign, text] = ['-', text.slice(1, -1)];
  else if (/^[-+]/.test(text)) [sign, text] = [text[0] === '-' ? '-' : '', text.slice(1)];
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) return INVALID_NUMBER;
  let thousands: string;
  let decimal: string;
  if (style === 'vi') [thousands, decimal] = ['.', ','];
  else if (style === 'en') [thousands, decimal] = [',', '.'];
  else {
    const dots = text.split('.').length - 1;
    const commas = text.split(',').length - 1;
    if (dots && commas) [thousands, decimal] = text.lastIndexOf(',') > text.lastIndexOf('.') ? ['.', ','] : [',', '.'];
    else if (dots > 1 || commas > 1) [thousands, decimal] = dots > 1 ? ['.', ','] : [',', '.'];
    else if (dots + commas === 1 && /^\d{1,3}[.,]\d{3}$/.test(text)) return AMBIGUOUS_NUMBER;
    else [thousands, decimal] = commas ? ['.', ','] : [',', '.'];
  }
  const [whole, fraction, extra] = text.split(decimal);
  if (extra !== undefined || whole === undefined || whole === '') return INVALID_NUMBER;
  if (whole.includes(thousands) && !GROUPED(thousands).test(whole)) return INVALID_NUMBER;
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return INVALID_NUMBER;
  const digits = whole.split(thousands).join('');
  if (!/^\d+$/.test(digits)) return INVALID_NUMBER;
  return `${sign}${digits.replace(/^0+(?=\d)/, '')}${fraction !== undefined ? `.${fraction}` : ''}`;
}

/** Days from 1899-12-30 (day 0 of Excel's 1900 date system, leap-year bug included) to 1970-01-01. */
const EXCEL_DAY_OF_EPOCH = 25_569;
/** Days from 1904-01-01 (day 0 of the 1904 date system, which a workbook may declare) to 1970-01-01. */
const EXCEL_1904_DAY_OF_EPOCH = 24_107;

/** Whether a cell may be a spreadsheet's serial day, and in which of the two date systems. */
export interface SerialOptions {
  excelSerial?: boolean;
  /** The workbook declares the 1904 date system (`<workbookPr date1904="1"/>`). */
  date1904?: boolean;
}

const dayOfEpoch = (options: SerialOptions) => (options.date1904 ? EXCEL_1904_DAY_OF_EPOCH : EXCEL_DAY_OF_EPOCH);
const MS_PER_DAY = 86_400_000;
const VIETNAM_OFFSET_MS = VIETNAM_OFFSET_MINUTES * 60_000;

/** Days since 1970-01-01 of a calendar date, or INVALID_DATE when the day is not in its month. */
function civilDays(year: number, month: number, day: number): Converted<number> {
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return INVALID_DATE;
  return daysFromCivil(year, month, day);
}

/** `dd/mm/yyyy` exactly, read without a regex (the common case); anything else: undefined. */
function quickDayFirst(text: string): Converted<number> | undefined {
  if (text.length !== 10 || text.charCodeAt(2) !== 47 || text.charCodeAt(5) !== 47) return undefined;
  let value = 0;
  for (const i of [0, 1, 3, 4, 6, 7, 8, 9]) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    value = value * 10 + c;
  }
  return civilDays(value % 10000, Math.floor(value / 10000) % 100, Math.floor(value / 1000000));
}

/**
 * `25/12/2025`, `25-12-2025`, `25.12.2025` (day first, as Vietnam writes), ISO `2025-12-25`,
 * or an Excel serial day (`46016`) → days since 1970-01-01.
 */
export function convertDate(raw: string, options: SerialOptions = {}): Converted<number> {
  const quick = quickDayFirst(raw);
  if (quick !== undefined) return quick;
  const text = raw.trim();
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (dayFirst) return civilDays(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return civilDays(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  // A date-and-time cell in a date column: the day is certain, the time of day is not the column's.
  if (options.excelSerial && /^\d{4,5}(\.\d+)?$/.test(text)) return Math.floor(Number(text)) - dayOfEpoch(options);
  return INVALID_DATE;
}

const TRUE_WORDS = new Set(['co', 'c', 'x', '1', 'yes', 'y', 'true', 'dung', 'da']);
const FALSE_WORDS = new Set(['khong', 'k', '0', 'no', 'n', 'false', 'sai', 'chua']);

/** `Có`/`Không`, `x` (ticked), `1`/`0`, `Yes`/`No`, `Đúng`/`Sai`, `Đã`/`Chưa` → true / false. */
export function convertBoolean(raw: string): Converted<boolean> {
  const word = canonicalForm(raw);
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return INVALID_BOOLEAN;
}

/** An enumeration spelled in Vietnamese or English: each value with the spellings a spec accepts. */
export function enumConverter(aliases: Readonly<Record<string, readonly string[]>>): (raw: string) => Converted {
  const lookup = new Map<string, string>();
  for (const [value, spellings] of Object.entries(aliases))
    for (const spelling of [value, ...spellings]) lookup.set(canonicalForm(spelling), value);
  return (raw) => {
    const value = lookup.get(canonicalForm(raw));
    return value === undefined ? INVALID_ENUM : value;
  };
}

/**
 * A timestamp: ISO 8601 (with or without an offset); `dd/mm/yyyy HH:mm[:ss]` or a date alone,
 * day first; an Excel serial with a day fraction → epoch milliseconds. Without an offset it
 * is Vietnam time, as the canonical form says.
 */
export function convertTimestamp(raw: string, options: SerialOptions = {}): Converted<number> {
  const text = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)) {
    const ms = parseTimestamp(text);
    return typeof ms === 'number' ? ms : INVALID_TIMESTAMP;
  }
  const dayFirst = /^(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (dayFirst) {
    const days = convertDate(dayFirst[1]!);
    if (isRejected(days)) return INVALID_TIMESTAMP;
    const [hours, minutes, seconds] = [Number(dayFirst[2] ?? 0), Number(dayFirst[3] ?? 0), Number(dayFirst[4] ?? 0)];
    if (hours > 23 || minutes > 59 || seconds > 59) return INVALID_TIMESTAMP;
    return days * MS_PER_DAY + ((hours * 60 + minutes) * 60 + seconds) * 1000 - VIETNAM_OFFSET_MS;
  }
  if (options.excelSerial && /^\d{4,5}(\.\d+)?$/.test(text)) {
    // A serial's fraction is the time of day (Vietnam time), kept to the second.
    const seconds = Math.round((Number(text) - dayOfEpoch(options)) * 86_400);
    return seconds * 1000 - VIETNAM_OFFSET_MS;
  }
  return INVALID_TIMESTAMP;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A reporting month: `2025-12`, `12/2025`, `1/2025`, `T12/2025`, `Tháng 12/2025`, `12-2025`,
 * `2025/12`, or (a spreadsheet's date cell) an Excel serial day → `yyyy-mm`.
 */
export function convertPeriod(raw: string, options: SerialOptions = {}): Converted {
  const text = canonicalForm(raw).replace(/^(thang|ky|t)_?/, '');
  let match = /^(\d{4})_(\d{1,2})$/.exec(text);
  let [year, month] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match && (match = /^(\d{1,2})_(\d{4})$/.exec(text))) [month, year] = [Number(match[1]), Number(match[2])];
  if (!match && options.excelSerial && /^\d{5}$/.test(text))
    ({ year, month } = civilFromDays(Number(text) - dayOfEpoch(options)));
  if (!(month >= 1 && month <= 12 && year >= 1900 && year <= 2200)) return INVALID_PERIOD;
  return `${year}-${pad2(month)}`;
}

/** The reporting month (Vietnam time) of a date (days) or a timestamp (epoch ms): `yyyy-mm`. */
export function vietnamMonthOf(value: number, unit: 'days' | 'ms'): string {
  const days = unit === 'days' ? value : Math.floor((value + VIETNAM_OFFSET_MS) / MS_PER_DAY);
  const { year, month } = civilFromDays(days);
  return `${year}-${pad2(month)}`;
}
