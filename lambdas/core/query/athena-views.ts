import { GetQueryExecutionCommand, StartQueryExecutionCommand, type AthenaClient } from '@aws-sdk/client-athena';

export interface AthenaTarget {
  workGroup: string;
  database: string;
}

export class AthenaQueryError extends Error {
  override name = 'AthenaQueryError';
}

export interface RunOptions {
  /** First wait between polls; doubles up to `maxPollMs`. @default 250 */
  pollMs?: number;
  /** @default 5000 */
  maxPollMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** A finished statement: its id, and the bytes Athena scanned (what it bills). */
export interface FinishedStatement {
  id: string;
  scannedBytes: number;
}

/** Runs one statement and waits for it; a failed or cancelled query throws with Athena's reason. */
export async function runStatement(
  client: AthenaClient,
  target: AthenaTarget,
  sql: string,
  options: RunOptions = {},
  executionParameters?: string[],
): Promise<FinishedStatement> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const started = await client.send(
    new StartQueryExecutionCommand({
      QueryString: sql,
      WorkGroup: target.workGroup,
      QueryExecutionContext: { Database: target.database },
      ...(executionParameters?.length ? { ExecutionParameters: executionParameters } : {}),
    }),
  );
  const id = started.QueryExecutionId;
  if (!id) throw new AthenaQueryError('Athena returned no query execution id');
  for (let wait = options.pollMs ?? 250; ; wait = Math.min(wait * 2, options.maxPollMs ?? 5000)) {
    const { QueryExecution } = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
    const state = QueryExecution?.Status?.State;
    if (state === 'SUCCEEDED') return { id, scannedBytes: QueryExecution?.Statistics?.DataScannedInBytes ?? 0 };
    if (state === 'FAILED' || state === 'CANCELLED') {
      throw new AthenaQueryError(
        `${state.toLowerCase()}: ${QueryExecution?.Status?.StateChangeReason ?? 'no reason given'} (query ${id})`,
      );
    }
    await sleep(wait);
  }
}

/**
 * Creates or replaces each view, in the order given (see loadViews); stops at the first
 * failure, naming the view and Athena's error, so a deployment fails loudly.
 */
export async function applyViews(
  client: AthenaClient,
  target: AthenaTarget,
  views: readonly { name: string; sql: string }[],
  options: RunOptions = {},
): Promise<string[]> {
  const applied: string[] = [];
  for (const view of views) {
    try {
      await runStatement(client, target, `CREATE OR REPLACE VIEW ${view.name} AS\n${view.sql}`, options);
    } catch (error) {
      throw new AthenaQueryError(`view ${view.name} failed: ${(error as Error).message}`, { cause: error });
    }
    applied.push(view.name);
  }
  return applied;
}

/**
 * The views an update removes: in the old set, not in the new. Newest first, so a view goes
 * before the views it read.
 */
export function removedViews(old: readonly { name: string }[], current: readonly { name: string }[]): string[] {
  const kept = new Set(current.map((v) => v.name));
  return old
    .map((v) => v.name)
    .filter((name) => !kept.has(name))
    .reverse();
}

/** Drops each view (IF EXISTS: one dropped by hand is not an error); stops at the first failure, naming it. */
export async function dropViews(
  client: AthenaClient,
  target: AthenaTarget,
  names: readonly string[],
  options: RunOptions = {},
): Promise<string[]> {
  for (const name of names) {
    try {
      await runStatement(client, target, `DROP VIEW IF EXISTS ${name}`, options);
    } catch (error) {
      throw new AthenaQueryError(`dropping view ${name} failed: ${(error as Error).message}`, { cause: error });
    }
  }
  return [...names];
}
