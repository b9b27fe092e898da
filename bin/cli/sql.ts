import { resolve } from 'node:path';
import { SQL_DIR } from '../../lambdas/core/sql/sql-dir';
import { lintViews } from '../../lambdas/core/query/sql-lint';
import { loadViews } from '../../lambdas/core/sql/view-files';
import { UsageError, type Command } from './command';

export const sqlCommand: Command = {
  name: 'sql',
  summary: 'check the shared views: Trino syntax, tables and columns that exist (sql lint)',
  usage: `
Usage: vpdc sql lint [--sql-dir DIR] [--json]

Checks every view of sql/ (plan_targets, staging/, marts/) in creation order:
  - it parses as Trino SQL (what Athena runs; DuckDB-only syntax such as :: is refused);
  - every table and column it names exists in the dataset contracts or an earlier view
    (each view is bound on DuckDB, after sql/compat/duckdb.sql, over an empty lake).

Options:
  --sql-dir DIR    the folder with staging/, marts/ and compat/ (default: the repository's sql/)
  --json           one JSON object per issue: {"view","check","message"}

Exit status: 0 when every view passes, 1 when any fails, 2 on a usage error.
`,
  options: { 'sql-dir': { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }) {
    if (positionals[0] !== 'lint' || positionals.length !== 1)
      throw new UsageError('the only sql subcommand is lint: vpdc sql lint');
    const sqlDir = resolve((values['sql-dir'] as string | undefined) ?? SQL_DIR);
    const issues = await lintViews(sqlDir);
    if (values.json) {
      for (const issue of issues) console.log(JSON.stringify(issue));
    } else if (issues.length === 0) {
      console.log(`${loadViews(sqlDir).length} views: all parse as Trino and bind against the contracts`);
    } else {
      for (const issue of issues) console.log(`${issue.view}: ${issue.check}: ${issue.message}`);
    }
    return issues.length === 0 ? 0 : 1;
  },
};
