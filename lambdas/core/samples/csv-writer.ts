import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { DatasetContract } from '../contracts/define-dataset';
import type { SampleRow, SampleValue } from './sample-context';

/** The canonical CSV header of a dataset: its contract columns, then `period`. */
export function canonicalHeader(contract: DatasetContract): string[] {
  return [...contract.columns.map((c) => c.name), 'period'];
}

const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: SampleValue): string {
  if (value === null) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Streams rows to a canonical CSV file (UTF-8, `,`, `\n`), in chunks of about 1 MiB with
 * back-pressure, so a 4 M-row file never sits in memory. Returns the number of rows.
 */
export async function writeCanonicalCsv(
  path: string,
  contract: DatasetContract,
  rows: Iterable<SampleRow>,
): Promise<number> {
  const header = canonicalHeader(contract);
  const out = createWriteStream(path);
  let chunk = `${header.join(',')}\n`;
  let count = 0;
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < header.length; i++) {
      const value = row[header[i]!];
      if (value === undefined) throw new Error(`sample row for ${contract.name} lacks ${header[i]}`);
      line += (i ? ',' : '') + csvCell(value);
    }
    chunk += `${line}\n`;
    count++;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'close');
  return count;
}
