import { createWriteStream, type WriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { getDataset, resolveType, typeKind, unknownTypeKind } from '../contracts';
import type { Column } from '../contracts/define-dataset';
import type { FeedSpec, SourceSpec } from '../feeds/source-spec';
import { encodeText } from '../feeds/text-encodings';
import { writeXlsx, type XlsxCell } from '../feeds/xlsx/write-xlsx';
import { WARDS_2025, WARDS_PRE2025 } from '../reference/wards';
import { csvCell } from './csv-writer';
import type { SampleRow, SampleValue } from './sample-context';

/**
 * Writes rows in a source's own format, the inverse of how the ETL reads it (the same source
 * spec drives both): its headers, number and date forms, enum spellings, ward naming, a
 * spreadsheet's title and totals rows. The sample generator's native feeds come from here.
 */

/** A sample row's clear value of a keyed-hash column (`applicant_id_hash` → `applicant_id`). */
export const clearValueOf = (column: string) => column.replace(/_hash$/, '');

/** One cell of a native file: the value as the source writes it. */
type Cell = string | number | boolean | null;

/** The file's columns in order: header text (`Group / Sub` for a two-row header) and how to get each cell. */
interface NativeColumn {
  header: string;
  cell: (row: SampleRow) => Cell;
  /** A spreadsheet sums it in the totals row. */
  numeric?: boolean;
  /** Merged down runs of equal values (a spreadsheet's district column). */
  mergeRuns?: boolean;
}

const pre2025ByNewCode = new Map<string, (typeof WARDS_PRE2025)[number]>();
for (const ward of WARDS_PRE2025) if (!pre2025ByNewCode.has(ward.newCode)) pre2025ByNewCode.set(ward.newCode, ward);
const ward2025 = new Map(WARDS_2025.map((w) => [w.code, w]));
const SHORT_TYPE: Record<string, string> = {
  Phường: 'P.',
  'Thị trấn': 'TT',
  Xã: 'X.',
  'Thành phố': 'TP.',
  Huyện: 'H.',
};

function predecessor(code: string) {
  const old = pre2025ByNewCode.get(code);
  if (!old) throw new Error(`no pre-2025 ward became ${code}`);
  return old;
}

/** `1234567.5` → `1.234.567,5` (vi) or `1,234,567.5` (en). */
export function formatNumber(value: number | string, style: SourceSpec['numbers']): string {
  const text = String(value);
  if (style === 'auto') return text;
  const [sign, whole, fraction] = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text)?.slice(1) ?? ['', text, undefined];
  const [group, decimal] = style === 'vi' ? ['.', ','] : [',', '.'];
  return `${sign}${whole!.replace(/\B(?=(\d{3})+$)/g, group)}${fraction ? decimal + fraction : ''}`;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** The columns a source's file has for one feed, in order: ward, the mapped columns, keyed hashes, period. */
export function nativeColumns(spec: SourceSpec, feed: FeedSpec): NativeColumn[] {
  const contract = getDataset(feed.dataset);
  const xlsx = spec.format === 'xlsx';
  const json = spec.format === 'json' || spec.format === 'ndjson';
  const byName = new Map(contract.columns.map((c) => [c.name, c]));
  const value = (column: Column, v: SampleValue): Cell => {
    if (v === null) return null;
    if (column.enum) return feed.enums[column.name]?.[v as string]?.[0] ?? (v as string);
    const kind = typeKind(column.type);
    switch (kind) {
      case 'boolean':
        return json ? (v as boolean) : spec.booleans[v ? 0 : 1];
      case 'date':
        if (xlsx) return (Date.parse(`${v as string}T00:00:00Z`) - EXCEL_EPOCH_MS) / 86_400_000;
        return spec.dates === 'dd/mm/yyyy' ? (v as string).split('-').reverse().join('/') : (v as string);
      case 'timestamp':
      case 'string':
        return v as string;
      case 'bigint':
      case 'double':
      case 'decimal':
        return xlsx || json ? Number(v) : formatNumber(v as number, spec.numbers);
      default:
        return unknownTypeKind(kind);
    }
  };
  const columns: NativeColumn[] = [];
  if (feed.ward) {
    const { code, name, district, scheme } = feed.ward;
    const old = (row: SampleRow) => predecessor(row.ward_code as string);
    if (code)
      columns.push({
        header: code[0]!,
        cell: (row) => (scheme === '2025' ? (row.ward_code as string) : old(row).code),
      });
    if (district)
      columns.push({
        header: district[0]!,
        cell: (row) => `${SHORT_TYPE[old(row).districtType] ?? ''} ${old(row).districtName}`.trim(),
        mergeRuns: xlsx,
      });
    if (name)
      columns.push({
        header: name[0]!,
        cell: (row) =>
          scheme === '2025'
            ? ward2025.get(row.ward_code as string)!.name
            : `${SHORT_TYPE[old(row).type] ?? ''} ${old(row).name}`.trim(),
      });
  }
  for (const [name, spellings] of Object.entries(feed.columns)) {
    const column = byName.get(name)!;
    columns.push({
      header: spellings[0]!,
      cell: (row) => value(column, row[name] ?? null),
      numeric: !column.enum && resolveType(column.type).numeric,
    });
  }
  for (const [name, spellings] of Object.entries(feed.keyedHashes))
    columns.push({ header: spellings[0]!, cell: (row) => row[clearValueOf(name)] as string });
  if (feed.period.from === 'column') {
    const dayFirst = spec.dates === 'dd/mm/yyyy' || xlsx;
    columns.push({
      header: feed.period.header[0]!,
      cell: (row) => (dayFirst ? (row.period as string).split('-').reverse().join('/') : (row.period as string)),
    });
  }
  return columns;
}

/** Whether a dataset's row is this feed's: its constants (the carrier's name) hold. */
export function feedTakesRow(feed: FeedSpec, row: SampleRow): boolean {
  return Object.entries(feed.constants).every(([name, text]) => String(row[name]) === text);
}

/**
 * A file of one feed, written row by row. CSV and NDJSON stream to disk (a large dossier
 * export never sits in memory); a spreadsheet or a JSON document is built whole at close.
 */
export class NativeFileWriter {
  private readonly columns: NativeColumn[];
  private readonly rows: SampleRow[] = [];
  private stream: WriteStream | undefined;
  private chunk = '';
  count = 0;

  constructor(
    private readonly spec: SourceSpec,
    private readonly feed: FeedSpec,
    readonly path: string,
  ) {
    this.columns = nativeColumns(spec, feed);
  }

  async add(row: SampleRow): Promise<void> {
    this.count++;
    const format = this.spec.format;
    if (format === 'xlsx' || format === 'json' || this.feed.period.from === 'month-columns') {
      this.rows.push(row);
      return;
    }
    if (!this.stream) {
      this.stream = createWriteStream(this.path);
      if (this.spec.bom)
        this.stream.write(encodeText('\ufeff', this.spec.encoding === 'auto' ? 'utf-8' : this.spec.encoding));
      if (format !== 'ndjson') this.chunk = this.csvLine(this.columns.map((c) => c.header));
    }
    this.chunk +=
      format === 'ndjson'
        ? `${JSON.stringify(this.nested(row))}\n`
        : this.csvLine(this.columns.map((c) => c.cell(row)));
    if (this.chunk.length > 1 << 20) await this.writeChunk();
  }

  async close(): Promise<void> {
    const format = this.spec.format;
    if (format === 'xlsx') return writeFile(this.path, this.workbook());
    if (format === 'json')
      return writeFile(
        this.path,
        this.encode(
          JSON.stringify({ ngay_xuat: '2026-01-05', ban_ghi: this.rows.map((row) => this.nested(row)) }, null, 2) +
            '\n',
        ),
      );
    if (this.feed.period.from === 'month-columns') {
      for (const line of this.pivoted()) this.chunk += this.csvLine(line);
      await writeFile(
        this.path,
        Buffer.concat([this.spec.bom ? this.encode('\ufeff') : Buffer.alloc(0), this.encode(this.chunk)]),
      );
      return;
    }
    if (!this.stream) return;
    await this.writeChunk();
    this.stream.end();
    await once(this.stream, 'close');
  }

  private encode(text: string): Uint8Array {
    return encodeText(text, this.spec.encoding === 'auto' ? 'utf-8' : this.spec.encoding);
  }

  private async writeChunk(): Promise<void> {
    if (!this.stream!.write(this.encode(this.chunk))) await once(this.stream!, 'drain');
    this.chunk = '';
  }

  private csvLine(cells: Cell[]): string {
    const delimiter = this.spec.delimiter;
    return `${cells
      .map((cell) => {
        const text = cell === null ? '' : String(cell);
        return delimiter === ','
          ? csvCell(text)
          : /["\r\n]/.test(text) || text.includes(delimiter)
            ? `"${text.replaceAll('"', '""')}"`
            : text;
      })
      .join(delimiter)}\r\n`;
  }

  /** A record as a JSON object: dot paths become nested objects. */
  private nested(row: SampleRow): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    for (const column of this.columns) {
      const path = column.header.split('.');
      let target = object;
      for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
      target[path[path.length - 1]!] = column.cell(row);
    }
    return object;
  }

  /** One line per row of the other columns, one column per month (`T01/2025`). */
  private pivoted(): Cell[][] {
    if (this.feed.period.from !== 'month-columns') return [];
    const column = getDataset(this.feed.dataset).columns.find(
      (c) => c.name === (this.feed.period as { column: string }).column,
    )!;
    const periods = [...new Set(this.rows.map((r) => r.period as string))].sort();
    const lines = new Map<string, Cell[]>();
    for (const row of this.rows) {
      const key = this.columns.map((c) => String(c.cell(row))).join('\u0001');
      let line = lines.get(key);
      if (!line) lines.set(key, (line = [...this.columns.map((c) => c.cell(row)), ...periods.map(() => null)]));
      line[this.columns.length + periods.indexOf(row.period as string)] = formatNumber(
        row[column.name] as number,
        this.spec.numbers,
      );
    }
    return [
      [...this.columns.map((c) => c.header), ...periods.map((p) => `T${p.slice(5)}/${p.slice(0, 4)}`)],
      ...lines.values(),
    ];
  }

  /** A title row merged across, the header (two rows when it has `Group / Sub` cells), the data, a totals row. */
  private workbook(): Uint8Array {
    const width = this.columns.length;
    const merges: { first: { row: number; column: number }; last: { row: number; column: number } }[] = [];
    const grid: XlsxCell[][] = [
      [`BÁO CÁO ${getDataset(this.feed.dataset).title.toUpperCase()}`, ...Array<XlsxCell>(width - 1).fill(null)],
    ];
    merges.push({ first: { row: 1, column: 0 }, last: { row: 1, column: width - 1 } });
    const split = this.columns.map((c) => c.header.split(' / '));
    if (this.spec.headerRows === 2) {
      grid.push(
        split.map((parts) => parts[0]!),
        split.map((parts) => parts[1] ?? null),
      );
      split.forEach((parts, column) => {
        if (parts.length === 1) merges.push({ first: { row: 2, column }, last: { row: 3, column } });
        else if (column === 0 || split[column - 1]![0] !== parts[0]) {
          let last = column;
          while (last + 1 < width && split[last + 1]!.length > 1 && split[last + 1]![0] === parts[0]) last++;
          merges.push({ first: { row: 2, column }, last: { row: 2, column: last } });
        }
      });
    } else grid.push(this.columns.map((c) => c.header));
    const firstData = grid.length;
    for (const row of this.rows) grid.push(this.columns.map((c) => c.cell(row) as XlsxCell));
    // Equal values in a run are one merged cell, shown once (grid index i is Excel row i + 1).
    this.columns.forEach((column, index) => {
      if (!column.mergeRuns) return;
      for (let i = firstData; i < grid.length; ) {
        let j = i;
        while (j + 1 < grid.length && grid[j + 1]![index] === grid[i]![index]) j++;
        if (j > i) {
          merges.push({ first: { row: i + 1, column: index }, last: { row: j + 1, column: index } });
          for (let r = i + 1; r <= j; r++) grid[r]![index] = null;
        }
        i = j + 1;
      }
    });
    const totals: XlsxCell[] = this.columns.map((c) =>
      c.numeric ? this.rows.reduce((sum, row) => sum + Number(c.cell(row) ?? 0), 0) : null,
    );
    totals[0] = 'Tổng cộng';
    grid.push(totals);
    return writeXlsx([{ name: 'Báo cáo', rows: grid, merges }]);
  }
}
