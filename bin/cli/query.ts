import { resolve } from 'node:path';
import { DEFAULT_LAKE_DIR } from '../../lambdas/core/lake/open-store';
import { DuckDbLake } from '../../lambdas/core/query/duckdb-lake';
import { athenaProblems } from '../../lambdas/core/sql/lint';
import { UsageError, type Command } from './command';
import { formatRows, OUTPUT_FORMATS, type OutputFormat } from './output-format';

export const queryCommand: Command = {
  name: 'query',
  summary: 'run SQL on DuckDB over the local lake (datasets, staging views, marts)',
  usage: `
Usage: vpdc query "SQL" [--lake DIR] [--format table|json|csv]

Every dataset is a view with its contract's columns plus period, source, ingested_at and
manifest_id; the shared views of sql/ are there too: plan_targets, stg_<dataset> (one row
per natural key, newest ingest wins) and the marts (kpi_scorecard, dossiers_monthly, …), e.g.
  vpdc query "select carrier, count(*) from telecom_bts where period = '2025-12' group by 1"
  vpdc query "select indicator, actual, target, status from kpi_scorecard where period = '2025-12'"

Options:
  --lake DIR       the lake folder (default ${DEFAULT_LAKE_DIR}); DuckDB reads folders, not s3://
  --format F       table (default), json or csv
`,
  options: { lake: { type: 'string' }, format: { type: 'string' } },
  async run({ values, positionals }) {
    const sql = positionals.join(' ').trim();
    if (!sql) throw new UsageError('give the SQL to run, e.g. vpdc query "select count(*) from telecom_bts"');
    const format = (values.format as string | undefined) ?? 'table';
    if (!(OUTPUT_FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, got "${format}"`);
    const lakeDir = (values.lake as string | undefined) ?? DEFAULT_LAKE_DIR;
    if (lakeDir.startsWith('s3://'))
      throw new UsageError('vpdc query reads a lake folder; DuckDB here has no httpfs for s3://');
    // The same SQL is meant to run on Athena: say what would not, without refusing it here.
    for (const problem of athenaProblems(sql))
      console.error(`vpdc: warning: Athena would refuse this query: ${problem.message}`);
    const lake = await DuckDbLake.open(resolve(lakeDir));
    try {
      const { columns, rows } = await lake.query(sql);
      console.log(formatRows(columns, rows, format as OutputFormat));
    } catch (error) {
      throw new UsageError(`query failed: ${(error as Error).message.split('\n')[0]}`);
    } finally {
      lake.close();
    }
    return 0;
  },
};
