import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TrinoSQL } from 'dt-sql-parser';
import { DATASETS } from '../../lambdas/core/contracts';
import { SQL_DIR } from '../../lambdas/core/sql/sql-dir';
import { HEADLINE_SQL, SCORECARD_SQL } from '../../lambdas/core/query/headline';
import { athenaProblems, lintViews } from '../../lambdas/core/query/sql-lint';
import { stagingSql } from '../../lambdas/core/sql/staging-sql';
import { loadViews } from '../../lambdas/core/sql/view-files';
import { useTempDir } from '../support/temp-dir';

const trino = new TrinoSQL();
const tempDir = useTempDir();

describe('the shared views', () => {
  test.each(DATASETS.map((d) => [d.name]))(
    'sql/staging/stg_%s.sql is what its contract generates (npm run sql:generate)',
    (name) => {
      const contract = DATASETS.find((d) => d.name === name)!;
      expect(readFileSync(join(SQL_DIR, 'staging', `stg_${name}.sql`), 'utf8')).toBe(stagingSql(contract));
    },
  );

  test.each(loadViews(SQL_DIR).map((v) => [v.name, v.sql]))('%s parses as Trino', (_name, sql) => {
    expect(trino.validate(sql)).toEqual([]);
  });

  test('the demo queries parse as Trino too', () => {
    expect(trino.validate(HEADLINE_SQL)).toEqual([]);
    expect(trino.validate(SCORECARD_SQL)).toEqual([]);
  });

  test('vpdc sql lint passes the repository views', async () => {
    expect(await lintViews(SQL_DIR)).toEqual([]);
  });

  test('vpdc sql lint names DuckDB-only syntax and a column no contract has', async () => {
    const dir = join(tempDir(), 'sql');
    cpSync(SQL_DIR, dir, { recursive: true });
    writeFileSync(join(dir, 'marts', 'bad_cast.sql'), 'select period::date as d from stg_telecom_bts');
    writeFileSync(join(dir, 'marts', 'bad_column.sql'), 'select no_such_column from stg_telecom_bts');
    expect(await lintViews(dir)).toEqual([
      { view: 'bad_cast', check: 'trino_syntax', message: expect.stringContaining("line 1:14: ':' is not valid") },
      {
        view: 'bad_column',
        check: 'references',
        message: expect.stringContaining('Referenced column "no_such_column" not found'),
      },
    ]);
  });

  test("vpdc sql lint refuses DuckDB's functions Athena lacks, and passes Trino's that DuckDB gets as macros", async () => {
    const dir = join(tempDir(), 'sql');
    cpSync(SQL_DIR, dir, { recursive: true });
    writeFileSync(
      join(dir, 'marts', 'duckdb_only.sql'),
      "select strftime(on_air_date, '%Y') as y, list_value(1, 2) as l from stg_telecom_bts",
    );
    writeFileSync(
      join(dir, 'marts', 'trino_dates.sql'),
      `select date_format(on_air_date, '%Y-%m') as m, day_of_week(on_air_date) as dow,
         date_add('day', 1, on_air_date) as next_day, format_datetime(on_air_date, 'yyyy-MM-dd') as d,
         last_day_of_month(on_air_date) as last_day, to_iso8601(on_air_date) as iso,
         from_iso8601_timestamp('2020-05-11T11:15:05') as ts, from_unixtime(0) as epoch_start
       from stg_telecom_bts`,
    );
    expect(await lintViews(dir)).toEqual([
      {
        view: 'duckdb_only',
        check: 'athena_functions',
        message: expect.stringMatching(/^strftime\(\) is not a function of Athena engine v3/),
      },
      { view: 'duckdb_only', check: 'athena_functions', message: expect.stringMatching(/^list_value\(\) is not/) },
    ]);
  });

  test('what vpdc query warns about: syntax that is not Trino, then functions Athena lacks', () => {
    expect(athenaProblems('select epoch(now())')).toEqual([
      { check: 'athena_functions', message: expect.stringContaining('epoch() is not a function of Athena engine v3') },
    ]);
    expect(athenaProblems("select '2025-01'::date")).toEqual([
      { check: 'trino_syntax', message: expect.stringContaining("':' is not valid") },
    ]);
    expect(athenaProblems("select date_trunc('month', now()), count(*) from kpi_scorecard")).toEqual([]);
  });

  test('a mart reading a view that does not exist fails the lint with its name', async () => {
    const dir = join(tempDir(), 'sql');
    cpSync(SQL_DIR, dir, { recursive: true });
    mkdirSync(join(dir, 'marts'), { recursive: true });
    writeFileSync(join(dir, 'marts', 'orphan.sql'), 'select * from stg_nowhere');
    expect(await lintViews(dir)).toEqual([
      { view: 'orphan', check: 'references', message: expect.stringContaining('stg_nowhere') },
    ]);
  });
});
