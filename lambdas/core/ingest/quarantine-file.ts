import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { RowIssue } from './row-checks';

/**
 * Rejected rows as JSON lines in a staging file: the line the row starts on, the first
 * problem (column, reason code, value), every problem, and the row as received keyed by
 * header, so a producer can fix and resend exactly those rows.
 */
export class QuarantineFile {
  private readonly stream: WriteStream;
  rows = 0;

  constructor(
    readonly path: string,
    private readonly header: readonly string[],
  ) {
    this.stream = createWriteStream(path);
  }

  /** Returns false when the caller should `await drained()` before writing more. */
  add(line: number, issues: readonly RowIssue[], fields: readonly string[]): boolean {
    this.rows++;
    const first = issues[0]!;
    const record: Record<string, string> | string[] =
      fields.length === this.header.length
        ? Object.fromEntries(this.header.map((name, i) => [name, fields[i]!]))
        : [...fields];
    const entry = { line, reason: first.reason, column: first.column, value: first.value, issues, record };
    return this.stream.write(`${JSON.stringify(entry)}\n`);
  }

  async drained(): Promise<void> {
    if (this.stream.writableNeedDrain) await once(this.stream, 'drain');
  }

  /** Safe to call again (an error after closing closes it once more): a second wait for 'close' would never end. */
  async close(): Promise<void> {
    if (this.stream.closed) return;
    this.stream.end();
    await once(this.stream, 'close');
  }
}
