import { parseDecimalType, resolveType } from '../contracts/column-types';
import type { Column, DatasetContract } from '../contracts/define-dataset';
import { isWard2025, WARD_2025_CODES } from '../reference/wards';
import { INVALID as INVALID_VALUE, PERIOD as PERIOD_PATTERN } from '../contracts/canonical-values';
import type { HeaderPlan } from './header-plan';

export interface RowIssue {
  /** The contract column (`*` for the whole row). */
  column: string;
  /** A documented reason code (docs/feeds.md). */
  reason: string;
  value: string;
  /** The file's own header for the column, when it differs from the contract's name. */
  header?: string;
}

type Step = (text: string) => unknown;

const NON_ASCII = /[\u0080-\uFFFF]/;
// Local copies: in CommonJS an imported binding is a getter call on every use (hot path).
const INVALID = INVALID_VALUE;
const PERIOD = PERIOD_PATTERN;

/**
 * Turns one column's text into its value, or an issue. Compiled once per column (zod at the
 * edges, not per row): the checks a column needs are chained here and nothing else runs.
 */
function compileColumn(column: Column): {
  parse: Step;
  reason: string;
  checks: ((value: unknown) => string | undefined)[];
  shared?: Map<string, string>;
} {
  const { parse, invalid: reason } = resolveType(column.type);
  const checks: ((value: unknown) => string | undefined)[] = [];
  if (column.enum) {
    const allowed = new Set(column.enum);
    checks.push((v) => (allowed.has(v as string) ? undefined : 'invalid_enum'));
  }
  if (column.pattern) {
    const pattern = new RegExp(`^(?:${column.pattern})$`);
    checks.push((v) => (pattern.test(v as string) ? undefined : 'invalid_format'));
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
  // Enum values are ASCII, so a value that passes its enum check needs no NFC.
  const normalizeText =
    column.type === 'string' && !column.enum
      ? (text: string) => (NON_ASCII.test(text) ? text.normalize('NFC') : text)
      : undefined;
  // Values from a small closed set are replaced by one shared string each: buffered rows then
  // hold no per-row copy of them, which keeps the young generation's survivors (and the
  // garbage collector's copying work) small.
  const closedSet = column.enum ?? (column.wardCode ? [...WARD_2025_CODES] : undefined);
  return {
    parse: normalizeText ? (text) => normalizeText(text) : parse,
    reason,
    checks,
    ...(closedSet ? { shared: new Map(closedSet.map((value) => [value, value])) } : {}),
  };
}

/**
 * The bulk row normalizer for one contract and one header: text fields in, typed values out
 * (`values[i]` for contract column i, then the period), or the list of what is wrong.
 */
export class RowNormalizer {
  private readonly steps: ReturnType<typeof compileColumn>[];
  private readonly names: string[];
  /** Contract column indexes the row checks read, and one object reused for every row. */
  private readonly checkedIndexes: number[];
  private readonly checkRow: Record<string, unknown> = {};

  constructor(
    private readonly contract: DatasetContract,
    private readonly plan: HeaderPlan,
  ) {
    this.steps = contract.columns.map(compileColumn);
    this.names = contract.columns.map((c) => c.name);
    const checked = new Set(contract.checks.flatMap((check) => check.columns));
    this.checkedIndexes = this.names.flatMap((name, i) => (checked.has(name) ? [i] : []));
  }

  /** Fills `out` (length = columns + 1) and returns null, or returns the row's issues. */
  normalize(fields: readonly string[], out: unknown[]): RowIssue[] | null {
    if (fields.length !== this.plan.width) {
      return [
        { column: '*', reason: 'wrong_field_count', value: `${fields.length} fields, header has ${this.plan.width}` },
      ];
    }
    let issues: RowIssue[] | null = null;
    const columns = this.contract.columns;
    for (let i = 0; i < columns.length; i++) {
      const index = this.plan.columnIndexes[i]!;
      const text = index === -1 ? '' : fields[index]!.trim();
      if (text === '') {
        if (!columns[i]!.nullable) (issues ??= []).push({ column: this.names[i]!, reason: 'missing_value', value: '' });
        out[i] = null;
        continue;
      }
      const step = this.steps[i]!;
      const value = step.parse(text);
      if (value === INVALID) {
        (issues ??= []).push({ column: this.names[i]!, reason: step.reason, value: text });
        continue;
      }
      let failed = false;
      for (const check of step.checks) {
        const reason = check(value);
        if (reason) {
          (issues ??= []).push({ column: this.names[i]!, reason, value: text });
          failed = true;
          break;
        }
      }
      out[i] = step.shared && !failed ? (step.shared.get(value as string) ?? value) : value;
    }
    const period = fields[this.plan.periodIndex]!.trim();
    if (!PERIOD.test(period))
      (issues ??= []).push({
        column: 'period',
        reason: period === '' ? 'missing_value' : 'invalid_period',
        value: period,
      });
    out[columns.length] = period;
    if (issues) return issues;
    return this.rowChecks(out);
  }

  private rowChecks(values: readonly unknown[]): RowIssue[] | null {
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
