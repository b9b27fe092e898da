import { join } from 'node:path';
import { startServer } from '../../bin/cli/serve';
import { agencyToken } from '../../bin/cli/token';
import { DuckDbLake } from '../../lambdas/core/query/duckdb-lake';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir('vpdc-floods-');

/** `n` requests, 10 at a time, as a small flood does; their statuses and bodies in order. */
async function requests(n: number, url: string, headers: Record<string, string> = {}) {
  const answers: { status: number; detail?: string; retryAfter: string | null }[] = [];
  for (let i = 0; i < n; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, n - i) }, async () => {
        const response = await fetch(url, { headers });
        const body = (await response.json()) as { detail?: string };
        return { status: response.status, detail: body.detail, retryAfter: response.headers.get('retry-after') };
      }),
    );
    answers.push(...batch);
  }
  return answers;
}

test('over HTTP, a flood without tokens is refused by address past its burst, and audited as a few lines', async () => {
  const lakeDir = join(tempDir(), 'lake');
  const server = await startServer(lakeDir, '127.0.0.1', 0, { perSecond: 10_000, burst: 10_000 });
  try {
    // An agency's own requests from the same address never use up the address's budget.
    const token = await agencyToken(lakeDir, 'ioc');
    const granted = await requests(150, `${server.url}/v1/datasets`, { Authorization: `Bearer ${token}` });
    expect(granted.filter((a) => a.status === 200)).toHaveLength(150);

    const flood = await requests(150, `${server.url}/v1/datasets`, { Authorization: 'Bearer not.a.token' });
    const refused = flood.filter((a) => a.status === 401);
    const limited = flood.filter((a) => a.status === 429);
    // The address's burst is 100, refilled at 10/s while the flood lasts.
    expect(refused.length).toBeGreaterThanOrEqual(100);
    expect(refused.length).toBeLessThan(120);
    expect(refused.length + limited.length).toBe(150);
    expect(limited.every((a) => /this address/.test(a.detail ?? '') && Number(a.retryAfter) >= 1)).toBe(true);
  } finally {
    await server.stop();
  }
  const lake = await DuckDbLake.open(lakeDir);
  try {
    const { rows } = await lake.query(
      `select status, client, count(*) as lines, sum(repeats) as requests from audit_log where agency is null group by all order by status`,
    );
    const byStatus = rows.map((r) => ({
      status: Number(r.status),
      client: r.client,
      lines: Number(r.lines),
      requests: Number(r.requests),
    }));
    expect(byStatus.map((r) => r.status)).toEqual([401, 429]);
    expect(byStatus.every((r) => r.client === '127.0.0.1' && r.lines === 2)).toBe(true);
    expect(byStatus.reduce((sum, r) => sum + r.requests, 0)).toBe(150);
    const granted = await lake.query(`select count(*) as n from audit_log where agency = 'ioc' and repeats = 1`);
    expect(Number(granted.rows[0]!.n)).toBe(150);
  } finally {
    lake.close();
  }
});
