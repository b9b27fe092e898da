import { resolve } from 'node:path';
import { AthenaClient } from '@aws-sdk/client-athena';
import { DEFAULT_LAKE_DIR } from '../../lambdas/core/lake/open-store';
import { AthenaEngine } from '../../lambdas/core/query/athena-engine';
import { DuckDbLake, type SqlRow } from '../../lambdas/core/query/duckdb-lake';
import { athenaProblems } from '../../lambdas/core/query/sql-lint';
import { UsageError, type Command } from './command';
import { formatRows, OUTPUT_FORMATS, type OutputFormat } from './output-format';

/** Athena's list price per terabyte scanned, with its minimum of 10 MB per query. */
const USD_PER_TB = 5;
const MIN_BILLED_BYTES = 10 * 1024 * 1024;

export const queryCommand: Command = {
  name: 'query',
  summary: 'run SQL on DuckDB over the local lake, or on Athena in the stack (--engine athena)',
  usage: `
Usage: vpdc query "SQL" [--lake DIR] [--format table|json|csv]
       vpdc query "SQL" --engine athena --workgroup NAME --database NAME [--region R] [--format F]

Every dataset is a view with its contract's columns plus period, source, ingested_at and
manifest_id; the shared views of sql/ are there too: plan_targets, stg_<dataset> (one row
per natural key, newest ingest wins) and the marts (kpi_scorecard, dossiers_monthly, …), e.g.
  vpdc query "select carrier, count(*) from telecom_bts where period = '2025-12' group by 1"
  vpdc query "select indicator, actual, target, status from kpi_scorecard where period = '2025-12'"
On DuckDB, a query Athena would refuse (DuckDB-only syntax or functions) runs with a warning.

Options:
  --lake DIR       the lake folder (default ${DEFAULT_LAKE_DIR}); DuckDB reads folders, not s3://
  --format F       table (default), json or csv
  --engine E       duckdb (default) or athena: the stack's workgroup and Glue database (the
                   AthenaWorkGroup and GlueDatabase outputs), with your AWS credentials; prints
                   the bytes scanned and their cost to stderr
  --workgroup W    default $VPDC_ATHENA_WORKGROUP
  --database D     default $VPDC_GLUE_DATABASE
  --region R       default the AWS SDK's (AWS_REGION, your profile)
`,
  options: {
    lake: { type: 'string' },
    format: { type: 'string' },
    engine: { type: 'string' },
    workgroup: { type: 'string' },
    database: { type: 'string' },
    region: { type: 'string' },
  },
  async run({ values, positionals }) {
    const sql = positionals.join(' ').trim();
    if (!sql) throw new UsageError('give the SQL to run, e.g. vpdc query "select count(*) from telecom_bts"');
    const format = (values.format as string | undefined) ?? 'table';
    if (!(OUTPUT_FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, got "${format}"`);
    const engine = (values.engine as string | undefined) ?? 'duckdb';
    if (engine !== 'duckdb' && engine !== 'athena')
      throw new UsageError(`--engine must be duckdb or athena, got "${engine}"`);
    const { columns, rows } =
      engine === 'athena' ? await onAthena(sql, values) : await onDuckDb(sql, values.lake as string | undefined);
    console.log(formatRows(columns, rows, format as OutputFormat));
    return 0;
  },
};

async function onDuckDb(sql: string, lakeOption: string | undefined): Promise<{ columns: string[]; rows: SqlRow[] }> {
  const lakeDir = lakeOption ?? DEFAULT_LAKE_DIR;
  if (lakeDir.startsWith('s3://'))
    throw new UsageError('vpdc query reads a lake folder; DuckDB here has no httpfs for s3:// (use --engine athena)');
  // The same SQL is meant to run on Athena: say what would not, without refusing it here.
  for (const problem of athenaProblems(sql))
    console.error(`vpdc: warning: Athena would refuse this query: ${problem.message}`);
  const lake = await DuckDbLake.open(resolve(lakeDir));
  try {
    return await lake.query(sql);
  } catch (error) {
    throw new UsageError(`query failed: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    lake.close();
  }
}

async function onAthena(
  sql: string,
  values: Record<string, string | boolean | string[] | undefined>,
): Promise<{ columns: string[]; rows: SqlRow[] }> {
  const workGroup = (values.workgroup as string | undefined) ?? process.env.VPDC_ATHENA_WORKGROUP;
  const database = (values.database as string | undefined) ?? process.env.VPDC_GLUE_DATABASE;
  if (!workGroup || !database)
    throw new UsageError(
      'give --workgroup and --database (the stack outputs AthenaWorkGroup and GlueDatabase), or set VPDC_ATHENA_WORKGROUP and VPDC_GLUE_DATABASE',
    );
  const region = values.region as string | undefined;
  const engine = new AthenaEngine(new AthenaClient(region ? { region } : {}), { workGroup, database });
  try {
    const result = await engine.query(sql);
    const billed = Math.max(result.scannedBytes, MIN_BILLED_BYTES);
    console.error(
      `athena: query ${result.queryId}: ${result.rows.length} rows, scanned ${megabytes(result.scannedBytes)}, billed ${megabytes(billed)} ≈ $${((billed / 1e12) * USD_PER_TB).toFixed(5)} at $${USD_PER_TB}/TB`,
    );
    return result;
  } catch (error) {
    throw new UsageError(`query failed on Athena: ${(error as Error).message.split('\n')[0]}`);
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
