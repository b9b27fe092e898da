import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { tableFromIPC } from 'apache-arrow';
import fc from 'fast-check';
import { readParquet } from 'parquet-wasm';
import { getDataset, parseDecimalType, type Column, type DatasetContract } from '../../lambdas/core/contracts';
import { canonicalForm } from '../../lambdas/core/feeds/canonical-text';
import { SOURCES, type FeedSpec, type SourceSpec } from '../../lambdas/core/feeds';
import { decodeText, encodeText, type TextEncoding } from '../../lambdas/core/feeds/text-encodings';
import { writeXlsx, type XlsxCell } from '../../lambdas/core/feeds/xlsx/write-xlsx';
import type { XlsxRange } from '../../lambdas/core/feeds/xlsx/read-xlsx';
import type { StagedPart } from '../../lambdas/core/ingest/partitioned-output';
import { schoolYearOf } from '../../lambdas/core/contracts/datasets/school-enrollment';
import { WARDS_2025 } from '../../lambdas/core/reference/wards';
import { clearValueOf, nativeColumns, NativeFileWriter } from '../../lambdas/core/samples/native-writer';
import type { SampleRow, SampleValue } from '../../lambdas/core/samples/sample-context';

/**
 * Arbitraries and helpers for the native feed properties (test/etl/native-properties.test.ts):
 * rows drawn from a dataset contract as a source would send them, the dirt real files carry
 * (header spelling, column order, an extra column, blank lines, quoting, another encoding,
 * odd chunk boundaries), byte mutations, and reading staged Parquet back.
 */

/** The key the properties hash personal identifiers with. */
export const PII_KEY = 'native-properties-pii-key';

export const hmacHex = (clear: string) => createHmac('sha256', PII_KEY).update(clear).digest('hex');

/** Every source with a native format (not the canonical CSV), with each of its feeds. */
export const NATIVE_FEEDS: { spec: SourceSpec; feed: FeedSpec }[] = SOURCES.filter(
  (s) => s.values === 'native',
).flatMap((spec) => spec.feeds.map((feed) => ({ spec, feed })));

export function nativeFeed(sourceId: string, dataset: string): { spec: SourceSpec; feed: FeedSpec } {
  const found = NATIVE_FEEDS.find(({ spec, feed }) => spec.id === sourceId && feed.dataset === dataset);
  if (!found) throw new Error(`no native feed ${sourceId}/${dataset}`);
  return found;
}

// ---------------------------------------------------------------------------------------
// Values

/** Texts a spreadsheet reader takes for a totals row when they are the first filled cell. */
const TOTALS = new Set(SOURCES.flatMap((s) => s.totalsRow.map(canonicalForm)));

/** Whether both legacy encodings a property re-encodes into can write the text (TCVN3 has no capital toned letters: `Ủy`). */
const encodable = (text: string) =>
  (['windows-1258', 'tcvn3'] as const).every(
    (encoding) => decodeText(encodeText(text, encoding), encoding) === text.normalize('NFC'),
  );

/** Words of free text (names of systems, facilities, procedures, units), Vietnamese and not. */
const WORDS = [
  ...'Hệ thống thông tin quản lý văn bản điều hành Cổng dịch vụ công trực tuyến tỉnh Vĩnh Phúc Trường Tiểu học Trung học cơ sở Trạm Y tế xã Bệnh viện Đa khoa Sở Khoa học và Công nghệ Nội vụ Tài chính Cấp giấy phép xây dựng đăng ký kinh doanh hộ tịch tỷ đồng doanh nghiệp người đơn vị Ủy ban nhân dân'.split(
    ' ',
  ),
  'LGSP',
  'HTTT',
  'v2.0',
  '(beta)',
  '2025',
  '#1',
  'R&D',
  '<b>',
  '_x000D_',
  '50%',
  "O'Neil",
  'café',
].filter(encodable);

/** Characters a CSV must quote (and an XLSX must escape) inside free text. */
const SPECIALS = ['\n', '"', ',', ';', '\t', '""', ' \n '];

/** Free text: words with, sometimes, a newline, a quote or a delimiter inside (never at the ends: readers trim). */
export const freeText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { arbitrary: fc.constantFrom(...WORDS), weight: 5 },
      { arbitrary: fc.constantFrom(...SPECIALS), weight: 1 },
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => parts.join(' ').trim())
  .filter((text) => text !== '' && !TOTALS.has(canonicalForm(text)));

const idText = (pattern: string) =>
  fc.stringMatching(new RegExp(`^(?:${pattern})$`)).filter((text) => !TOTALS.has(canonicalForm(text)));

/** yyyy-mm between 2023-01 and 2026-12. */
export const periodArbitrary = fc
  .integer({ min: 2023 * 12, max: 2026 * 12 + 11 })
  .map((n) => `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`);

const DAY = 86_400_000;
const dateText = fc
  .integer({ min: Date.UTC(1950, 0, 1) / DAY, max: Date.UTC(2049, 11, 31) / DAY })
  .map((day) => new Date(day * DAY).toISOString().slice(0, 10));

/** A whole number within the contract's bounds, up to the 15 digits a canonical integer may have. */
const integerIn = (column: Column) =>
  fc
    .bigInt({ min: BigInt(column.min ?? -999_999_999_999_999), max: BigInt(column.max ?? 999_999_999_999_999) })
    .map(Number);

/** A decimal as text (`-1234.5`, `0.0001`), from its unscaled value. */
const decimalText = (precision: number, scale: number) =>
  fc
    .tuple(fc.bigInt({ min: -(10n ** BigInt(precision)) + 1n, max: 10n ** BigInt(precision) - 1n }), fc.boolean())
    .map(([unscaled, trim]) => {
      const digits = (unscaled < 0n ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
      let fraction = digits.slice(digits.length - scale);
      if (trim) fraction = fraction.replace(/0+$/, '');
      return `${unscaled < 0n ? '-' : ''}${digits.slice(0, digits.length - scale)}${fraction ? `.${fraction}` : ''}`;
    });

/** How a timestamp is written: ISO with an offset (or `Z`, or none: Vietnam time), `T` or a space, with or without milliseconds. */
interface TimestampForm {
  offsetMinutes: number | null;
  zulu: boolean;
  space: boolean;
  millis: boolean;
}
const timestampForm: fc.Arbitrary<TimestampForm> = fc.record({
  offsetMinutes: fc.constantFrom<number | null>(420, 420, null, 0, -300, 330, 840, -720),
  zulu: fc.boolean(),
  space: fc.boolean(),
  millis: fc.boolean(),
});

function timestampText(ms: number, form: TimestampForm): string {
  const offset = form.offsetMinutes ?? 420;
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, form.millis ? 23 : 19);
  const sign = offset < 0 ? '-' : '+';
  const suffix =
    form.offsetMinutes === null
      ? ''
      : offset === 0 && form.zulu
        ? 'Z'
        : `${sign}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
  return (form.space ? local.replace('T', ' ') : local) + suffix;
}

/** The instant a timestamp text means, read without the code under test (no offset: Vietnam time). */
export function instantOf(text: string): number {
  const iso = text.replace(' ', 'T');
  return Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(iso) ? iso : `${iso}+07:00`);
}

const vietnamMonthStart = (period: string) =>
  Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5)) - 1, 1) - 7 * 3_600_000;
const vietnamMonthOf = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 7);

/** A value of a column that does not depend on the rest of the row. */
function valueArbitrary(column: Column): fc.Arbitrary<SampleValue> {
  if (column.enum) return fc.constantFrom(...column.enum);
  if (column.wardCode) return fc.constantFrom(...WARDS_2025.map((w) => w.code));
  switch (column.type) {
    case 'string':
      return column.pattern ? idText(column.pattern) : freeText;
    case 'bigint':
      return integerIn(column);
    case 'double': {
      // Micro-degrees, as GPS units give coordinates, and any double within the bounds (tiny ones
      // too: JavaScript and Excel write those with an exponent).
      const min = column.min ?? -1e6;
      const max = column.max ?? 1e6;
      const micro = fc.integer({ min: Math.ceil(min * 1e6), max: Math.floor(max * 1e6) }).map((m) => m / 1e6 + 0);
      return fc.oneof(
        micro,
        fc.double({ min, max, noNaN: true }).map((d) => d + 0),
      );
    }
    case 'boolean':
      return fc.boolean();
    case 'date':
      return dateText;
    case 'timestamp':
      return fc.constant(null); // drawn with the row: it depends on the period (see admin_dossiers below)
    default: {
      const decimal = parseDecimalType(column.type)!;
      return decimalText(decimal.precision, decimal.scale);
    }
  }
}

/** A row drawn column by column: every value, and which nullable columns are null. */
interface RawRow {
  values: SampleRow;
  nulls: Record<string, boolean>;
  timestamps: { delays: number[]; forms: TimestampForm[] };
  clearIds: Record<string, string>;
}

/** What the contract's row checks (and the dossier's timeline) ask of a row, applied to a drawn one. */
const DATASET_RULES: Record<string, (row: SampleRow, raw: RawRow) => void> = {
  telecom_bts: (row, raw) => {
    if (row.status === 'on_air' && row.on_air_date === null) row.on_air_date = raw.values.on_air_date!;
  },
  information_systems: (row, raw) => {
    if (row.level_approved === true && row.approved_on === null) row.approved_on = raw.values.approved_on!;
  },
  eid_accounts: (row) => sortPair(row, 'level2_accounts', 'activated_accounts'),
  leadership_tasks: (row, raw) => {
    if (row.due_on !== null) sortPair(row, 'assigned_on', 'due_on');
    // Done exactly when completed, and not before it was assigned (ISO dates compare as text).
    const completed = raw.values.completed_on as string;
    row.completed_on =
      row.status !== 'completed' ? null : completed < (row.assigned_on as string) ? row.assigned_on! : completed;
  },
  soc_alerts: (row, raw) => {
    // Detected within the period (Vietnam time); closed, after it, exactly when resolved or a false positive.
    const [detectedDelay, closedDelay] = raw.timestamps.delays as [number, number];
    const [detectedForm, closedForm] = raw.timestamps.forms as [TimestampForm, TimestampForm];
    const period = row.period as string;
    const monthLength = vietnamMonthStart(nextPeriod(period)) - vietnamMonthStart(period);
    const whole = (ms: number, form: TimestampForm) => (form.millis ? ms : ms - (ms % 1000));
    const detected = whole(vietnamMonthStart(period) + (detectedDelay % monthLength), detectedForm);
    row.detected_at = timestampText(detected, detectedForm);
    const closed = row.status === 'resolved' || row.status === 'false_positive';
    row.closed_at = closed
      ? timestampText(whole(detected + (closedDelay % (30 * DAY)) + 999, closedForm), closedForm)
      : null;
  },
  news_monitoring: (row) => {
    // False within negative within the items; reported and answered, each item once, within the
    // negative (each kept under half of them, so the two add up to no more).
    const chain = ['mentions_false', 'mentions_negative', 'mentions'];
    const sorted = chain.map((name) => row[name] as number).sort((a, b) => a - b);
    chain.forEach((name, i) => {
      row[name] = sorted[i]!;
    });
    const half = Math.floor((row.mentions_negative as number) / 2) + 1;
    row.negative_reported = (row.negative_reported as number) % half;
    row.negative_answered = (row.negative_answered as number) % half;
  },
  population: (row) => {
    sortPair(row, 'population_14plus', 'population');
    sortPair(row, 'households_with_fixed_broadband', 'households');
  },
  admin_dossiers: (row, raw) => {
    const [receivedDelay, dueDelay, completedDelay] = raw.timestamps.delays as [number, number, number];
    const [receivedForm, dueForm, completedForm] = raw.timestamps.forms as [
      TimestampForm,
      TimestampForm,
      TimestampForm,
    ];
    const period = row.period as string;
    const monthLength = vietnamMonthStart(nextPeriod(period)) - vietnamMonthStart(period);
    const whole = (ms: number, form: TimestampForm) => (form.millis ? ms : ms - (ms % 1000));
    const received = whole(vietnamMonthStart(period) + (receivedDelay % monthLength), receivedForm);
    row.received_at = timestampText(received, receivedForm);
    row.due_at = timestampText(whole(received + (dueDelay % (60 * DAY)) + 999, dueForm), dueForm);
    row.completed_at =
      raw.nulls.completed_at && row.status !== 'completed'
        ? null
        : timestampText(whole(received + (completedDelay % (90 * DAY)) + 999, completedForm), completedForm);
  },
  health_visits: (row) => {
    // The three ways a visit was identified add up to the visits (a third each of the drawn bounds,
    // so the sum keeps to 15 digits); payments within the visits, cashless within the payments.
    for (const name of ['visits_chip_id', 'visits_insurance_card', 'visits_uninsured'])
      row[name] = Math.floor((row[name] as number) / 3);
    row.visits =
      (row.visits_chip_id as number) + (row.visits_insurance_card as number) + (row.visits_uninsured as number);
    row.visits_paid = (row.visits_paid as number) % ((row.visits as number) + 1);
    row.visits_paid_cashless = (row.visits_paid_cashless as number) % ((row.visits_paid as number) + 1);
  },
  school_enrollment: (row, raw) => {
    // As at a day of its period, in that month's school year; a record-book count but at a
    // preschool, within the pupils; payers within the pupils, cashless within the payers.
    const period = row.period as string;
    const [year, month] = period.split('-').map(Number) as [number, number];
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    row.as_of = `${period}-${String((Number((raw.values.as_of as string).slice(8)) % days) + 1).padStart(2, '0')}`;
    row.school_year = schoolYearOf(year, month);
    row.pupils_digital_record =
      row.school_level === 'preschool'
        ? null
        : (raw.values.pupils_digital_record as number) % ((row.pupils as number) + 1);
    row.payers = (row.payers as number) % ((row.pupils as number) + 1);
    row.payers_cashless = (row.payers_cashless as number) % ((row.payers as number) + 1);
  },
  traffic_events: (row, raw) => {
    // It happened in its period (Vietnam time); an accident has its severity and casualties, a violation none.
    const [delay] = raw.timestamps.delays as [number];
    const [form] = raw.timestamps.forms as [TimestampForm];
    const period = row.period as string;
    const monthLength = vietnamMonthStart(nextPeriod(period)) - vietnamMonthStart(period);
    const at = vietnamMonthStart(period) + (delay % monthLength);
    row.occurred_at = timestampText(form.millis ? at : at - (at % 1000), form);
    for (const name of ['severity', 'deaths', 'injuries'])
      row[name] = row.event_type === 'accident' ? raw.values[name]! : null;
  },
  data_network_connections: (row, raw) => {
    // A connected unit (up or down) has its date in service and its uptime; a planned one neither.
    for (const name of ['connected_on', 'uptime_pct']) row[name] = row.status === 'planned' ? null : raw.values[name]!;
  },
  video_conference_endpoints: (row, raw) => {
    // A planned endpoint has no installation date and joined no meeting; an installed one has its date.
    row.installed_on = row.status === 'planned' ? null : raw.values.installed_on!;
    if (row.status === 'planned') row.sessions = 0;
  },
  document_exchange: (row) => {
    // Signed within sent; on time within processed within received.
    sortPair(row, 'documents_sent_signed', 'documents_sent');
    const chain = ['documents_processed_on_time', 'documents_processed', 'documents_received'];
    const sorted = chain.map((name) => row[name] as number).sort((a, b) => a - b);
    chain.forEach((name, i) => {
      row[name] = sorted[i]!;
    });
  },
  lgsp_exchanges: (row) => {
    // No calls exactly when no mean response time; failed calls within the calls.
    if (row.mean_latency_ms === null) row.transactions = row.failed_transactions = 0;
    else {
      if (row.transactions === 0) row.transactions = 1;
      sortPair(row, 'failed_transactions', 'transactions');
    }
  },
  payment_transactions: (row) => {
    // Payments have a value and refunds theirs, and there is no value without them.
    for (const [count, value] of [
      ['transactions', 'value_vnd'],
      ['refunds', 'refunded_vnd'],
    ] as const)
      if (row[count] === 0) row[value] = 0;
      else if (row[value] === 0) row[value] = 1;
  },
  dossier_submissions: (row) => {
    // An online dossier has a sign-in method and no other has; paid online within fee-bearing within received.
    if (row.channel !== 'online') row.auth_method = 'none';
    else if (row.auth_method === 'none') row.auth_method = 'local_account';
    const chain = ['paid_online_dossiers', 'fee_bearing_dossiers', 'dossiers'];
    const sorted = chain.map((name) => row[name] as number).sort((a, b) => a - b);
    chain.forEach((name, i) => {
      row[name] = sorted[i]!;
    });
  },
};

function sortPair(row: SampleRow, part: string, whole: string): void {
  if ((row[part] as number) > (row[whole] as number)) [row[part], row[whole]] = [row[whole]!, row[part]!];
}

function nextPeriod(period: string): string {
  const n = Number(period.slice(0, 4)) * 12 + Number(period.slice(5));
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/** A drawn row as the writer takes it, and what the lake must hold for it (comparable values: see `comparable`). */
export interface DrawnRow {
  row: SampleRow;
  expected: Record<string, unknown>;
}

/** A contract column's value in a form that compares by meaning: integers and decimals as bigint, instants as ms, dates as yyyy-mm-dd. */
function comparable(column: Column, value: SampleValue): unknown {
  if (value === null) return null;
  switch (column.type) {
    case 'bigint':
      return BigInt(value as number);
    case 'double':
      return (value as number) + 0;
    case 'timestamp':
      return instantOf(value as string);
    case 'string':
    case 'boolean':
    case 'date':
      return value;
    default: {
      const scale = parseDecimalType(column.type)!.scale;
      const [, sign, whole, fraction = ''] = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value as string)!;
      const unscaled = BigInt(whole! + fraction.padEnd(scale, '0'));
      return sign ? -unscaled : unscaled;
    }
  }
}

/** What the lake must hold for a row: the drawn values, the feed's constants, the keyed hashes, and the ward as the writer wrote it. */
function expectedOf(
  spec: SourceSpec,
  feed: FeedSpec,
  contract: DatasetContract,
  row: SampleRow,
): Record<string, unknown> {
  const columns = nativeColumns(spec, feed);
  const cellOf = (header: string | undefined) =>
    header === undefined ? null : String(columns.find((c) => c.header === header)!.cell(row));
  const expected: Record<string, unknown> = {};
  for (const column of contract.columns) {
    if (column.name === 'ward_code_original') expected[column.name] = cellOf(feed.ward?.code?.[0]);
    else if (column.name === 'ward_name_original') expected[column.name] = cellOf(feed.ward?.name?.[0]);
    else if (feed.keyedHashes[column.name]) expected[column.name] = hmacHex(row[clearValueOf(column.name)] as string);
    else expected[column.name] = comparable(column, row[column.name] ?? null);
  }
  expected.period = row.period;
  return expected;
}

/** The natural key of an expected or actual row, as one text. */
export const naturalKeyOf = (contract: DatasetContract, row: Record<string, unknown>) =>
  contract.naturalKey.map((name) => String(row[name])).join('|');

/**
 * 1 to `maxRows` rows of a feed's dataset, valid by the contract: enums, patterns, bounds,
 * 2025 ward codes, the contract's row checks, the feed's constants (its carrier), a clear
 * 12-digit ID for each keyed hash, periods from 2023-01 to 2026-12 (at most `maxPeriods`
 * distinct ones a file, as a monthly feed has: each is one Parquet file), unique natural keys.
 */
export function feedRows(
  spec: SourceSpec,
  feed: FeedSpec,
  options: { maxRows?: number; maxPeriods?: number } = {},
): fc.Arbitrary<DrawnRow[]> {
  const contract = getDataset(feed.dataset);
  const derived = new Set([
    'ward_code_original',
    'ward_name_original',
    ...Object.keys(feed.keyedHashes),
    ...Object.keys(feed.constants),
  ]);
  const drawn = contract.columns.filter((c) => !derived.has(c.name));
  const rule = DATASET_RULES[contract.name];
  const timestampCount = contract.columns.filter((c) => c.type === 'timestamp').length;
  const rawRow: fc.Arbitrary<RawRow> = fc.record({
    values: fc.record(Object.fromEntries(drawn.map((c) => [c.name, valueArbitrary(c)]))) as fc.Arbitrary<SampleRow>,
    nulls: fc.record(
      Object.fromEntries(drawn.filter((c) => c.nullable).map((c) => [c.name, fc.boolean()])),
    ) as fc.Arbitrary<Record<string, boolean>>,
    timestamps: fc.record({
      delays: fc.array(fc.nat(), { minLength: timestampCount, maxLength: timestampCount }),
      forms: fc.array(timestampForm, { minLength: timestampCount, maxLength: timestampCount }),
    }),
    clearIds: fc.record(
      Object.fromEntries(Object.keys(feed.keyedHashes).map((name) => [name, fc.stringMatching(/^\d{12}$/)])),
    ) as fc.Arbitrary<Record<string, string>>,
  });
  const toRow = (raw: RawRow, period: string): SampleRow => {
    const row: SampleRow = { ...raw.values, period };
    for (const column of drawn) if (column.nullable && raw.nulls[column.name]) row[column.name] = null;
    for (const [name, text] of Object.entries(feed.constants))
      row[name] = contract.columns.find((c) => c.name === name)!.type === 'string' ? text : Number(text);
    for (const [name, id] of Object.entries(raw.clearIds)) row[clearValueOf(name)] = id;
    for (const name of ['ward_code_original', 'ward_name_original'])
      if (contract.columns.some((c) => c.name === name)) row[name] = null;
    rule?.(row, raw);
    return row;
  };
  return fc.uniqueArray(periodArbitrary, { minLength: 1, maxLength: options.maxPeriods ?? 3 }).chain((periods) =>
    fc.uniqueArray(
      fc.tuple(rawRow, fc.constantFrom(...periods)).map(([raw, period]) => {
        const row = toRow(raw, period);
        // A dossier's period is the month it was received, in Vietnam time; a date's is its own month.
        if (feed.period.from === 'month-of') {
          const value = row[feed.period.column] as string;
          row.period = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value.slice(0, 7) : vietnamMonthOf(instantOf(value));
        }
        return { row, expected: expectedOf(spec, feed, contract, row) };
      }),
      { minLength: 1, maxLength: options.maxRows ?? 20, selector: (d) => naturalKeyOf(contract, d.expected) },
    ),
  );
}

// ---------------------------------------------------------------------------------------
// Dirt

/** The encodings a file is re-encoded into (`declared` keeps the spec's; VNI and UTF-16BE beyond the usual four). */
export const TARGET_ENCODINGS = [
  'declared',
  'utf-8',
  'utf-8-bom',
  'utf-16le-bom',
  'windows-1258',
  'tcvn3',
  'vni',
  'utf-16be-bom',
] as const;
export type TargetEncoding = (typeof TARGET_ENCODINGS)[number];

export type HeaderStyle = 'keep' | 'upper' | 'lower' | 'ascii' | 'ascii-upper' | 'snake';

/** What a file's sender did to it beyond what the writer writes. */
export interface Dirt {
  headers: HeaderStyle;
  shuffle: boolean;
  /** An extra column (CSV, XLSX) or key (JSON) that no mapping reads: at which position, with which values. */
  extra: { at: number; values: string[] } | null;
  /** Blank lines (CSV, NDJSON) or empty rows (XLSX) after these records (-1: before the header). */
  blankAfter: number[];
  /** CSV: every field quoted. JSON document: pretty-printed. */
  quoteAll: boolean;
  /** LF line ends instead of the writer's CRLF. */
  lf: boolean;
  encoding: TargetEncoding;
  /** JSON document: the period moved to the root, shared by every record (when they all have the same). */
  hoistPeriod: boolean;
  /** Where the bytes are split into stream chunks. */
  splits: number[];
  /** Drives the column and key shuffles. */
  seed: number;
}

const someDirt: fc.Arbitrary<Dirt> = fc.record({
  headers: fc.constantFrom<HeaderStyle>('keep', 'upper', 'lower', 'ascii', 'ascii-upper', 'snake'),
  shuffle: fc.boolean(),
  extra: fc.option(fc.record({ at: fc.nat(), values: fc.array(freeText, { minLength: 1, maxLength: 4 }) }), {
    nil: null,
  }),
  blankAfter: fc.uniqueArray(fc.integer({ min: -1, max: 20 }), { maxLength: 3 }),
  quoteAll: fc.boolean(),
  lf: fc.boolean(),
  encoding: fc.constantFrom(...TARGET_ENCODINGS),
  hoistPeriod: fc.boolean(),
  splits: fc.array(fc.nat(), { maxLength: 4 }),
  seed: fc.integer(),
});

/** No dirt: the writer's own bytes. */
export const CLEAN: Dirt = {
  headers: 'keep',
  shuffle: false,
  extra: null,
  blankAfter: [],
  quoteAll: false,
  lf: false,
  encoding: 'declared',
  hoistPeriod: false,
  splits: [],
  seed: 0,
};

/** A file as the writer wrote it (a quarter of the runs, cut into odd chunks all the same), or dirtied. */
export const dirtArbitrary: fc.Arbitrary<Dirt> = fc.oneof(
  { weight: 1, arbitrary: fc.array(fc.nat(), { maxLength: 4 }).map((splits) => ({ ...CLEAN, splits })) },
  { weight: 3, arbitrary: someDirt },
);

/** Whether a file is written exactly as the writer wrote it. */
const isClean = (dirt: Dirt) =>
  dirt.headers === 'keep' &&
  !dirt.shuffle &&
  dirt.extra === null &&
  dirt.blankAfter.length === 0 &&
  !dirt.quoteAll &&
  !dirt.lf &&
  dirt.encoding === 'declared' &&
  !dirt.hoistPeriod;

const stripMarks = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

export function styleHeader(text: string, style: HeaderStyle): string {
  switch (style) {
    case 'keep':
      return text;
    case 'upper':
      return text.toUpperCase();
    case 'lower':
      return text.toLowerCase();
    case 'ascii':
      return stripMarks(text);
    case 'ascii-upper':
      return stripMarks(text).toUpperCase();
    case 'snake':
      return canonicalForm(text);
  }
}

/** The extra column's header (not a spelling of any column). */
const EXTRA_HEADER = 'Ghi chú';

/** A small deterministic PRNG (mulberry32), for shuffles driven by one drawn seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function permutation(length: number, next: () => number): number[] {
  const order = Array.from({ length }, (_, i) => i);
  for (let i = length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** RFC 4180 records of a delimited text (the writer's output: CRLF, quotes doubled). */
export function splitDelimited(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      field += c;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      records.push([...fields, field]);
      fields = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || fields.length) records.push([...fields, field]);
  return records;
}

function joinDelimited(records: (string[] | null)[], delimiter: string, dirt: Dirt): string {
  const lineEnd = dirt.lf ? '\n' : '\r\n';
  const quote = (field: string) =>
    dirt.quoteAll || /["\r\n]/.test(field) || field.includes(delimiter) ? `"${field.replaceAll('"', '""')}"` : field;
  return records.map((fields) => (fields === null ? '' : fields.map(quote).join(delimiter)) + lineEnd).join('');
}

/** Records with blank lines (null) after the chosen ones. */
function withBlanks<T>(records: T[], blankAfter: number[]): (T | null)[] {
  const out: (T | null)[] = blankAfter.includes(-1) ? [null] : [];
  records.forEach((record, i) => {
    out.push(record);
    if (blankAfter.includes(i)) out.push(null);
  });
  return out;
}

/**
 * Text → bytes in the target encoding. A legacy encoding (Windows-1258, TCVN3, VNI) is told from the others only by how
 * Vietnamese the text reads, so it is used for files with Vietnamese headers: an English or
 * ASCII file with one Vietnamese word can read as well in two of them (TCVN3 `Ghi chú` is
 * Windows-1258 `Ghi chó`), and is sent as UTF-8 then.
 */
function encodeAs(text: string, target: TargetEncoding, spec: SourceSpec, vietnameseHeader: boolean): Uint8Array {
  if ((target === 'windows-1258' || target === 'tcvn3' || target === 'vni') && !vietnameseHeader)
    return encodeAs(text, 'utf-8', spec, false);
  const declared: TextEncoding = spec.encoding === 'auto' ? 'utf-8' : spec.encoding;
  const [encoding, bom]: [TextEncoding, boolean] =
    target === 'declared'
      ? [declared, spec.bom]
      : target === 'utf-8-bom'
        ? ['utf-8', true]
        : target === 'utf-16le-bom'
          ? ['utf-16le', true]
          : target === 'utf-16be-bom'
            ? ['utf-16be', true]
            : [target, false];
  const body = encodeText(text, encoding);
  // TCVN3 has no capital toned letters (`MÃ XÃ`): such a file cannot exist in it; it is sent as UTF-8 then.
  if (decodeText(body, encoding) !== text.normalize('NFC')) return encodeAs(text, 'utf-8-bom', spec, false);
  return bom ? Buffer.concat([encodeText('\ufeff', encoding), body]) : body;
}

/** The text of a file the writer wrote in the spec's encoding. */
const writtenText = (spec: SourceSpec, bytes: Uint8Array) =>
  decodeText(bytes, spec.encoding === 'auto' ? 'utf-8' : spec.encoding);

/** A CSV as the writer wrote it, with the dirt applied: header spellings, column order, an extra column, blank lines, quoting, line ends, encoding. */
function dirtyCsv(spec: SourceSpec, bytes: Uint8Array, dirt: Dirt): Uint8Array {
  const records = splitDelimited(writtenText(spec, bytes), spec.delimiter);
  const vietnameseHeader = records[0]!.some((header) => /[\u0080-\uFFFF]/.test(styleHeader(header, dirt.headers)));
  let width = records[0]!.length;
  if (dirt.extra) {
    const { at, values } = dirt.extra;
    const position = at % (width + 1);
    for (const [i, record] of records.entries())
      record.splice(position, 0, i === 0 ? EXTRA_HEADER : values[i % values.length]!);
    width++;
  }
  const order = dirt.shuffle ? permutation(width, random(dirt.seed)) : [...Array(width).keys()];
  const out = records.map((record, i) =>
    order.map((j) => (i === 0 ? styleHeader(record[j]!, dirt.headers) : record[j]!)),
  );
  return encodeAs(
    joinDelimited(withBlanks(out, dirt.blankAfter), spec.delimiter, dirt),
    dirt.encoding,
    spec,
    vietnameseHeader,
  );
}

/** A JSON value with its keys restyled and shuffled, recursively. */
function dirtyObject(value: unknown, dirt: Dirt, next: () => number): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const entries = Object.entries(value);
  const order = dirt.shuffle ? permutation(entries.length, next) : [...entries.keys()];
  return Object.fromEntries(
    order.map((i) => [styleHeader(entries[i]![0], dirt.headers), dirtyObject(entries[i]![1], dirt, next)]),
  );
}

/** The extra key of a record: `ghi_chu` at the top, or nested (`ghi_chu.noi_dung`). */
function withExtraKey(record: Record<string, unknown>, dirt: Dirt, index: number): Record<string, unknown> {
  if (!dirt.extra) return record;
  const value = dirt.extra.values[index % dirt.extra.values.length]!;
  return { ...record, ghi_chu: dirt.extra.at % 2 ? { noi_dung: value } : value };
}

function dirtyNdjson(spec: SourceSpec, bytes: Uint8Array, dirt: Dirt): Uint8Array {
  const next = random(dirt.seed);
  const lines = writtenText(spec, bytes)
    .split('\n')
    .filter((line) => line !== '');
  const records = lines.map((line, i) =>
    JSON.stringify(dirtyObject(withExtraKey(JSON.parse(line) as Record<string, unknown>, dirt, i), dirt, next)),
  );
  const text = withBlanks(records, dirt.blankAfter)
    .map((line) => (line ?? '') + (dirt.lf ? '\n' : '\r\n'))
    .join('');
  return encodeAs(text, dirt.encoding, spec, false);
}

function dirtyJson(spec: SourceSpec, feed: FeedSpec, bytes: Uint8Array, dirt: Dirt): Uint8Array {
  const next = random(dirt.seed);
  const document = JSON.parse(writtenText(spec, bytes)) as Record<string, unknown>;
  const key = spec.records!;
  let records = (document[key] as Record<string, unknown>[]).map((record, i) => withExtraKey(record, dirt, i));
  const periodKey = feed.period.from === 'column' ? feed.period.header[0]! : undefined;
  const periods = new Set(records.map((r) => (periodKey ? r[periodKey] : undefined)));
  const root: Record<string, unknown> = { ...document };
  if (dirt.hoistPeriod && periodKey && periods.size === 1) {
    root[periodKey] = [...periods][0];
    records = records.map(({ [periodKey]: _period, ...rest }) => rest);
  }
  root[key] = records.map((record) => dirtyObject(record, dirt, next));
  // The records' path is not a column: it keeps its spelling.
  const text = JSON.stringify(
    Object.fromEntries(Object.entries(root).map(([k, v]) => [k === key ? k : styleHeader(k, dirt.headers), v])),
    null,
    dirt.quoteAll ? 2 : undefined,
  );
  return encodeAs(text + (dirt.lf ? '\n' : ''), dirt.encoding, spec, false);
}

/**
 * A workbook as the writer lays it out (a title row merged across, one or two header rows,
 * the data, a totals row labelled in its first cell, districts merged down their runs), with
 * the dirt that applies to a spreadsheet: header spellings, column order (group headers are
 * then repeated over each of their columns instead of merged), an extra column, empty rows.
 */
function dirtyWorkbook(spec: SourceSpec, feed: FeedSpec, rows: SampleRow[], dirt: Dirt): Uint8Array {
  type Sheet = {
    header: string;
    cell: (row: SampleRow, index: number) => XlsxCell;
    numeric: boolean;
    mergeRuns: boolean;
  };
  const columns: Sheet[] = nativeColumns(spec, feed).map((c) => ({
    header: c.header,
    cell: (row: SampleRow) => c.cell(row) as XlsxCell,
    numeric: c.numeric ?? false,
    mergeRuns: c.mergeRuns ?? false,
  }));
  if (dirt.extra) {
    const { at, values } = dirt.extra;
    columns.splice(at % (columns.length + 1), 0, {
      header: EXTRA_HEADER,
      cell: (_row, i) => values[i % values.length]!,
      numeric: false,
      mergeRuns: false,
    });
  }
  const order = dirt.shuffle ? permutation(columns.length, random(dirt.seed)).map((i) => columns[i]!) : columns;
  const width = order.length;
  const merges: XlsxRange[] = [{ first: { row: 1, column: 0 }, last: { row: 1, column: width - 1 } }];
  const grid: XlsxCell[][] = [
    [`BÁO CÁO ${getDataset(feed.dataset).title.toUpperCase()}`, ...Array<XlsxCell>(width - 1).fill(null)],
  ];
  const split = order.map((c) => c.header.split(' / ').map((part) => styleHeader(part, dirt.headers)));
  if (spec.headerRows === 2) {
    grid.push(
      split.map((parts) => parts[0]!),
      split.map((parts) => parts[1] ?? null),
    );
    for (const [column, parts] of split.entries())
      if (parts.length === 1) merges.push({ first: { row: 2, column }, last: { row: 3, column } });
  } else grid.push(split.map((parts) => parts.join(' / ')));
  const firstData = grid.length;
  for (const [i, row] of withBlanks(
    rows,
    dirt.blankAfter.filter((i) => i >= 0),
  ).entries())
    grid.push(row === null ? [] : order.map((c) => c.cell(row, i)));
  order.forEach((column, index) => {
    if (!column.mergeRuns) return;
    for (let i = firstData; i < grid.length; ) {
      let j = i;
      while (j + 1 < grid.length && grid[i]!.length && grid[j + 1]![index] === grid[i]![index]) j++;
      if (j > i) {
        merges.push({ first: { row: i + 1, column: index }, last: { row: j + 1, column: index } });
        for (let r = i + 1; r <= j; r++) grid[r]![index] = null;
      }
      i = j + 1;
    }
  });
  const totals: XlsxCell[] = order.map((c) =>
    c.numeric ? rows.reduce((sum, row, i) => sum + Number(c.cell(row, i) ?? 0), 0) : null,
  );
  totals[0] = spec.totalsRow[Math.abs(dirt.seed) % spec.totalsRow.length]!;
  grid.push(totals);
  return writeXlsx([{ name: 'Báo cáo', rows: grid, merges }]);
}

/**
 * Writes rows with the NativeFileWriter, then applies the dirt the format allows. Clean dirt
 * keeps the writer's bytes exactly.
 */
export async function writeDirty(
  spec: SourceSpec,
  feed: FeedSpec,
  rows: SampleRow[],
  dirt: Dirt,
  path: string,
): Promise<Uint8Array> {
  const writer = new NativeFileWriter(spec, feed, path);
  for (const row of rows) await writer.add(row);
  await writer.close();
  const bytes = readFileSync(path);
  if (isClean(dirt)) return bytes;
  switch (spec.format) {
    case 'csv':
      return dirtyCsv(spec, bytes, dirt);
    case 'ndjson':
      return dirtyNdjson(spec, bytes, dirt);
    case 'json':
      return dirtyJson(spec, feed, bytes, dirt);
    case 'xlsx':
      return dirtyWorkbook(spec, feed, rows, dirt);
    default:
      throw new Error(`no dirt for format ${spec.format}`);
  }
}

/** The extra column's header as the reader reports it, or none. */
export function extraColumnsOf(spec: SourceSpec, dirt: Dirt): string[] {
  if (!dirt.extra || isClean(dirt)) return [];
  if (spec.format === 'json' || spec.format === 'ndjson') {
    const key = styleHeader('ghi_chu', dirt.headers);
    return [dirt.extra.at % 2 ? `${key}.${styleHeader('noi_dung', dirt.headers)}` : key];
  }
  return [styleHeader(EXTRA_HEADER, dirt.headers)];
}

/** Bytes as a stream cut at the given places (odd chunk boundaries: inside a character, a CRLF, a quote). */
export function chunked(bytes: Uint8Array, splits: number[]): Readable {
  const cuts = [...new Set(splits.map((s) => (bytes.length ? s % bytes.length : 0)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    if (cut > from) chunks.push(Buffer.from(bytes.subarray(from, cut)));
    from = Math.max(from, cut);
  }
  return Readable.from(chunks);
}

// ---------------------------------------------------------------------------------------
// Byte mutations

export type Mutation =
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate'; from: number; length: number; to: number };

/** Bytes that mean something to some reader: quotes, line ends, delimiters, NUL, braces, UTF-8 lead and BOM bytes, zip signatures. */
const INTERESTING = [
  0x22, 0x0a, 0x0d, 0x2c, 0x3b, 0x09, 0x00, 0x7b, 0x7d, 0x5b, 0x5d, 0x3a, 0xc3, 0xe1, 0xef, 0xbb, 0xbf, 0xff, 0xfe,
  0x50, 0x4b, 0x3c, 0x3e, 0x26,
];
const byte = fc.oneof(fc.constantFrom(...INTERESTING), fc.integer({ min: 0, max: 255 }));

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.array(byte, { minLength: 1, maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    from: fc.nat(),
    length: fc.integer({ min: 1, max: 256 }),
    to: fc.nat(),
  }),
);

export function mutate(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  let out = Buffer.from(bytes);
  for (const m of mutations) {
    const at = (n: number) => (out.length ? n % (out.length + 1) : 0);
    switch (m.kind) {
      case 'flip':
        if (out.length) out[m.at % out.length]! ^= m.mask;
        break;
      case 'insert':
        out = Buffer.concat([out.subarray(0, at(m.at)), Buffer.from(m.bytes), out.subarray(at(m.at))]);
        break;
      case 'delete':
        out = Buffer.concat([out.subarray(0, at(m.at)), out.subarray(at(m.at) + m.length)]);
        break;
      case 'truncate':
        out = out.subarray(0, at(m.at));
        break;
      case 'duplicate': {
        const from = at(m.from);
        out = Buffer.concat([out.subarray(0, at(m.to)), out.subarray(from, from + m.length), out.subarray(at(m.to))]);
        break;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Reading staged Parquet back (parquet-wasm, then Arrow JS)

/** The rows of staged Parquet files, each with its partition's period, in comparable form. */
export function readStaged(contract: DatasetContract, partitions: readonly StagedPart[]): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const part of partitions) {
    const table = tableFromIPC(readParquet(readFileSync(part.path)).intoIPCStream());
    for (const record of table) {
      const row: Record<string, unknown> = {};
      for (const column of contract.columns) row[column.name] = fromArrow(column, record[column.name]);
      row.period = part.period;
      rows.push(row);
    }
  }
  return rows;
}

/** The number of rows in staged Parquet files, as read back. */
export function parquetRowCount(paths: readonly string[]): number {
  return paths.reduce((sum, path) => sum + tableFromIPC(readParquet(readFileSync(path)).intoIPCStream()).numRows, 0);
}

function fromArrow(column: Column, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'bigint':
      return BigInt(value as bigint);
    case 'double':
      return (value as number) + 0;
    case 'date':
      return new Date(value as number).toISOString().slice(0, 10);
    case 'timestamp':
      return Number(value);
    case 'string':
    case 'boolean':
      return value;
    default: {
      // A Decimal128 is four little-endian 32-bit words, two's complement: its unscaled value.
      const words = value as Uint32Array;
      let unscaled = 0n;
      for (let i = words.length - 1; i >= 0; i--) unscaled = (unscaled << 32n) | BigInt(words[i]!);
      return unscaled >= 1n << 127n ? unscaled - (1n << 128n) : unscaled;
    }
  }
}

// ---------------------------------------------------------------------------------------
// A transform in a worker thread: a synchronous endless loop cannot stop the test, only time it out.

export type IsolatedOutcome =
  | {
      ok: true;
      rowsIn: number;
      rowsAccepted: number;
      rowsRejected: number;
      partitions: { path: string; rows: number }[];
    }
  | { ok: false; feedError: boolean; name: string; code?: string; message: string; stack?: string };

export interface IsolatedJob {
  source: string;
  dataset: string;
  bytes: Uint8Array;
  splits: number[];
  stagingDir: string;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
require(workerData.tsx).register();
const { Readable } = require('node:stream');
const { getSource } = require(workerData.feeds);
const { getDataset } = require(workerData.contracts);
const { transformFeed } = require(workerData.transform);
const { FeedError } = require(workerData.feedError);
parentPort.postMessage({ ready: true });
parentPort.on('message', async ({ id, source, dataset, bytes, splits, stagingDir, piiKey }) => {
  try {
    const spec = getSource(source);
    const feed = spec.feeds.find((f) => f.dataset === dataset);
    const buffer = Buffer.from(bytes);
    const cuts = [...new Set(splits.map((s) => (buffer.length ? s % buffer.length : 0)))].sort((a, b) => a - b);
    const chunks = [];
    let from = 0;
    for (const cut of [...cuts, buffer.length]) { if (cut > from) chunks.push(buffer.subarray(from, cut)); from = Math.max(from, cut); }
    const result = await transformFeed(Readable.from(chunks), { contract: getDataset(dataset), stagingDir, lineage: { ingestedAt: 0, manifestId: 'property' }, spec, feed, piiKey, parquetEncoding: 'inline' });
    parentPort.postMessage({ id, ok: true, rowsIn: result.rowsIn, rowsAccepted: result.rowsAccepted, rowsRejected: result.rowsRejected, partitions: result.partitions.map((p) => ({ path: p.path, rows: p.rows })) });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, feedError: error instanceof FeedError, name: String(error && error.name), code: error && error.code, message: String(error && error.message), stack: error && error.stack });
  }
});
`;

/** Runs transformFeed in a worker thread; a job that takes longer than `timeoutMs` terminates the worker and rejects. */
export class IsolatedTransform {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 0;

  constructor(private readonly timeoutMs: number) {}

  async run(job: IsolatedJob): Promise<IsolatedOutcome> {
    if (!this.worker) this.start();
    const worker = this.worker!;
    // Loading the modules (TypeScript compiled on the fly) is not part of a job's time.
    await this.ready;
    const id = this.nextId++;
    return new Promise<IsolatedOutcome>((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
      };
      const timer = setTimeout(() => {
        settle();
        this.stop();
        reject(new Error(`the transform did not finish within ${this.timeoutMs} ms (a hang)`));
      }, this.timeoutMs);
      const onMessage = (message: IsolatedOutcome & { id: number }) => {
        if (message.id !== id) return;
        settle();
        resolve(message);
      };
      // A crash of the thread (an error escaping the transform, wasm aborting) is not a FeedError either.
      const onExit = (code: number) => {
        settle();
        this.stop();
        reject(new Error(`the transform's thread exited (code ${code}) during the job`));
      };
      worker.on('message', onMessage);
      worker.on('exit', onExit);
      worker.postMessage({ id, ...job, piiKey: PII_KEY });
    });
  }

  stop(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.ready = undefined;
  }

  private start(): void {
    const core = join(__dirname, '..', '..', 'lambdas', 'core');
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        tsx: require.resolve('tsx/cjs/api'),
        feeds: join(core, 'feeds', 'index.ts'),
        contracts: join(core, 'contracts', 'index.ts'),
        transform: join(core, 'ingest', 'transform-feed.ts'),
        feedError: join(core, 'feeds', 'feed-error.ts'),
      },
    });
    worker.unref();
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', () => resolve());
    });
  }
}
