import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TrinoSQL } from 'dt-sql-parser';
import { DATASETS } from '../../lambdas/core/contracts';
import { SQL_DIR } from '../../lambdas/core/sql/sql-dir';
import { HEADLINE_SQL, SCORECARD_SQL } from '../../lambdas/core/query/headline';
import { lintViews } from '../../lambdas/core/sql/lint';
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
