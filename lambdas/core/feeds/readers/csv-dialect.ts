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
  const lines = sampleLines(sample);
  let best = { delimiter: declared, ...consistency(lines, declared) };
  for (const candidate of CANDIDATES) {
    if (candidate === declared) continue;
    const score = consistency(lines, candidate);
    if (score.lines > best.lines || (score.lines === best.lines && score.fields > best.fields))
      best = { delimiter: candidate, ...score };
  }
  return { delimiter: best.delimiter, evidence: best.delimiter === declared ? 'declared' : 'sniffed' };
}

/** The sample's complete, non-blank lines (the last may be cut off mid-way). */
function sampleLines(sample: string): string[] {
  const lines = sample.split('\n');
  if (lines.length > 1) lines.pop();
  return lines.filter((line) => line.trim() !== '').slice(0, SAMPLE_LINES);
}

/** The field count (2 or more) that most lines have, and how many lines have it. */
function consistency(lines: readonly string[], delimiter: string): { lines: number; fields: number } {
  const counts = new Map<number, number>();
  for (const line of lines) {
    const fields = fieldCount(line, delimiter);
    counts.set(fields, (counts.get(fields) ?? 0) + 1);
  }
  let best = { lines: 0, fields: 0 };
  for (const [fields, n] of counts) if (fields >= 2 && n > best.lines) best = { lines: n, fields };
  return best;
}

/** Fields in one line, quotes respected (a quoted field never spans sample lines in the files this is for). */
function fieldCount(line: string, delimiter: string): number {
  let fields = 1;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) fields++;
  }
  return fields;
}
