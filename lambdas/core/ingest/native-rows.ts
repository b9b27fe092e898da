import { createHmac } from 'node:crypto';
import type { Column, DatasetContract } from '../contracts/define-dataset';
import { typeKind, unknownTypeKind } from '../contracts/column-types';
import { canonicalForm } from '../feeds/canonical-text';
import { repairTcvn3Mojibake } from '../feeds/detect-encoding';
import {
  convertBoolean,
  convertDate,
  convertNumber,
  convertPeriod,
  convertTimestamp,
  enumConverter,
  isRejected,
  vietnamMonthOf,
  type Converted,
} from '../feeds/native-values';
import type { FeedSpec, SourceSpec } from '../feeds/source-spec';
import { resolveWard } from '../feeds/ward-resolver';
import { FeedError } from '../feeds/feed-error';
import type { HeaderPlan } from './header-plan';
import { type FeedRecord, INVALID_JSON } from '../feeds/readers/feed-record';
import type { RowIssue } from './row-normalizer';
import type { RowSink, RowSource } from './transform-records';

/** How many records a title may take above the header before the file fails. */
const MAX_TITLE_ROWS = 10;

type Convert = (raw: string) => Converted;

/** One contract column and where its text comes from. */
interface ColumnMapping {
  index: number;
  contractIndex: number;
  convert: Convert;
}

/** Where every piece of a row is in one header, decided once. */
interface Layout {
  columns: ColumnMapping[];
  constants: { contractIndex: number; text: string }[];
  hashes: { index: number; contractIndex: number }[];
  ward?: { code: number; name: number; district: number };
  period:
    | { kind: 'column'; index: number }
    | { kind: 'month-of'; contractIndex: number }
    | { kind: 'month-columns'; months: { index: number; period: string }[]; contractIndex: number; convert: Convert };
  headers: Map<string, string>;
  extraColumns: string[];
  width: number;
}

export interface NativeRowsOptions {
  /** The key of the keyed hashes (HMAC-SHA256) of personal identifiers. Required when the feed has any. */
  piiKey?: string | Uint8Array;
  /** Whether cells may hold Excel serial dates (spreadsheets). */
  excelSerials?: boolean;
  /** Whether a record may be shorter than the header (spreadsheets leave trailing cells out); CSV may not. */
  padRecords?: boolean;
}

/**
 * A native source's records → rows in the contract's canonical text, which the row
 * normalizer then validates like any canonical CSV. The header is looked for below a title
 * (up to MAX_TITLE_ROWS records), over `headerRows` rows whose texts are joined per column.
 * Values are converted per the contract column's type (numbers in the source's style, day-first
 * dates, Vietnamese booleans and enum spellings); wards are resolved; personal identifiers are
 * replaced by their keyed hash before anything else reads the record.
 */
export class NativeRows implements RowSource {
  private layout: Layout | undefined;
  private readonly window: FeedRecord[] = [];
  private bestError: FeedError | undefined;
  private bestMissing = Infinity;
  private attempts = 0;
  private readonly skips: Record<string, number> = {};
  private readonly totals: Set<string>;
  private readonly out: string[];
  private readonly wardCache = new WardCache();
  private readonly plan: HeaderPlan;
  private received: string[] = [];
  private readonly wardIndexes: { code: number; codeOriginal: number; nameOriginal: number };
  /** A file has a few distinct periods. */
  private readonly period: Convert;

  constructor(
    private readonly spec: SourceSpec,
    private readonly feed: FeedSpec,
    private readonly contract: DatasetContract,
    private readonly options: NativeRowsOptions = {},
  ) {
    if (Object.keys(feed.keyedHashes).length && !options.piiKey)
      throw new Error(`source ${spec.id} sends personal identifiers: a PII key (HMAC) must be configured`);
    this.totals = new Set(spec.totalsRow.map(canonicalForm));
    const width = contract.columns.length;
    this.period = memoized((raw) => convertPeriod(raw, { excelSerial: options.excelSerials }));
    // Columns the file leaves out stay empty (the normalizer says whether that is allowed).
    this.out = new Array<string>(width + 1).fill('');
    const names = contract.columns.map((c) => c.name);
    this.wardIndexes = {
      code: names.indexOf('ward_code'),
      codeOriginal: names.indexOf('ward_code_original'),
      nameOriginal: names.indexOf('ward_name_original'),
    };
    // Rows arrive in contract order, period last: the identity plan.
    this.plan = {
      columnIndexes: contract.columns.map((_, i) => i),
      periodIndex: width,
      extraColumns: [],
      width: width + 1,
    };
  }

  header(record: FeedRecord): HeaderPlan | undefined {
    this.window.push(record);
    if (this.window.length > this.spec.headerRows) this.window.shift();
    if (this.window.length < this.spec.headerRows) return undefined;
    // A header mended from TCVN3 mojibake says the whole file went through a Windows-1252 decoder.
    this.mojibake = this.window.some((r) => r.fields.some((cell) => repairTcvn3Mojibake(cell) !== cell));
    const cells = joinHeaderRows(
      this.window.map((r) => r.fields),
      this.mojibake,
    );
    const planned = this.planLayout(cells, this.window[0]!.line);
    if ('layout' in planned) {
      this.layout = planned.layout;
      this.received = cells;
      return this.plan;
    }
    // Not the header (a title row), or a broken one: the record that came closest names the problem.
    if (planned.missing < this.bestMissing || !this.bestError)
      [this.bestError, this.bestMissing] = [planned.error, planned.missing];
    if (++this.attempts > MAX_TITLE_ROWS) throw this.bestError;
    return undefined;
  }

  noHeader(): FeedError | undefined {
    return this.bestError;
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
    const fields = record.fields;
    if (fields[0] === INVALID_JSON)
      return sink(null, [{ column: '*', reason: 'invalid_json', value: fields[1] ?? '' }]);
    if (fields.length !== layout.width) {
      if (fields.length < layout.width && this.options.padRecords) while (fields.length < layout.width) fields.push('');
      else if (
        !(
          fields.length > layout.width &&
          fields.slice(layout.width).every((f) => f.trim() === '') &&
          this.options.padRecords
        )
      ) {
        if (this.isTotals(fields)) return this.skip('totals_row');
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
    for (const { index, contractIndex } of layout.hashes) {
      const clear = fields[index]!.trim();
      fields[index] = clear === '' ? '' : this.hash(clear);
      this.out[contractIndex] = fields[index]!;
    }
    if (this.isTotals(fields)) return this.skip('totals_row');
    const out = this.out;
    let issues: RowIssue[] | null = null;
    for (const { index, contractIndex, convert } of layout.columns) {
      const raw = trimmed(fields[index]!);
      if (raw === '') {
        out[contractIndex] = '';
        continue;
      }
      const converted = convert(raw);
      if (isRejected(converted))
        (issues ??= []).push({
          column: this.contract.columns[contractIndex]!.name,
          reason: converted.reason,
          value: raw,
        });
      else out[contractIndex] = converted;
    }
    for (const { contractIndex, text } of layout.constants) out[contractIndex] = text;
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
      out[width] = (out[period.contractIndex] && vietnamMonthOf(out[period.contractIndex]!)) || '';
    }
    if (issues) return sink(null, issues);
    if (period.kind !== 'month-columns') return sink(out, null);
    // One row per filled month cell.
    for (const month of period.months) {
      const raw = fields[month.index]!.trim();
      if (raw === '') {
        this.skip('empty_month');
        continue;
      }
      const converted = period.convert(raw);
      if (isRejected(converted)) {
        sink(null, [
          {
            column: this.contract.columns[period.contractIndex]!.name,
            reason: converted.reason,
            value: raw,
            header: this.received[month.index],
          },
        ]);
        continue;
      }
      out[period.contractIndex] = converted;
      out[width] = month.period;
      sink(out, null);
    }
  }

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
      totals = this.totals.has(canonicalForm(first));
      if (this.totalsSeen.size < 4096) this.totalsSeen.set(first, totals);
    }
    return totals;
  }

  /** Keyed hashes of the identifiers seen in this file: one applicant files many dossiers. */
  private readonly hashes = new Map<string, string>();
  private mojibake = false;

  private hash(clear: string): string {
    let hash = this.hashes.get(clear);
    if (hash === undefined) {
      hash = createHmac('sha256', this.options.piiKey!).update(clear).digest('hex');
      if (this.hashes.size < 100_000) this.hashes.set(clear, hash);
    }
    return hash;
  }

  /** Resolves the row's ward (cached per distinct code, name and district) into ward_code and the originals. */
  private ward(fields: readonly string[], at: NonNullable<Layout['ward']>, out: string[]): RowIssue | undefined {
    const code = at.code === -1 ? '' : trimmed(fields[at.code]!);
    const rawName = at.name === -1 ? '' : trimmed(fields[at.name]!);
    const rawDistrict = at.district === -1 ? '' : trimmed(fields[at.district]!);
    const indexes = this.wardIndexes;
    out[indexes.codeOriginal] = code;
    if (!code && !rawName) {
      out[indexes.nameOriginal] = '';
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
      out[indexes.nameOriginal] = rawName;
      return { ...resolved };
    }
    out[indexes.nameOriginal] = resolved.name;
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
      columns.push({ index, contractIndex: indexOf(name), convert: this.converter(column) });
    }
    const hashes = Object.entries(feed.keyedHashes).flatMap(([name, spellings]) => {
      const index = find(spellings);
      if (index === -1) missing.push(spellings[0]!);
      else headers.set(name, cells[index]!);
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
      period = { kind: 'month-of', contractIndex: indexOf(feed.period.column) };
    } else {
      const months = cells.flatMap((cell, index) => {
        if (used.has(index) || !/\d{4}/.test(cell)) return [];
        const converted = convertPeriod(cell, { excelSerial: this.options.excelSerials });
        return isRejected(converted) ? [] : [{ index, period: converted }];
      });
      for (const { index } of months) used.add(index);
      if (months.length === 0) missing.push('one column per month (01/2025, 02/2025, …)');
      const contractIndex = indexOf(feed.period.column);
      period = {
        kind: 'month-columns',
        months,
        contractIndex,
        convert: this.converter(contract.columns[contractIndex]!),
      };
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
    const constants = Object.entries(feed.constants).map(([name, text]) => ({ contractIndex: indexOf(name), text }));
    const extraColumns = cells.filter((cell, index) => cell.trim() !== '' && !used.has(index));
    return { layout: { columns, constants, hashes, ward, period, headers, extraColumns, width: cells.length } };
  }

  /** Native text → canonical text, by the contract column's type and the feed's spellings. */
  private converter(column: Column): Convert {
    const excelSerial = this.options.excelSerials;
    const numbers = this.spec.numbers;
    const kind = typeKind(column.type);
    switch (kind) {
      case 'boolean':
        return memoized(convertBoolean);
      case 'date':
        return memoized((raw) => convertDate(raw, { excelSerial }), 8192);
      case 'timestamp':
        return (raw) => convertTimestamp(raw, { excelSerial });
      case 'string':
        if (column.enum) {
          const spellings = this.feed.enums[column.name] ?? {};
          const exact = new Set<string>(column.enum);
          const lookup = enumConverter(Object.fromEntries(column.enum.map((value) => [value, spellings[value] ?? []])));
          const known = memoized(lookup);
          return (raw) => (exact.has(raw) ? raw : known(raw));
        }
        // Codes (a pattern) are ASCII by contract: only free text can carry mojibake.
        return column.pattern ? (raw) => raw : (raw) => repairTcvn3Mojibake(raw, this.mojibake);
      case 'bigint':
      case 'double':
      case 'decimal':
        return (raw) => convertNumber(raw, numbers);
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

/** Header rows → one text per column: the filled cells top to bottom, a cell repeated by a merge said once. */
function joinHeaderRows(rows: readonly string[][], mojibake: boolean): string[] {
  if (rows.length === 1) return rows[0]!.map((cell) => repairTcvn3Mojibake(cell.trim(), mojibake));
  const width = Math.max(...rows.map((r) => r.length));
  return Array.from({ length: width }, (_, column) => {
    const parts: string[] = [];
    for (const row of rows) {
      const cell = repairTcvn3Mojibake((row[column] ?? '').trim(), mojibake);
      if (cell && parts[parts.length - 1] !== cell) parts.push(cell);
    }
    return parts.join(' ');
  });
}

/**
 * A closed set's conversion remembered per distinct text: a column of `Có`/`Không` or of
 * enum spellings has a handful of distinct values, and folding each one to canonical form on
 * every row (NFD, regexes) cost more than the rest of the row. Bounded, for files that put
 * free text where a closed set belongs.
 */
function memoized(convert: Convert, limit = 1024): Convert {
  const seen = new Map<string, Converted>();
  return (raw) => {
    let converted = seen.get(raw);
    if (converted === undefined) {
      converted = convert(raw);
      if (seen.size < limit) seen.set(raw, converted);
    }
    return converted;
  };
}
