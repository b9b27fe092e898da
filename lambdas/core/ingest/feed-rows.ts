import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { INVALID as INVALID_IMPORTED } from '../contracts/canonical-values';
import { resolveType, typeKind, unknownTypeKind } from '../contracts/column-types';
import type { Column, DatasetContract } from '../contracts/define-dataset';
import { canonicalForm, NON_ASCII } from '../feeds/canonical-text';
import { repairTcvn3Mojibake } from '../feeds/detect-encoding';
import { FeedError } from '../feeds/feed-error';
import { restoreIdentifier } from '../feeds/identifiers';
import {
  convertBoolean,
  convertDate,
  convertNumber,
  convertPeriod,
  convertTimestamp,
  enumConverter,
  isRejected as isRejectedImported,
  Rejected,
  vietnamMonthOf,
  type Converted,
  type NumberStyle,
  type SerialOptions,
} from '../feeds/native-values';
import { type FeedRecord, INVALID_JSON } from '../feeds/readers/feed-record';
import type { FeedSpec, SourceSpec } from '../feeds/source-spec';
import { resolveWard } from '../feeds/ward-resolver';
import { type ColumnCheck, RowChecks, type RowIssue } from './row-checks';
import { isColumnNumberRow, startsSignature } from './form-rows';
import { joinHeaderRows } from './header-rows';
import { restoreWardCode, SpreadsheetDamage } from './spreadsheet-damage';
import type { RowSink, RowSource } from './transform-records';

/** How many records a title may take above the header before the file fails. */
const MAX_TITLE_ROWS = 10;

/** A cell's text → its column's typed value, or why it is none. */
type Convert = (raw: string) => Converted<unknown>;

// Local copies: in CommonJS an imported binding is a getter call on every use (the per-cell path).
const isRejected = isRejectedImported;
const INVALID = INVALID_IMPORTED;
const INVALID_PERIOD = new Rejected('invalid_period');
/** Not a row's problem but the file's: a number a spreadsheet re-read in another locale. */
const RESAVED_NUMBER = new Rejected('invalid_number');
const ENGLISH_DECIMAL = /^-?\d+\.\d{1,2}$/;
/** Not a row's problem but the file's: a number in the other style than the source's (a decimal comma in English numbers). */
const FOREIGN_NUMBER = new Rejected('invalid_number');
const OTHER_STYLE: Partial<Record<NumberStyle, NumberStyle>> = { en: 'vi', vi: 'en' };
/** Whether a number's plain text (convertNumber's) has a fractional part. */
const hasFraction = (text: Converted): boolean => typeof text === 'string' && text.includes('.');
const TWELVE_DIGITS = /^\d{12}$/;

/** One contract column and where its text comes from. */
interface ColumnMapping {
  index: number;
  contractIndex: number;
  convert: Convert;
  /** A number column's reading of a workbook's number cell (its stored value, in machine form, whatever the source's style). */
  machine: Convert | undefined;
  check: ColumnCheck | undefined;
  shared: Map<string, string> | undefined;
  /** A date or timestamp column of a day-first source: in a workbook, watched for a month-first spreadsheet’s damage. */
  dayFirst: boolean;
  /** A column of percent points (`unit: '%'`): a workbook cell shown as a percent holds the fraction. */
  percentPoints: boolean;
}

/** Where every piece of a row is in one header, decided once. */
interface Layout {
  columns: ColumnMapping[];
  constants: { contractIndex: number; value: unknown }[];
  hashes: { index: number; contractIndex: number }[];
  ward?: { code: number; name: number; district: number };
  period:
    | { kind: 'column'; index: number }
    | { kind: 'month-of'; contractIndex: number; unit: 'days' | 'ms' }
    | { kind: 'month-columns'; months: { index: number; period: string }[]; mapping: ColumnMapping };
  headers: Map<string, string>;
  extraColumns: string[];
  width: number;
}

export interface FeedRowsOptions {
  /** The key of the keyed hashes (HMAC-SHA256) of personal identifiers. Required when the feed has any. */
  piiKey?: string | Uint8Array;
  /**
   * The workbook the records come from, or undefined for text: asked once the header is found
   * (the reader knows the file's real format and date system by then). A workbook's cells may
   * be serial dates, and its rows may end before the header's last column.
   */
  workbook?: () => { date1904: boolean } | undefined;
}

/**
 * A source's records → typed contract rows, checked against the contract. The header is
 * looked for below a title (up to MAX_TITLE_ROWS records), over `headerRows` rows whose texts
 * are joined per column. Each cell goes straight to its column's typed value: in the
 * contract's canonical forms for a source that sends them (`values: 'canonical'`), else as the
 * source writes it (numbers in its style, day-first dates, Vietnamese booleans and enum
 * spellings); wards are resolved; personal identifiers are replaced by their keyed hash before
 * anything else reads the record.
 */
export class FeedRows implements RowSource {
  private layout: Layout | undefined;
  private readonly window: FeedRecord[] = [];
  private bestError: FeedError | undefined;
  private bestMissing = Infinity;
  private attempts = 0;
  private bestSheet: string | undefined;
  /** The workbook's sheets looked at for the header so far, and whether the current one has been given up on. */
  private readonly sheetsSearched: string[] = [];
  private sheetGaveUp = false;
  private readonly skips: Record<string, number> = {};
  private readonly totals: Set<string>;
  private readonly out: unknown[];
  private readonly wardCache = new WardCache();
  private readonly checks: RowChecks;
  private received: string[] = [];
  /** Whether a record may be shorter than the header (a workbook's rows end at their last filled cell); CSV's may not. */
  private padRecords = false;
  private readonly wardIndexes: { code: number; codeOriginal: number; nameOriginal: number };
  /** A file has a few distinct periods. */
  private readonly period: Convert;

  constructor(
    private readonly spec: SourceSpec,
    private readonly feed: FeedSpec,
    private readonly contract: DatasetContract,
    private readonly options: FeedRowsOptions = {},
  ) {
    if (Object.keys(feed.keyedHashes).length && !options.piiKey)
      throw new Error(`source ${spec.id} sends personal identifiers: a PII key (HMAC) must be configured`);
    const key = options.piiKey;
    this.piiKey =
      key === undefined ? undefined : typeof key === 'string' ? createSecretKey(key, 'utf8') : createSecretKey(key);
    this.totals = new Set(spec.totalsRow.map(canonicalForm));
    const width = contract.columns.length;
    // Whatever the source's form, a period must be one the lake partitions by (yyyy-mm, 1900–2199).
    const period = (converted: Converted<string>) =>
      isRejected(converted) || RowChecks.isPeriod(converted) ? converted : INVALID_PERIOD;
    this.period = spec.values === 'canonical' ? period : memoized((raw) => period(convertPeriod(raw, this.serials())));
    this.checks = new RowChecks(contract);
    // Columns the file leaves out stay null (missing_value when the column is required).
    this.out = new Array<unknown>(width + 1).fill(null);
    const names = contract.columns.map((c) => c.name);
    this.wardIndexes = {
      code: names.indexOf('ward_code'),
      codeOriginal: names.indexOf('ward_code_original'),
      nameOriginal: names.indexOf('ward_name_original'),
    };
  }

  header(record: FeedRecord): boolean {
    if (this.sheetsSearched.length === 0 && record.sheet !== undefined) this.sheetsSearched.push(record.sheet);
    if (this.sheetGaveUp) return false;
    this.window.push(record);
    if (this.window.length > this.spec.headerRows) this.window.shift();
    if (this.window.length < this.spec.headerRows) return false;
    // A header mended from TCVN3 mojibake says the whole file went through a Windows-1252 decoder.
    this.mojibake = this.window.some((r) => r.fields.some((cell) => repairTcvn3Mojibake(cell) !== cell));
    const cells = joinHeaderRows(
      this.window.map((r) => r.fields),
      this.mojibake,
    );
    const planned = this.planLayout(cells, this.window[0]!.line);
    if ('layout' in planned) {
      this.layout = planned.layout;
      this.padRecords = this.options.workbook?.() !== undefined;
      this.received = cells;
      this.headerRecords = this.window.map((r) => r.fields);
      this.headerCells = undefined;
      return true;
    }
    // Not the header (a title row), or a broken one: the record that came closest names the problem.
    if (planned.missing < this.bestMissing || !this.bestError)
      [this.bestError, this.bestMissing, this.bestSheet] = [planned.error, planned.missing, record.sheet];
    if (++this.attempts > MAX_TITLE_ROWS) {
      // A text file has no more places to look; a workbook's next sheet may hold the table.
      if (record.sheet === undefined) throw this.bestError;
      this.sheetGaveUp = true;
    }
    return false;
  }

  headerAgainAt(record: FeedRecord): number | undefined {
    if (record.sheet !== this.probe[0]?.sheet) this.probe.length = 0;
    this.probe.push(record);
    if (this.probe.length > this.spec.headerRows) this.probe.shift();
    if (this.probe.length < this.spec.headerRows) return undefined;
    const cells = joinHeaderRows(
      this.probe.map((r) => r.fields),
      this.mojibake,
    );
    const line = this.probe[0]!.line;
    return 'layout' in this.planLayout(cells, line) ? line : undefined;
  }

  nextSheet(sheet: string): void {
    this.window.length = 0;
    this.attempts = 0;
    this.sheetGaveUp = false;
    this.sheetsSearched.push(sheet);
  }

  noHeader(): FeedError | undefined {
    const best = this.bestError;
    if (!best || this.sheetsSearched.length < 2) return best;
    const sheets = this.sheetsSearched.map((name) => `'${name}'`).join(', ');
    return new FeedError(
      best.code,
      `no sheet holds the table (looked in sheets ${sheets}); the closest, on sheet '${this.bestSheet}': ${best.message}`,
    );
  }

  receivedHeader(): string[] {
    return this.received;
  }

  extraColumns(): string[] {
    return this.layout?.extraColumns ?? [];
  }

  skipped(): Record<string, number> {
    return this.skips;
  }

  mapping(): Record<string, string> {
    return Object.fromEntries(this.layout?.headers ?? []);
  }

  headerOf(column: string): string | undefined {
    return this.layout?.headers.get(column);
  }

  rows(record: FeedRecord, sink: RowSink): void {
    const layout = this.layout!;
    this.damage.line = record.line;
    this.sheet = record.sheet;
    this.numeric = record.numeric;
    this.percent = record.percent;
    this.uncalculated = record.uncalculated;
    const fields = record.fields;
    if (fields[0] === INVALID_JSON)
      return sink(null, [{ column: '*', reason: 'invalid_json', value: fields[1] ?? '' }]);
    if (fields.length !== layout.width) {
      if (fields.length < layout.width && this.padRecords) while (fields.length < layout.width) fields.push('');
      else if (
        !(fields.length > layout.width && fields.slice(layout.width).every((f) => f.trim() === '') && this.padRecords)
      ) {
        if (this.isTotals(fields)) return this.skip('totals_row');
        const around = this.aroundTable(fields);
        if (around) return this.skip(around);
        const issue = {
          column: '*',
          reason: 'wrong_field_count',
          value: `${fields.length} fields, header has ${layout.width}`,
        };
        // A misaligned record of a source with personal identifiers cannot say where the clear ID is: quarantine keeps none of its fields (raw keeps the file).
        if (layout.hashes.length) fields.length = 0;
        return sink(null, [issue]);
      }
    }
    // Personal identifiers first: from here on, even a rejected record holds only the hash.
    const out = this.out;
    let issues: RowIssue[] | null = null;
    for (const { index, contractIndex } of layout.hashes) {
      const written = fields[index]!.trim();
      const clear = restoreIdentifier(written);
      if (clear !== written || (written !== '' && !TWELVE_DIGITS.test(written)))
        this.damage.identifier(written, clear, record.line, index);
      fields[index] = clear === '' ? '' : this.hash(clear);
      out[contractIndex] = clear === '' ? null : fields[index]!;
      // A hash is always in the column's form (checked once in planLayout): only a missing ID is an issue.
      if (clear === '' && this.checks.required[contractIndex])
        (issues ??= []).push({
          column: this.contract.columns[contractIndex]!.name,
          reason: 'missing_value',
          value: '',
        });
    }
    if (this.isTotals(fields)) return this.skip('totals_row');
    for (const mapping of layout.columns) {
      const issue = this.cell(mapping, trimmed(fields[mapping.index]!), out);
      if (issue) (issues ??= []).push(issue);
    }
    for (const { contractIndex, value } of layout.constants) out[contractIndex] = value;
    if (layout.ward) {
      const issue = this.ward(fields, layout.ward, out);
      if (issue) (issues ??= []).push(issue);
    }
    const width = this.contract.columns.length;
    const period = layout.period;
    if (period.kind === 'column') {
      const raw = trimmed(fields[period.index]!);
      const converted = raw === '' ? undefined : this.period(raw);
      if (converted === undefined || isRejected(converted))
        (issues ??= []).push({ column: 'period', reason: converted ? converted.reason : 'missing_value', value: raw });
      else out[width] = converted;
    } else if (period.kind === 'month-of') {
      const value = out[period.contractIndex];
      const month = typeof value === 'number' ? vietnamMonthOf(value, period.unit) : '';
      if (RowChecks.isPeriod(month)) out[width] = month;
      else if (!issues)
        issues = [{ column: 'period', reason: month ? 'invalid_period' : 'missing_value', value: month }];
    }
    if (issues) {
      const around = this.aroundTable(fields);
      return around ? this.skip(around) : sink(null, issues);
    }
    if (period.kind !== 'month-columns') return this.emit(sink);
    // One row per filled month cell.
    for (const month of period.months) {
      const raw = trimmed(fields[month.index]!);
      if (raw === '') {
        this.skip('empty_month');
        continue;
      }
      const issue = this.cell(period.mapping, raw, out);
      if (issue) {
        sink(null, [{ ...issue, header: this.received[month.index] }]);
        continue;
      }
      out[width] = month.period;
      this.emit(sink);
    }
  }

  /** Converts and checks one cell into `out`; returns its issue, if any. */
  private cell(mapping: ColumnMapping, raw: string, out: unknown[]): RowIssue | undefined {
    const { contractIndex } = mapping;
    if (raw === '') {
      if (this.uncalculated?.[mapping.index]) throw this.damage.uncalculated(mapping.index);
      out[contractIndex] = null;
      return this.checks.required[contractIndex]
        ? { column: this.contract.columns[contractIndex]!.name, reason: 'missing_value', value: '' }
        : undefined;
    }
    if (mapping.dayFirst && this.padRecords)
      this.damage.date(raw, this.numeric?.[mapping.index] === true, mapping.index);
    let converted = (this.numeric?.[mapping.index] && mapping.machine ? mapping.machine : mapping.convert)(raw);
    if (converted === RESAVED_NUMBER) throw this.damage.englishNumber(raw, mapping.index);
    if (converted === FOREIGN_NUMBER) throw this.damage.foreignNumber(raw, mapping.index, this.spec.numbers);
    // 99.90% is stored as 0.999: the points the producer typed, to 15 digits (0.999 * 100 is 99.89999999999999).
    if (mapping.percentPoints && this.percent?.[mapping.index] && typeof converted === 'number')
      converted = Number((converted * 100).toPrecision(15));
    const reason = isRejected(converted) ? converted.reason : mapping.check?.(converted);
    if (reason) return { column: this.contract.columns[contractIndex]!.name, reason, value: raw };
    out[contractIndex] = mapping.shared ? (mapping.shared.get(converted as string) ?? converted) : converted;
    return undefined;
  }

  /** A row that passed its cells' checks: the contract's rules over several columns, then out. */
  private emit(sink: RowSink): void {
    const issues = this.checks.row(this.out);
    sink(issues ? null : this.out, issues);
  }

  /**
   * Why a record that does not read as a row is part of the report around the table rather
   * than a bad row: the `(1) (2) (3)` column numbers under a government form's header, or its
   * signature block (the place and date, `Người lập biểu`, `(Ký, họ tên)`, then the names).
   * Asked only of records that failed as rows, so a good row is never taken for either.
   */
  private aroundTable(fields: readonly string[]): string | undefined {
    const filled = fields.map((f) => f.trim()).filter((f) => f !== '');
    if (isColumnNumberRow(filled)) return 'column_number_row';
    if (this.headerRecords.some((header) => sameCells(header, fields))) return 'repeated_header';
    this.anotherTable(filled);
    // A signature block is a few texts in a wide row (a merge repeats one over its cells): data rows fill most of theirs.
    if (new Set(filled).size > Math.max(3, this.layout!.width / 3)) return undefined;
    if (!this.inSignature && startsSignature(filled)) this.inSignature = true;
    return this.inSignature ? 'signature_row' : undefined;
  }

  /**
   * A header of another table further down the sheet (a second report below the first, its own
   * title and columns): two or more of its cells name this table's columns (`Mã xã`, `Kỳ báo cáo`)
   * but it is not this header again. Its rows would be read in this table's columns, so the
   * file fails rather than quarantine another dataset's rows as this one's.
   */
  private anotherTable(filled: readonly string[]): void {
    if (filled.length < 3) return;
    this.headerCells ??= new Set(
      this.headerRecords
        .flat()
        .map(canonicalForm)
        .filter((cell) => cell !== ''),
    );
    const named = [...new Set(filled)].filter((cell) => this.headerCells!.has(canonicalForm(cell)));
    if (named.length < 2) return;
    const shown = filled
      .slice(0, 4)
      .map((cell) => `"${cell}"`)
      .join(', ');
    throw new FeedError(
      'several_tables',
      `another table's header is below this table${this.sheet === undefined ? '' : ` on sheet '${this.sheet}'`} (${shown}${filled.length > 4 ? ', …' : ''}): a sheet is read as one table, so its rows would be read in this table's columns. Send each table on a sheet of its own, or in a file of its own`,
      this.damage.line,
    );
  }

  private headerCells: Set<string> | undefined;
  /** The sheet of the record being read, when a workbook's. */
  private sheet: string | undefined;
  private inSignature = false;
  /** The records the header was read from, to know it when a report repeats it (on every printed page). */
  private headerRecords: string[][] = [];
  /** Records of a later sheet, looked at for the header (headerAgainAt). */
  private readonly probe: FeedRecord[] = [];
  /** Which fields of the record being read are a workbook's number cells, and which of them show a percent. */
  private numeric: readonly boolean[] | undefined;
  private percent: readonly boolean[] | undefined;
  private uncalculated: readonly boolean[] | undefined;
  /** Signs that the file went through a spreadsheet that read its codes and numbers in its own way. */
  private readonly damage = new SpreadsheetDamage((index) => this.received[index] ?? '');

  private skip(reason: string): void {
    this.skips[reason] = (this.skips[reason] ?? 0) + 1;
  }

  /** First cells seen, and whether they name a totals row: a file repeats them (ward codes). */
  private readonly totalsSeen = new Map<string, boolean>();

  private isTotals(fields: readonly string[]): boolean {
    if (this.totals.size === 0) return false;
    const first = fields.find((f) => trimmed(f) !== '');
    if (first === undefined) return false;
    let totals = this.totalsSeen.get(first);
    if (totals === undefined) {
      totals = this.totals.has(canonicalForm(this.mojibake ? repairTcvn3Mojibake(first, true) : first));
      if (this.totalsSeen.size < 4096) this.totalsSeen.set(first, totals);
    }
    return totals;
  }

  /** Keyed hashes of the identifiers seen in this file: one applicant files many dossiers. */
  private readonly hashes = new Map<string, string>();
  /** The PII key as a key object, made once: a string key is converted again by every HMAC (a tenth of its cost). */
  private readonly piiKey: KeyObject | undefined;
  private mojibake = false;

  private hash(clear: string): string {
    let hash = this.hashes.get(clear);
    if (hash === undefined) {
      hash = createHmac('sha256', this.piiKey!).update(clear).digest('hex');
      if (this.hashes.size < 100_000) this.hashes.set(clear, hash);
    }
    return hash;
  }

  /** Resolves the row's ward (cached per distinct code, name and district) into ward_code and the originals. */
  private ward(fields: readonly string[], at: NonNullable<Layout['ward']>, out: unknown[]): RowIssue | undefined {
    const code = at.code === -1 ? '' : restoreWardCode(trimmed(fields[at.code]!));
    const rawName = at.name === -1 ? '' : trimmed(fields[at.name]!);
    const rawDistrict = at.district === -1 ? '' : trimmed(fields[at.district]!);
    const indexes = this.wardIndexes;
    out[indexes.codeOriginal] = code || null;
    if (!code && !rawName) {
      out[indexes.nameOriginal] = null;
      return { column: 'ward_code', reason: 'missing_value', value: '' };
    }
    let resolved = this.wardCache.get(code, rawName, rawDistrict);
    if (!resolved) {
      const [name, district] = [
        repairTcvn3Mojibake(rawName, this.mojibake),
        repairTcvn3Mojibake(rawDistrict, this.mojibake),
      ];
      const found = resolveWard({ code, name, district, scheme: this.feed.ward!.scheme });
      const header = this.layout!.headers.get(code ? 'ward_code_original' : 'ward_name_original');
      resolved =
        'code' in found
          ? { code: found.code, name }
          : {
              column: 'ward_code',
              reason: found.reason,
              value: code || [name, district].filter(Boolean).join(', '),
              ...(header ? { header } : {}),
            };
      this.wardCache.set(code, rawName, rawDistrict, resolved);
    }
    if ('reason' in resolved) {
      out[indexes.nameOriginal] = rawName || null;
      return { ...resolved };
    }
    out[indexes.nameOriginal] = resolved.name || null;
    out[indexes.code] = resolved.code;
    return undefined;
  }

  /**
   * Matches header cells to the feed's columns. A required column that is missing is a
   * problem naming every one, with how many are missing (a title row misses them all); a
   * column named twice is a problem of a header that is otherwise complete.
   */
  private planLayout(cells: string[], line: number): { layout: Layout } | { error: FeedError; missing: number } {
    const feed = this.feed;
    const contract = this.contract;
    const positions = new Map<string, number>();
    const duplicates: string[] = [];
    cells.forEach((cell, index) => {
      const name = canonicalForm(cell);
      if (name === '') return;
      if (positions.has(name)) duplicates.push(cell);
      else positions.set(name, index);
    });
    const used = new Set<number>();
    const find = (spellings: readonly string[] | undefined): number => {
      for (const spelling of spellings ?? []) {
        const index = positions.get(canonicalForm(spelling));
        if (index !== undefined) {
          used.add(index);
          return index;
        }
      }
      return -1;
    };
    const missing: string[] = [];
    const headers = new Map<string, string>();
    const indexOf = (name: string) => contract.columns.findIndex((c) => c.name === name);
    const columns: ColumnMapping[] = [];
    for (const [name, spellings] of Object.entries(feed.columns)) {
      const index = find(spellings);
      const column = contract.columns[indexOf(name)]!;
      if (index === -1) {
        if (!column.nullable) missing.push(spellings[0]!);
        continue;
      }
      headers.set(name, cells[index]!);
      columns.push(this.columnMapping(index, indexOf(name)));
    }
    const hashes = Object.entries(feed.keyedHashes).flatMap(([name, spellings]) => {
      const index = find(spellings);
      if (index === -1) missing.push(spellings[0]!);
      else headers.set(name, cells[index]!);
      const reason = this.checks.columns[indexOf(name)]?.(this.hash('0'));
      if (reason) throw new Error(`${contract.name}.${name}: a keyed hash breaks the column’s own check (${reason})`);
      return index === -1 ? [] : [{ index, contractIndex: indexOf(name) }];
    });
    let ward: Layout['ward'];
    if (feed.ward) {
      ward = { code: find(feed.ward.code), name: find(feed.ward.name), district: find(feed.ward.district) };
      if (ward.code === -1 && ward.name === -1) missing.push((feed.ward.code ?? feed.ward.name)![0]!);
      if (ward.code !== -1) headers.set('ward_code_original', cells[ward.code]!);
      if (ward.name !== -1) headers.set('ward_name_original', cells[ward.name]!);
    }
    let period: Layout['period'];
    if (feed.period.from === 'column') {
      const index = find(feed.period.header);
      if (index === -1) missing.push(feed.period.header[0]!);
      else headers.set('period', cells[index]!);
      period = { kind: 'column', index };
    } else if (feed.period.from === 'month-of') {
      const contractIndex = indexOf(feed.period.column);
      period = {
        kind: 'month-of',
        contractIndex,
        unit: typeKind(contract.columns[contractIndex]!.type) === 'date' ? 'days' : 'ms',
      };
    } else {
      const months = cells.flatMap((cell, index) => {
        if (used.has(index) || !/\d{4}/.test(cell)) return [];
        const converted = this.period(cell);
        return isRejected(converted) ? [] : [{ index, period: converted as string }];
      });
      for (const { index } of months) used.add(index);
      if (months.length === 0) missing.push('one column per month (01/2025, 02/2025, …)');
      period = { kind: 'month-columns', months, mapping: this.columnMapping(-1, indexOf(feed.period.column)) };
    }
    if (missing.length) {
      // Quoted cells may be a data row taken for a header: long digit runs (a citizen ID) are masked.
      const found =
        cells
          .filter(Boolean)
          .slice(0, 8)
          .map((c) => c.replace(/\d{9,}/g, '…'))
          .join(', ') + (cells.length > 8 ? ', …' : '');
      return {
        error: new FeedError(
          'missing_columns',
          `missing required column(s) ${missing.map((m) => `"${m}"`).join(', ')} for ${this.spec.id} ${contract.name} (header has: ${found})`,
          line,
        ),
        missing: missing.length,
      };
    }
    if (duplicates.length)
      return {
        error: new FeedError('duplicate_column', `column(s) named more than once: ${duplicates.join(', ')}`, line),
        missing: 0,
      };
    const constants = Object.entries(feed.constants).map(([name, text]) => ({
      contractIndex: indexOf(name),
      value: resolveType(contract.columns[indexOf(name)]!.type).parse(text),
    }));
    const extraColumns = cells.filter((cell, index) => cell.trim() !== '' && !used.has(index));
    return { layout: { columns, constants, hashes, ward, period, headers, extraColumns, width: cells.length } };
  }

  /** Whether cells may be serial days, and in which date system. */
  private serials(): SerialOptions {
    const workbook = this.options.workbook?.();
    return { excelSerial: workbook !== undefined, date1904: workbook?.date1904 ?? false };
  }

  /** How one contract column is read from the cell at `index`. */
  private columnMapping(index: number, contractIndex: number): ColumnMapping {
    const column = this.contract.columns[contractIndex]!;
    return {
      index,
      contractIndex,
      convert: this.converter(column),
      machine: resolveType(column.type).numeric ? this.converter(column, 'en') : undefined,
      check: this.checks.columns[contractIndex],
      shared: this.checks.shared[contractIndex],
      percentPoints: column.unit === '%',
      dayFirst:
        this.spec.values !== 'canonical' &&
        this.spec.dates === 'dd/mm/yyyy' &&
        (typeKind(column.type) === 'date' || typeKind(column.type) === 'timestamp'),
    };
  }

  /** A cell's text → the column's typed value: in the canonical forms, or as the source writes them. */
  private converter(column: Column, numbers = this.spec.numbers): Convert {
    const type = resolveType(column.type);
    // The column type's canonical parser, its INVALID turned into the type's reject reason.
    const invalid = new Rejected(type.invalid);
    const parse = type.parse;
    const typed: Convert = (text) => {
      const value = parse(text);
      return value === INVALID ? invalid : value;
    };
    const nfc = (text: string) => (NON_ASCII.test(text) ? text.normalize('NFC') : text);
    if (this.spec.values === 'canonical') {
      if (type.kind !== 'string') return typed;
      // Codes (a pattern) are checked as written: a code that needs normalizing is not a code.
      if (column.pattern) return (raw) => raw;
      if (column.enum) {
        const exact = new Set<string>(column.enum);
        return (raw) => (exact.has(raw) ? raw : nfc(raw));
      }
      return nfc;
    }
    const serials = this.serials();
    const kind = typeKind(column.type);
    // A file typed in a TCVN3 font (.VnTime) spells Có, Không and enum values in mojibake too.
    const mended = (convert: Convert): Convert =>
      this.mojibake ? (raw) => convert(repairTcvn3Mojibake(raw, true).normalize('NFC')) : convert;
    switch (kind) {
      case 'boolean':
        return memoized(mended(convertBoolean));
      case 'date':
        return memoized((raw) => convertDate(raw, serials), 8192);
      case 'timestamp':
        return (raw) => convertTimestamp(raw, serials);
      case 'string':
        if (column.enum) {
          const spellings = this.feed.enums[column.name] ?? {};
          const exact = new Set<string>(column.enum);
          const lookup = enumConverter(Object.fromEntries(column.enum.map((value) => [value, spellings[value] ?? []])));
          const known = memoized(mended(lookup));
          return (raw) => (exact.has(raw) ? raw : known(raw));
        }
        // Codes (a pattern) are ASCII by contract: only free text can carry mojibake.
        return column.pattern ? (raw) => raw : (raw) => nfc(repairTcvn3Mojibake(raw, this.mojibake));
      case 'bigint':
      case 'double':
      case 'decimal': {
        // The source's number style to plain numeric text, which the column's type reads (an
        // integer column refuses a fraction, a decimal one more digits than its scale).
        // `16.650` (sixteen thousand six hundred fifty) re-read by an English-locale spreadsheet is 16.65:
        // a count with a point and one or two decimals is that signature in a Vietnamese-number source.
        const resaved = this.spec.numbers === 'vi' && kind === 'bigint';
        // A decimal that only the other style reads (21,3089 in a source of English numbers) is
        // another locale's: the file's 1,234 may then be 1.234, so the file fails (FOREIGN_NUMBER).
        // Only grouping in the other style (1,234,567 in Vietnamese numbers) is one row's mistake.
        // Not for a spreadsheet's number cells (`machine`), whose text is always in English style.
        const other = numbers !== this.spec.numbers ? undefined : OTHER_STYLE[numbers];
        return (raw) => {
          const text = convertNumber(raw, numbers);
          if (!isRejected(text)) {
            const value = typed(text);
            return resaved && isRejected(value) && ENGLISH_DECIMAL.test(raw) ? RESAVED_NUMBER : value;
          }
          if (resaved && ENGLISH_DECIMAL.test(raw)) return RESAVED_NUMBER;
          return other && text.reason === 'invalid_number' && hasFraction(convertNumber(raw, other))
            ? FOREIGN_NUMBER
            : text;
        };
      }
      default:
        return unknownTypeKind(kind);
    }
  }
}

type WardResolution = { code: string; name: string } | RowIssue;

/**
 * Wards resolved in this file, by code, name and district as written (bounded: a province has
 * a few hundred). Nested maps, not one keyed by the three joined: a joined key is a new string
 * to flatten and hash on every row, which cost more than the rest of the ward's work.
 */
class WardCache {
  private readonly byCode = new Map<string, Map<string, Map<string, WardResolution>>>();
  private size = 0;

  get(code: string, name: string, district: string): WardResolution | undefined {
    return this.byCode.get(code)?.get(name)?.get(district);
  }

  set(code: string, name: string, district: string, resolution: WardResolution): void {
    if (this.size >= 4096) return;
    let byName = this.byCode.get(code);
    if (!byName) this.byCode.set(code, (byName = new Map()));
    let byDistrict = byName.get(name);
    if (!byDistrict) byName.set(name, (byDistrict = new Map()));
    byDistrict.set(district, resolution);
    this.size++;
  }
}

/** Whether two records hold the same texts, cell by cell (trailing empty cells aside), as header cells compare. */
function sameCells(a: readonly string[], b: readonly string[]): boolean {
  const filled = (cells: readonly string[]) => {
    let end = cells.length;
    while (end > 0 && cells[end - 1]!.trim() === '') end--;
    return cells.slice(0, end).map(canonicalForm);
  };
  const [x, y] = [filled(a), filled(b)];
  return x.length > 0 && x.length === y.length && x.every((cell, i) => cell === y[i]);
}

/**
 * `text.trim()`, without calling it when the text starts and ends with printable ASCII, as
 * almost every cell does (no whitespace is in that range): a row trims a dozen cells.
 */
function trimmed(text: string): string {
  const last = text.length - 1;
  if (last < 0) return text;
  const first = text.charCodeAt(0);
  const end = text.charCodeAt(last);
  return first > 32 && first < 127 && end > 32 && end < 127 ? text : text.trim();
}

/**
 * A closed set's conversion remembered per distinct text: a column of `Có`/`Không` or of
 * enum spellings has a handful of distinct values, and folding each one to canonical form on
 * every row (NFD, regexes) cost more than the rest of the row. Bounded, for files that put
 * free text where a closed set belongs.
 */
function memoized(convert: Convert, limit = 1024): Convert {
  const seen = new Map<string, Converted<unknown>>();
  return (raw) => {
    let converted = seen.get(raw);
    if (converted === undefined) {
      converted = convert(raw);
      if (seen.size < limit) seen.set(raw, converted);
    }
    return converted;
  };
}
