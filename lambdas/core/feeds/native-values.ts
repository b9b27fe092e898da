import { canonicalForm } from './canonical-text';

/**
 * Native value forms → the canonical text the row normalizer reads (`contracts/canonical-values`):
 * a native feed is rewritten field by field, then validated like a canonical one. A value
 * that could mean two things is rejected with its own reason, never guessed.
 *
 * A conversion gives the canonical text, or one of the shared Rejected objects: the common
 * case allocates nothing but the text (these run once per cell).
 */
export type RejectReason =
  | 'invalid_number'
  | 'ambiguous_number'
  | 'invalid_date'
  | 'invalid_timestamp'
  | 'invalid_period'
  | 'invalid_boolean'
  | 'invalid_enum';
export interface Rejected {
  readonly reason: RejectReason;
}
export type Converted = string | Rejected;

const rejected = (reason: RejectReason): Rejected => Object.freeze({ reason });
const INVALID_NUMBER = rejected('invalid_number');
const AMBIGUOUS_NUMBER = rejected('ambiguous_number');
const INVALID_DATE = rejected('invalid_date');
const INVALID_TIMESTAMP = rejected('invalid_timestamp');
const INVALID_PERIOD = rejected('invalid_period');
const INVALID_BOOLEAN = rejected('invalid_boolean');
const INVALID_ENUM = rejected('invalid_enum');

export function isRejected(converted: Converted): converted is Rejected {
  return typeof converted !== 'string';
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

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `dd/mm/yyyy` exactly, read without a regex or a Date (the common case); anything else: undefined. */
function quickDayFirst(text: string): Converted | undefined {
  if (text.length !== 10 || text.charCodeAt(2) !== 47 || text.charCodeAt(5) !== 47) return undefined;
  let value = 0;
  for (const i of [0, 1, 3, 4, 6, 7, 8, 9]) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    value = value * 10 + c;
  }
  const year = value % 10000;
  const month = Math.floor(value / 10000) % 100;
  const day = Math.floor(value / 1000000);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1]!))
    return INVALID_DATE;
  return `${text.slice(6)}-${text.slice(3, 5)}-${text.slice(0, 2)}`;
}

/**
 * `25/12/2025`, `25-12-2025`, `25.12.2025` (day first, as Vietnam writes), ISO `2025-12-25`,
 * or an Excel serial day (`46016`); → `yyyy-mm-dd`.
 */
export function convertDate(raw: string, options: { excelSerial?: boolean } = {}): Converted {
  const quick = quickDayFirst(raw);
  if (quick !== undefined) return quick;
  const text = raw.trim();
  let year: number;
  let month: number;
  let day: number;
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (dayFirst) [day, month, year] = [Number(dayFirst[1]), Number(dayFirst[2]), Number(dayFirst[3])];
  else if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (options.excelSerial && /^\d{4,5}(\.0+)?$/.test(text)) {
    const date = new Date(EXCEL_EPOCH_MS + Math.floor(Number(text)) * 86_400_000);
    [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  } else return INVALID_DATE;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return INVALID_DATE;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const TRUE_WORDS = new Set(['co', 'c', 'x', '1', 'yes', 'y', 'true', 'dung', 'da']);
const FALSE_WORDS = new Set(['khong', 'k', '0', 'no', 'n', 'false', 'sai', 'chua']);

/** `Có`/`Không`, `x` (ticked), `1`/`0`, `Yes`/`No`, `Đúng`/`Sai`, `Đã`/`Chưa` → `true` / `false`. */
export function convertBoolean(raw: string): Converted {
  const word = canonicalForm(raw);
  if (TRUE_WORDS.has(word)) return 'true';
  if (FALSE_WORDS.has(word)) return 'false';
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
 * A timestamp: ISO 8601 (with or without an offset) as it is; `dd/mm/yyyy HH:mm[:ss]` or a
 * date alone, day first; an Excel serial with a day fraction. Without an offset it is Vietnam
 * time, as the canonical reader takes it.
 */
export function convertTimestamp(raw: string, options: { excelSerial?: boolean } = {}): Converted {
  const text = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)) return text;
  const dayFirst = /^(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (dayFirst) {
    const date = convertDate(dayFirst[1]!);
    if (isRejected(date)) return INVALID_TIMESTAMP;
    const [hours, minutes, seconds] = [Number(dayFirst[2] ?? 0), Number(dayFirst[3] ?? 0), Number(dayFirst[4] ?? 0)];
    if (hours > 23 || minutes > 59 || seconds > 59) return INVALID_TIMESTAMP;
    return `${date}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}`;
  }
  if (options.excelSerial && /^\d{4,5}(\.\d+)?$/.test(text)) {
    const ms = Math.round(EXCEL_EPOCH_MS + Number(text) * 86_400_000);
    return new Date(ms).toISOString().slice(0, 19);
  }
  return INVALID_TIMESTAMP;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A reporting month: `2025-12`, `12/2025`, `1/2025`, `T12/2025`, `Tháng 12/2025`, `12-2025`,
 * `2025/12`, or (a spreadsheet's date cell) an Excel serial day → `yyyy-mm`.
 */
export function convertPeriod(raw: string, options: { excelSerial?: boolean } = {}): Converted {
  const text = canonicalForm(raw).replace(/^(thang|ky|t)_?/, '');
  let match = /^(\d{4})_(\d{1,2})$/.exec(text);
  let [year, month] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match && (match = /^(\d{1,2})_(\d{4})$/.exec(text))) [month, year] = [Number(match[1]), Number(match[2])];
  if (!match && options.excelSerial && /^\d{5}$/.test(text)) {
    const date = new Date(EXCEL_EPOCH_MS + Number(text) * 86_400_000);
    [year, month] = [date.getUTCFullYear(), date.getUTCMonth() + 1];
  }
  if (!(month >= 1 && month <= 12 && year >= 1900 && year <= 2200)) return INVALID_PERIOD;
  return `${year}-${pad2(month)}`;
}

/** The month (Vietnam time) of a canonical date or timestamp text. */
export function vietnamMonthOf(text: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) || /^\d{4}-\d{2}-\d{2}[T ][\d:.]+(\+07:00)?$/.test(text))
    return text.slice(0, 7);
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms + 7 * 3_600_000).toISOString().slice(0, 7);
}
