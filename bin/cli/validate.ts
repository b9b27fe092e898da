import { existsSync, statSync } from 'node:fs';
import { SOURCE_IDS, getSource } from '../../lambdas/core/feeds';
import { validateFile, type ValidationReport } from '../../lambdas/core/ingest/validate-file';
import { formatCount, UsageError, type Command } from './command';

/** At most this many problems are printed as text (all of them with --json). */
const SHOWN_PROBLEMS = 50;

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check a feed file before uploading it (writes nothing)',
  usage: `
Usage: vpdc validate FILE --source ID [--dataset NAME] [--json]

Reads FILE as SOURCE sends it, exactly as the ETL would, and prints the format and
encoding it detected, how the file's headers map to the dataset's columns, every problem
with its line, column and reason code (docs/feeds.md lists them), and a summary. Nothing is
written to the lake.

Options:
  --source ID      who sends the file, one of: ${SOURCE_IDS.join(', ')}
  --dataset NAME   the dataset, when the file name does not say it
  --json           the whole report as one JSON object

Exit status: 0 when every row would be accepted, 1 when any row would be rejected or the
file fails, 2 on a usage error.
`,
  options: { source: { type: 'string' }, dataset: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }) {
    const source = values.source as string | undefined;
    if (!source) throw new UsageError('--source ID is required');
    if (!SOURCE_IDS.includes(source))
      throw new UsageError(`unknown source "${source}"; sources: ${SOURCE_IDS.join(', ')}`);
    if (positionals.length !== 1) throw new UsageError('name one FILE to validate');
    const file = positionals[0]!;
    if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`${file}: no such file`);
    // The hash key does not matter here: validation writes nothing and prints no identifier in clear.
    const report = await validateFile(file, getSource(source), { dataset: values.dataset as string | undefined });
    if (values.json) console.log(JSON.stringify(report));
    else printReport(report);
    return report.ok ? 0 : 1;
  },
};

function printReport(report: ValidationReport): void {
  console.log(`${report.file}: ${report.source} → ${report.dataset ?? '?'}`);
  const declared = report.declaredFormat ? ` (${report.source} declares ${report.declaredFormat})` : '';
  const delimiter = report.delimiter ? `, delimiter ${JSON.stringify(report.delimiter)}` : '';
  const sheet =
    report.sheet && report.sheets && report.sheets.length > 1
      ? `, sheet '${report.sheet}' (of ${report.sheets.map((s) => `'${s}'`).join(', ')})`
      : '';
  console.log(
    `  format ${report.format}${declared}, encoding ${report.encoding ?? '?'}${report.evidence ? ` (${report.evidence})` : ''}${delimiter}${sheet}`,
  );
  const mapping = Object.entries(report.mapping);
  if (mapping.length) {
    console.log('  columns:');
    for (const [column, header] of mapping) console.log(`    ${JSON.stringify(header)} → ${column}`);
  }
  if (report.extraColumns.length) console.log(`  not loaded (extra columns): ${report.extraColumns.join(', ')}`);
  if (report.error) {
    // A file none of whose rows is accepted still shows its rows' problems.
    printProblems(report);
    console.log(`  FILE FAILS (${report.error.code}): ${report.error.message}`);
    return;
  }
  printProblems(report);
  const { rowsIn, rowsAccepted, rowsRejected, reasons, skipped } = report.summary;
  const why = Object.entries(reasons)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  const skips = Object.entries(skipped)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  console.log(
    `  ${formatCount(rowsIn)} rows: ${formatCount(rowsAccepted)} would be accepted, ${formatCount(rowsRejected)} rejected${why ? ` (${why})` : ''}${skips ? `; not data: ${skips}` : ''}`,
  );
  console.log(report.ok ? '  OK: ready to upload' : '  NOT OK: fix the rows above and validate again');
}

function printProblems(report: ValidationReport): void {
  // A JSON document's problems are located by record (its position in the array), not by line.
  const where = report.format === 'json' ? 'record' : 'line';
  for (const problem of report.problems.slice(0, SHOWN_PROBLEMS)) {
    const column =
      problem.header && problem.header !== problem.column ? `"${problem.header}" (${problem.column})` : problem.column;
    console.log(`  ${where} ${problem.line}, column ${column}: ${problem.reason} ${JSON.stringify(problem.value)}`);
  }
  if (report.problems.length > SHOWN_PROBLEMS)
    console.log(`  … and ${formatCount(report.problems.length - SHOWN_PROBLEMS)} more problems (--json lists all)`);
}
