/** Delimiters office programs write: comma, semicolon (Excel in locales whose decimal mark is a comma), tab ("Unicode Text"), pipe. */
const CANDIDATES = [',', ';', '\t', '|'] as const;

/** Lines looked at to tell the delimiter. */
const SAMPLE_LINES = 30;

/** How the file separates fields, and how that was told. */
export interface CsvDialect {
  delimiter: string;
  /** `sep` (the file's `sep=;` first line), `declared` (the spec's, which the lines bear out), `sniffed`. */
  evidence: 'sep' | 'declared' | 'sniffed';
}

/**
 * The delimiter of a CSV file from its first lines. A `sep=;` first line (Excel's own way of
 * naming it) decides. Otherwise the candidate that splits the most lines into one same number
 * (two or more) of fields wins, the spec's delimiter on a tie, then the one giving more fields:
 * a `;` file with decimal commas splits every line into its columns by `;`, but only the
 * lines holding numbers by `,`. Quoted fields are skipped over.
 */
export function sniffDialect(sample: string, declared: string): CsvDialect {
  const sep = /^\uFEFF?"?sep=(.)"?[^\S\n]*\r?\n/i.exec(sample);
  if (sep) return { delimiter: sep[1]!, evidence: 'sep' };
  let best = { delimiter: declared, ...consistency(sample, declared) };
  for (const candidate of CANDIDATES) {
    if (candidate === declared) continue;
    const score = consistency(sample, candidate);
    if (score.lines > best.lines || (score.lines === best.lines && score.fields > best.fields))
      best = { delimiter: candidate, ...score };
  }
  return { delimiter: best.delimiter, evidence: best.delimiter === declared ? 'declared' : 'sniffed' };
}

/** How many lines have the most common field count (2 or more), and that count. */
function consistency(sample: string, delimiter: string): { lines: number; fields: number } {
  const counts = new Map<number, number>();
  for (const fields of fieldCounts(sample, delimiter)) counts.set(fields, (counts.get(fields) ?? 0) + 1);
  let best = { lines: 0, fields: 0 };
  for (const [fields, n] of counts) if (fields >= 2 && n > best.lines) best = { lines: n, fields };
  return best;
}

/**
 * The field counts of the sample's first records, split by `delimiter`, quotes respected (a
 * quoted field may hold delimiters and newlines); blank lines and the last record, which the
 * sample may cut, are left out.
 */
function fieldCounts(sample: string, delimiter: string): number[] {
  const counts: number[] = [];
  let fields = 1;
  let quoted = false;
  let blank = true;
  for (let i = 0; i < sample.length && counts.length < SAMPLE_LINES; i++) {
    const c = sample[i]!;
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === delimiter) fields++;
    else if (c === '\n') {
      if (!blank) counts.push(fields);
      [fields, blank] = [1, true];
      continue;
    }
    if (c !== '\r' && c !== ' ') blank = false;
  }
  return counts;
}
