import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrinoSQL } from 'dt-sql-parser';
import { DuckDbLake } from '../query/duckdb-lake';
import { loadViews } from './view-files';

export interface LintIssue {
  view: string;
  check: 'trino_syntax' | 'references';
  message: string;
}

/**
 * Checks the shared views the way both engines will see them: every view must parse as
 * Trino (dt-sql-parser's TrinoSQL, which rejects DuckDB-only syntax such as `::` or
 * `QUALIFY`), and every table and column it names must exist in the contracts or in a view
 * created before it. The second check binds each view on DuckDB over an empty lake, whose
 * tables have exactly the contracts' columns.
 */
export async function lintViews(sqlDir: string): Promise<LintIssue[]> {
  const issues: LintIssue[] = [];
  const trino = new TrinoSQL();
  for (const view of loadViews(sqlDir)) {
    for (const error of trino.validate(view.sql)) {
      issues.push({
        view: view.name,
        check: 'trino_syntax',
        message: `line ${error.startLine}:${error.startColumn}: ${error.message}`,
      });
    }
  }
  const emptyLake = mkdtempSync(join(tmpdir(), 'vpdc-lint-'));
  try {
    (await DuckDbLake.open(emptyLake, { sqlDir })).close();
  } catch (error) {
    const view = /^view (\w+)/.exec((error as Error).message)?.[1] ?? '?';
    issues.push({ view, check: 'references', message: (error as Error).message.split('\n')[0]! });
  } finally {
    rmSync(emptyLake, { recursive: true, force: true });
  }
  return issues;
}
