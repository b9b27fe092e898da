import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DATASETS } from '../../lambdas/core/contracts';
import { contractTypeOfDuckdb } from '../../lambdas/core/contracts/duckdb-view';
import { dataDictionary } from '../../lambdas/core/docs/data-dictionary';
import { PLAN_TARGETS } from '../../lambdas/core/plan/plan-targets';
import { MARTS } from '../../lambdas/core/marts';
import { DuckDbLake } from '../../lambdas/core/query/duckdb-lake';
import { SQL_DIR } from '../../lambdas/core/sql/sql-dir';

let root: string;
let lake: DuckDbLake;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'vpdc-mart-contracts-'));
  lake = await DuckDbLake.open(root);
});
afterAll(() => {
  lake.close();
  rmSync(root, { recursive: true, force: true });
});

test('every view of sql/marts has a column contract, and every contract a view', () => {
  const views = readdirSync(join(SQL_DIR, 'marts'))
    .map((f) => basename(f, '.sql'))
    .sort();
  expect(MARTS.map((m) => m.name).sort()).toEqual(views);
});

test.each(MARTS.map((m) => [m.name, m]))(
  '%s: the view has exactly the declared columns, in order, of the declared types',
  async (name, mart) => {
    const { rows } = await lake.query(`describe ${name}`);
    expect(rows.map((r) => ({ name: r.column_name, type: contractTypeOfDuckdb(String(r.column_type)) }))).toEqual(
      mart.columns.map((c) => ({ name: c.name, type: c.type })),
    );
  },
);

test('docs/datasets.md is what the contracts generate (npm run docs)', () => {
  expect(readFileSync(join(__dirname, '..', '..', 'docs', 'datasets.md'), 'utf8')).toBe(dataDictionary());
});

test('the data dictionary lists every dataset, mart and plan target', () => {
  const doc = dataDictionary();
  for (const name of [
    ...DATASETS.map((d) => d.name),
    ...MARTS.map((m) => m.name),
    ...PLAN_TARGETS.targets.map((t) => t.indicator),
  ])
    expect(doc).toContain(`\`${name}\``);
});
