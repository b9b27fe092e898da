import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrinoSQL, TrinoSqlListener } from 'dt-sql-parser';
import type { FunctionCallContext } from 'dt-sql-parser/dist/lib/trino/TrinoSqlParser';
import { DuckDbLake } from './duckdb-lake';
import athenaFunctions from '../sql/athena-functions.json';
import { loadViews } from '../sql/view-files';

export interface LintIssue {
  view: string;
  check: 'trino_syntax' | 'athena_functions' | 'references';
  message: string;
}

/** The functions Athena engine v3 has (its documentation's list, kept as data with its source). */
const ATHENA_FUNCTIONS: ReadonlySet<string> = new Set(athenaFunctions.functions);

/** The name of every function a statement calls, lowercased, in order of appearance. */
function calledFunctions(trino: TrinoSQL, sql: string): string[] {
  const names: string[] = [];
  const listener = new (class extends TrinoSqlListener {
    override enterFunctionCall = (ctx: FunctionCallContext) => {
      names.push(ctx.functionName().getText().toLowerCase());
    };
  })();
  trino.listen(listener, trino.parse(sql));
  return names;
}

/**
 * What Athena would refuse in a statement that DuckDB may well run: syntax that is not Trino's
 * (`::`, `QUALIFY`), then functions Athena engine v3 lacks. `vpdc query` warns with it.
 */
export function athenaProblems(sql: string, trino = new TrinoSQL()): Omit<LintIssue, 'view'>[] {
  const syntax = trino.validate(sql);
  if (syntax.length > 0)
    return syntax.map((error) => ({
      check: 'trino_syntax',
      message: `line ${error.startLine}:${error.startColumn}: ${error.message}`,
    }));
  return [...new Set(calledFunctions(trino, sql))]
    .filter((name) => !ATHENA_FUNCTIONS.has(name))
    .map((name) => ({
      check: 'athena_functions',
      message: `${name}() is not a function of Athena engine v3 (lambdas/core/sql/athena-functions.json, from its documentation)`,
    }));
}

/**
 * Checks the shared views the way both engines will see them: every view must parse as
 * Trino (dt-sql-parser's TrinoSQL, which rejects DuckDB-only syntax such as `::` or
 * `QUALIFY`), call only functions Athena engine v3 has (DuckDB's `strftime` or `list_value`
 * bind locally and fail in Athena), and every table and column it names must exist in the
 * contracts or in a view created before it. The last check binds each view on DuckDB over an
 * empty lake, whose tables have exactly the contracts' columns; a Trino function DuckDB lacks
 * fails there too, until sql/compat/duckdb.sql gives it a macro.
 */
export async function lintViews(sqlDir: string): Promise<LintIssue[]> {
  const issues: LintIssue[] = [];
  const trino = new TrinoSQL();
  for (const view of loadViews(sqlDir))
    issues.push(...athenaProblems(view.sql, trino).map((problem) => ({ view: view.name, ...problem })));
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
