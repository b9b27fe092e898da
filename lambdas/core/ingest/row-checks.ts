import { PERIOD as PERIOD_PATTERN } from '../contracts/canonical-values';
import { parseDecimalType } from '../contracts/column-types';
import type { Column, DatasetContract } from '../contracts/define-dataset';
import { isWard2025, WARD_2025_CODES } from '../reference/wards';
import { patternCheck } from './pattern-check';

export interface RowIssue {
  /** The contract column (`*` for the whole row). */
  column: string;
  /** A documented reason code (docs/feeds.md). */
  reason: string;
  value: string;
  /** The file's own header for the column, when it differs from the contract's name. */
  header?: string;
}

/** A column check: the reason a typed value breaks the contract, or undefined. */
export type ColumnCheck = (value: unknown) => string | undefined;

// A local copy: in CommonJS an imported binding is a getter call on every use (hot path).
const PERIOD = PERIOD_PATTERN;

/** The checks a contract column declares (enum, pattern, 2025 ward, bounds), chained once; undefined when it has none. */
function compileChecks(column: Column): ColumnCheck | undefined {
  const checks: ColumnCheck[] = [];
  if (column.enum) {
    const allowed = new Set(column.enum);
    checks.push((v) => (allowed.has(v as string) ? undefined : 'invalid_enum'));
  }
  if (column.pattern) {
    const matches = patternCheck(column.pattern);
    checks.push((v) => (typeof v === 'string' && matches(v) ? undefined : 'invalid_format'));
  }
  if (column.wardCode) checks.push((v) => (isWard2025(v as string) ? undefined : 'unknown_ward'));
  const { min, max } = column;
  if (min !== undefined || max !== undefined) {
    const scale = 10 ** (parseDecimalType(column.type)?.scale ?? 0);
    checks.push((v) => {
      const n = typeof v === 'bigint' ? Number(v) / scale : (v as number);
      return (min !== undefined && n < min) || (max !== undefined && n > max) ? 'out_of_range' : undefined;
    });
  }
  if (checks.length === 0) return undefined;
  if (checks.length === 1) return checks[0];
  return (value) => {
    for (const check of checks) {
      const reason = check(value);
      if (reason) return reason;
    }
    return undefined;
  };
}

/**
 * The contract's own rules over typed values (the feed's reader has already turned each cell
 * into its column's type): required columns, each column's checks, the period, and the rules
 * over several columns of a row. Compiled once per contract: zod at the edges, not per row.
 */
export class RowChecks {
  /** Per contract column: its checks, or undefined. */
  readonly columns: (ColumnCheck | undefined)[];
  readonly required: boolean[];
  /**
   * Per contract column with a small closed set of values (an enum, the 2025 wards): one
   * shared string per value. Buffered rows then hold no per-row copy of them, which keeps the
   * young generation's survivors (and the garbage collector's copying work) small.
   */
  readonly shared: (Map<string, string> | undefined)[];
  private readonly names: string[];
  /** Contract column indexes the row checks read, and one object reused for every row. */
  private readonly checkedIndexes: number[];
  private readonly checkRow: Record<string, unknown> = {};

  constructor(private readonly contract: DatasetContract) {
    this.columns = contract.columns.map(compileChecks);
    this.required = contract.columns.map((c) => !c.nullable);
    this.shared = contract.columns.map((c) => {
      const closedSet = c.enum ?? (c.wardCode ? WARD_2025_CODES : undefined);
      return closedSet ? new Map([...closedSet].map((value) => [value, value])) : undefined;
    });
    this.names = contract.columns.map((c) => c.name);
    const checked = new Set(contract.checks.flatMap((check) => check.columns));
    this.checkedIndexes = this.names.flatMap((name, i) => (checked.has(name) ? [i] : []));
  }

  /** Whether a period (yyyy-mm) is one the lake partitions by. */
  static isPeriod(text: string): boolean {
    return PERIOD.test(text);
  }

  /** The first rule over several columns that the row breaks, as an issue; null when it keeps them all. */
  row(values: readonly unknown[]): RowIssue[] | null {
    const checks = this.contract.checks;
    if (checks.length === 0) return null;
    const row = this.checkRow;
    for (const i of this.checkedIndexes) row[this.names[i]!] = values[i];
    for (const check of checks) {
      if (!check.holds(row)) {
        return [
          {
            column: check.columns.join('+'),
            reason: check.reason,
            value: check.columns.map((c) => String(row[c])).join(' | '),
          },
        ];
      }
    }
    return null;
  }
}
