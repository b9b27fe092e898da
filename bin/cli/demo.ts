import { dirname, join, resolve } from 'node:path';
import { DATASETS } from '../../lambdas/core/contracts';
import { DEFAULT_LAKE_DIR, openStore } from '../../lambdas/core/lake/open-store';
import { DuckDbLake } from '../../lambdas/core/query/duckdb-lake';
import { headlineFigures, scorecard, type ScorecardRow } from '../../lambdas/core/query/headline';
import { generateNativeSamples } from '../../lambdas/core/samples/generate-native';
import { generateSamples } from '../../lambdas/core/samples/generate-samples';
import { localPiiKey } from './pii-key';
import { formatCount, progress, progressDone, UsageError, type Command } from './command';
import { parsePositiveNumber } from './generate';
import { parsePort, startServer } from './serve';
import { agencyToken } from './token';
import { ingestSummary, ingestWithProgress } from './ingest';

interface DatasetReport {
  status: string;
  rowsIn: number;
  rowsRejected: number;
  rows: number;
  periods: number;
  firstPeriod: string | null;
  lastPeriod: string | null;
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'the local data center end to end: generate, ingest, query the headline figures',
  usage: `
Usage: vpdc demo [--no-serve] [--port N] [--lake DIR] [--json] [--seed N] [--scale X] [--canonical]

Generates the sample feeds next to the lake (<lake>/../samples), each in its source's own
format (Viettel's CSV, VNPT's workbooks, the one-stop system's export with clear citizen IDs,
…; docs/feeds.md), ingests every one, builds
the DuckDB views over the lake (datasets, sql/staging, sql/marts) and prints, per dataset,
rows, periods and rejects, the headline figures of the seed article computed back from the
marts, and the plan scorecard (indicator, actual, target, year, status). Running it again is
quick: files already ingested are skipped.

Options:
  --lake DIR       the lake folder (default ${DEFAULT_LAKE_DIR})
  --json           print {"datasets":{...},"headline":{...},"scorecard":[...]} as one JSON object
  --no-serve       stop after the report (default: start the API and the dashboard on 127.0.0.1,
                   print a link that opens the dashboard signed in, and keep serving)
  --port N         the API's port (default 8787)
  --seed N         sample data seed (default 2030)
  --scale X        multiplies the dossier volume (default 1)
  --canonical      generate and ingest canonical CSV files instead of the native formats
`,
  options: {
    lake: { type: 'string' },
    json: { type: 'boolean' },
    'no-serve': { type: 'boolean' },
    port: { type: 'string' },
    seed: { type: 'string' },
    scale: { type: 'string' },
    canonical: { type: 'boolean' },
  },
  async run({ values }) {
    const lakeDir = resolve((values.lake as string | undefined) ?? DEFAULT_LAKE_DIR);
    if (lakeDir.includes('://')) throw new UsageError('vpdc demo runs on a lake folder');
    const samplesDir = join(dirname(lakeDir), 'samples');
    const seed = parsePositiveNumber('seed', values.seed as string | undefined, 2030);
    progress('generating sample feeds…');
    const options = { seed, scale: parsePositiveNumber('scale', values.scale as string | undefined, 1) };
    const files: { dataset: string; path: string; source?: string }[] = values.canonical
      ? await generateSamples(samplesDir, options)
      : await generateNativeSamples(join(samplesDir, 'native'), options);
    progressDone();

    const store = openStore(lakeDir);
    const piiKey = values.canonical ? undefined : await localPiiKey(lakeDir);
    // A dataset fed by several sources (six carriers) adds up their files.
    const ingested = new Map<string, { status: string; rowsIn: number; rowsRejected: number }>();
    for (const file of files) {
      const summary = ingestSummary(
        file.path,
        await ingestWithProgress(store, file.path, file.dataset, file.source ?? 'canonical', piiKey),
      );
      const total = ingested.get(file.dataset) ?? { status: 'succeeded', rowsIn: 0, rowsRejected: 0 };
      ingested.set(file.dataset, {
        status: summary.status === 'failed' ? 'failed' : total.status,
        rowsIn: total.rowsIn + summary.rowsIn,
        rowsRejected: total.rowsRejected + summary.rowsRejected,
      });
    }

    const lake = await DuckDbLake.open(lakeDir);
    const datasets: Record<string, DatasetReport> = {};
    try {
      for (const contract of DATASETS) {
        const { rows } = await lake.query(
          `select count(*) as n, count(distinct period) as periods, min(period) as first_period, max(period) as last_period from ${contract.name}`,
        );
        const stats = rows[0]!;
        const summary = ingested.get(contract.name);
        datasets[contract.name] = {
          status: summary?.status ?? 'missing',
          rowsIn: summary?.rowsIn ?? 0,
          rowsRejected: summary?.rowsRejected ?? 0,
          rows: Number(stats.n),
          periods: Number(stats.periods),
          firstPeriod: (stats.first_period as string | null) ?? null,
          lastPeriod: (stats.last_period as string | null) ?? null,
        };
      }
      const headline = await headlineFigures(lake);
      const card = await scorecard(lake);
      if (values.json) console.log(JSON.stringify({ lake: lakeDir, datasets, headline, scorecard: card }));
      else printReport(lakeDir, datasets, headline, card);
    } finally {
      lake.close();
    }
    const failed = Object.values(datasets).filter((d) => d.status === 'failed').length;
    if (values['no-serve'] || failed) return failed ? 1 : 0;
    // The running data center: the sharing API over the lake just built.
    const { url } = await startServer(lakeDir, '127.0.0.1', parsePort(values.port as string | undefined, 8787));
    const token = await agencyToken(lakeDir, 'ioc');
    const log = values.json ? console.error : console.log;
    log(`\nThe data center's API is listening on ${url} (docs: ${url}/docs). Ctrl-C to stop.`);
    log(
      `Open the operations-center dashboard, signed in as the operations center for 1 h:\n\n  ${url}/#token=${token}\n`,
    );
    log(`Pull the scorecard as the operations center (token valid 1 h; more with npx vpdc token --agency ID):\n`);
    log(
      `  curl -H "Authorization: Bearer ${token}" "${url}/v1/datasets/kpi_scorecard/rows?period_from=2025-12&fields=indicator,actual,target,status"\n`,
    );
    log('Explore the lake with SQL:  npx vpdc query "select * from kpi_scorecard limit 5"');
    await new Promise(() => undefined);
    return 0;
  },
};

function printReport(
  lakeDir: string,
  datasets: Record<string, DatasetReport>,
  headline: Record<string, number | null>,
  card: ScorecardRow[],
): void {
  console.log(`Lake: ${lakeDir}\n`);
  console.log(
    `${'dataset'.padEnd(28)} ${'status'.padEnd(10)} ${'rows'.padStart(10)} ${'rejected'.padStart(9)}  periods`,
  );
  for (const [name, d] of Object.entries(datasets)) {
    console.log(
      `${name.padEnd(28)} ${d.status.padEnd(10)} ${formatCount(d.rows).padStart(10)} ${formatCount(d.rowsRejected).padStart(9)}  ${d.periods} (${d.firstPeriod ?? '-'} … ${d.lastPeriod ?? '-'})`,
    );
  }
  console.log('\nHeadline figures, computed back from the lake (latest period):');
  for (const [name, value] of Object.entries(headline)) {
    console.log(`  ${name.padEnd(38)} ${value === null ? '-' : value.toLocaleString('en-US')}`);
  }
  console.log("\nPlan scorecard (kpi_scorecard, latest period; baselines are the seed article's status figures):");
  console.log(
    `  ${'indicator'.padEnd(36)} ${'actual'.padStart(12)} ${'target'.padStart(12)} ${'year'.padStart(5)}  status (a baseline: its figure, month and the change since)`,
  );
  for (const row of card) {
    const number = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
    const status =
      row.kind === 'baseline'
        ? `baseline ${number(row.baseline!)} (${row.baseline_period}), ${row.change_since_baseline! >= 0 ? '+' : ''}${number(row.change_since_baseline!)} since`
        : row.status;
    console.log(
      `  ${row.indicator.padEnd(36)} ${number(row.actual).padStart(12)} ${(row.target === null ? '' : number(row.target)).padStart(12)} ${String(row.target_year).padStart(5)}  ${status}`,
    );
  }
}
