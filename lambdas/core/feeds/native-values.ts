import { canonicalForm } from './canonical-text';

/**
 * Native value forms → the canonical text the row normalizer reads (`ingest/canonical-values`):
 * a native feed is rewritten field by field, then validated like a canonical one. A value
 * that could mean two things is rejected with its own reason, never guessed.
 */
export type Converted = { text: string } | { reason: 'invalid_number' | 'ambiguous_number' | 'invalid_date' | 'invalid_timestamp' | 'invalid_period' | 'invalid_boolean' | 'invalid_enum' };

export type NumberStyle = 'vi' | 'en' | 'auto';

/** Most cells: digits alone, already canonical (the fast path). */
const PLAIN_INTEGER = /^(?:-?[1-9]\d{0,14}|0)$/;

const GROUPED = (separator: string) => new RegExp(`^\\d{1,3}(?:\\${separator}\\d{3})+$`);

/**
 * `1.234.567` and `1.234,5` (Vietnamese), `1,234,567.5` (English), `1234.5`, `-12`, `(12)`
 * for a negative. `auto` decides by the separators present; `1.234` alone could be either and
 * is `ambiguous_number`.
 */
export function convertNumber(raw: string, style: NumberStyle): Converted {
  if (PLAIN_INTEGER.test(raw)) return { text: raw };
  let text = raw.trim().replace(/[\s\u00a0]/g, '');
  let sign = '';
  if (/^\(.*\)$/.test(text)) [sign, text] = ['-', text.slice(1, -1)];
  else if (/^[-+]/.test(text)) [sign, text] = [text[0] === '-' ? '-' : '', text.slice(1)];
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) return { reason: 'invalid_number' };
  let thousands: string;
  let decimal: string;
  if (style === 'vi') [thousands, decimal] = ['.', ','];
  else if (style === 'en') [thousands, decimal] = [',', '.'];
  else {
    const dots = text.split('.').length - 1;
    const commas = text.split(',').length - 1;
    if (dots && commas) [thousands, decimal] = text.lastIndexOf(',') > text.lastIndexOf('.') ? ['.', ','] : [',', '.'];
    else if (dots > 1 || commas > 1) [thousands, decimal] = dots > 1 ? ['.', ','] : [',', '.'];
    else if (dots + commas === 1 && /^\d{1,3}[.,]\d{3}$/.test(text)) return { reason: 'ambiguous_number' };
    else [thousands, decimal] = commas ? ['.', ','] : [',', '.'];
  }
  const [whole, fraction, extra] = text.split(decimal);
  if (extra !== undefined || whole === undefined || whole === '') return { reason: 'invalid_number' };
  if (whole.includes(thousands) && !GROUPED(thousands).test(whole)) return { reason: 'invalid_number' };
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return { reason: 'invalid_number' };
  const digits = whole.split(thousands).join('');
  if (!/^\d+$/.test(digits)) return { reason: 'invalid_number' };
  return { text: `${sign}${digits.replace(/^0+(?=\d)/, '')}${fraction !== undefined ? `.${fraction}` : ''}` };
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * `25/12/2025`, `25-12-2025`, `25.12.2025` (day first, as Vietnam writes), ISO `2025-12-25`,
 * or an Excel serial day (`46016`); → `yyyy-mm-dd`.
 */
export function convertDate(raw: string, options: { excelSerial?: boolean } = {}): Converted {
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
  } else return { reason: 'invalid_date' };
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return { reason: 'invalid_date' };
  return { text: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

const TRUE_WORDS = new Set(['co', 'c', 'x', '1', 'yes', 'y', 'true', 'dung', 'da']);
const FALSE_WORDS = new Set(['khong', 'k', '0', 'no', 'n', 'false', 'sai', 'chua']);

/** `Có`/`Không`, `x` (ticked), `1`/`0`, `Yes`/`No`, `Đúng`/`Sai`, `Đã`/`Chưa` → `true` / `false`. */
export function convertBoolean(raw: string): Converted {
  const word = canonicalForm(raw);
  if (TRUE_WORDS.has(word)) return { text: 'true' };
  if (FALSE_WORDS.has(word)) return { text: 'false' };
  return { reason: 'invalid_boolean' };
}

/** An enumeration spelled in Vietnamese or English: each value with the spellings a spec accepts. */
export function enumConverter(aliases: Readonly<Record<string, readonly string[]>>): (raw: string) => Converted {
  const lookup = new Map<string, string>();
  for (const [value, spellings] of Object.entries(aliases)) for (const spelling of [value, ...spellings]) lookup.set(canonicalForm(spelling), value);
  return (raw) => {
    const value = lookup.get(canonicalForm(raw));
    return value === undefined ? { reason: 'invalid_enum' } : { text: value };
  };
}

/**
 * A timestamp: ISO 8601 (with or without an offset) as it is; `dd/mm/yyyy HH:mm[:ss]` or a
 * date alone, day first; an Excel serial with a day fraction. Without an offset it is Vietnam
 * time, as the canonical reader takes it.
 */
export function convertTimestamp(raw: string, options: { excelSerial?: boolean } = {}): Converted {
  const text = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)) return { text };
  const dayFirst = /^(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (dayFirst) {
    const date = convertDate(dayFirst[1]!);
    if ('reason' in date) return { reason: 'invalid_timestamp' };
    const [hours, minutes, seconds] = [Number(dayFirst[2] ?? 0), Number(dayFirst[3] ?? 0), Number(dayFirst[4] ?? 0)];
    if (hours > 23 || minutes > 59 || seconds > 59) return { reason: 'invalid_timestamp' };
    return { text: `${date.text}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}` };
  }
  if (options.excelSerial && /^\d{4,5}(\.\d+)?$/.test(text)) {
    const ms = Math.round(EXCEL_EPOCH_MS + Number(text) * 86_400_000);
    return { text: new Date(ms).toISOString().slice(0, 19) };
  }
  return { reason: 'invalid_timestamp' };
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
  if (!(month >= 1 && month <= 12 && year >= 1900 && year <= 2200)) return { reason: 'invalid_period' };
  return { text: `${year}-${pad2(month)}` };
}

/** The month (Vietnam time) of a canonical date or timestamp text. */
export function vietnamMonthOf(text: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) || /^\d{4}-\d{2}-\d{2}[T ][\d:.]+(\+07:00)?$/.test(text)) return text.slice(0, 7);
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms + 7 * 3_600_000).toISOString().slice(0, 7);
}
