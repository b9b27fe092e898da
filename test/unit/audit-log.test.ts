import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FolderStore } from '../../lambdas/core/lake/folder-store';
import { ZonedStore } from '../../lambdas/core/lake/zoned-store';
import { DuckDbLake } from '../../lambdas/core/query/duckdb-lake';
import type { AuditEntry } from '../../lambdas/core/lake/audit-log-table';
import { AuditLog } from '../../lambdas/core/sharing/audit-log';
import { AuditSegments } from '../../lambdas/core/sharing/audit-segments';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir('vpdc-audit-');

function entry(i: number, at = '2026-11-27T08:15:00.000Z'): AuditEntry {
  return {
    at,
    requestId: `req-${i}`,
    agency: 'ioc',
    method: 'GET',
    route: '/v1/datasets/{dataset}/rows',
    dataset: 'kpi_scorecard',
    query: { limit: '10' },
    status: 200,
    rows: 10,
    bytes: 1234,
    problem: null,
    receipt: { datasetVersion: 'v1', sha256: 'ab'.repeat(32) },
    durationMs: 3,
    client: null,
    repeats: 1,
  };
}

/** Every audit file under the lake, as keys. */
function auditFiles(lakeDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else found.push(relative(lakeDir, join(dir, e.name)).split('\\').join('/'));
    }
  };
  walk(join(lakeDir, 'audit'));
  return found.sort();
}

async function auditLogRequestIds(lakeDir: string): Promise<string[]> {
  const lake = await DuckDbLake.open(lakeDir);
  try {
    const { rows } = await lake.query('select "requestId" from audit_log order by "requestId"');
    return rows.map((r) => String(r.requestId));
  } finally {
    lake.close();
  }
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `req-${i}`).sort();

describe('in a lake folder, entries go into segments', () => {
  test('600 concurrent appends are 600 rows of the audit_log view, in one segment for the hour', async () => {
    const lakeDir = join(tempDir(), 'lake');
    const audit = new AuditLog(new FolderStore(lakeDir), { writerId: 'w1' });
    await Promise.all(Array.from({ length: 600 }, (_, i) => audit.append(entry(i))));
    expect(auditFiles(lakeDir)).toEqual(['audit/2026/11/27/20261127T08-w1-0.json']);
    expect(await auditLogRequestIds(lakeDir)).toEqual(ids(600));
  });

  test('an entry is in its file as soon as its append resolves', async () => {
    const lakeDir = join(tempDir(), 'lake');
    const audit = new AuditLog(new FolderStore(lakeDir), { writerId: 'w1' });
    const file = join(lakeDir, 'audit/2026/11/27/20261127T08-w1-0.json');
    for (let i = 0; i < 5; i++) {
      // Others in flight at the same time must not delay or drop this one.
      const others = [audit.append(entry(100 + i)), audit.append(entry(200 + i))];
      await audit.append(entry(i));
      expect(readFileSync(file, 'utf8')).toContain(`"requestId":"req-${i}"`);
      await Promise.all(others);
    }
  });

  test('segments follow the hour of the entry and roll over past maxSegmentBytes', async () => {
    const lakeDir = join(tempDir(), 'lake');
    const line = Buffer.byteLength(`${JSON.stringify(entry(10))}\n`);
    const audit = new AuditLog(new FolderStore(lakeDir), { writerId: 'w1', maxSegmentBytes: 3 * line });
    for (let i = 10; i < 17; i++) await audit.append(entry(i));
    await audit.append(entry(17, '2026-11-28T00:00:01.000Z'));
    expect(auditFiles(lakeDir)).toEqual([
      'audit/2026/11/27/20261127T08-w1-0.json',
      'audit/2026/11/27/20261127T08-w1-1.json',
      'audit/2026/11/27/20261127T08-w1-2.json',
      'audit/2026/11/28/20261128T00-w1-0.json',
    ]);
    const sizes = auditFiles(lakeDir).map((key) => readFileSync(join(lakeDir, key), 'utf8').split('\n').length - 1);
    expect(sizes).toEqual([3, 3, 1, 1]);
  });

  test('two writers (two processes, each with its AuditLog) never share a segment, and the view reads both', async () => {
    const lakeDir = join(tempDir(), 'lake');
    const first = new AuditLog(new FolderStore(lakeDir));
    const second = new AuditLog(new FolderStore(lakeDir));
    await Promise.all([first.append(entry(0)), second.append(entry(1))]);
    expect(auditFiles(lakeDir)).toHaveLength(2);
    expect(await auditLogRequestIds(lakeDir)).toEqual(['req-0', 'req-1']);
  });

  test('a segment torn by a crash in mid-write (half a last line) leaves the view readable', async () => {
    const lakeDir = join(tempDir(), 'lake');
    const audit = new AuditLog(new FolderStore(lakeDir), { writerId: 'w1' });
    await Promise.all([audit.append(entry(0)), audit.append(entry(1))]);
    appendFileSync(join(lakeDir, 'audit/2026/11/27/20261127T08-w1-0.json'), '{"at":"2026-11-27T08:16:00Z","requ');
    expect(await auditLogRequestIds(lakeDir)).toEqual(['req-0', 'req-1']);
  });

  test('flush waits for appends still in flight', async () => {
    const lakeDir = join(tempDir(), 'lake');
    const audit = new AuditLog(new FolderStore(lakeDir), { writerId: 'w1' });
    const appends = Array.from({ length: 50 }, (_, i) => audit.append(entry(i)));
    await audit.flush();
    const lines = readFileSync(join(lakeDir, 'audit/2026/11/27/20261127T08-w1-0.json'), 'utf8').split('\n');
    expect(lines.filter((l) => l !== '')).toHaveLength(50);
    await Promise.all(appends);
  });
});

test('through a store that cannot append (the AWS lake: buckets behind a ZonedStore), one object per entry, as before', async () => {
  const lakeDir = join(tempDir(), 'lake');
  const audit = new AuditLog(new ZonedStore({ audit: new FolderStore(lakeDir) }));
  await Promise.all([audit.append(entry(0)), audit.append(entry(1))]);
  expect(auditFiles(lakeDir)).toEqual([
    'audit/2026/11/27/2026-11-27T081500000Z-req-0.json',
    'audit/2026/11/27/2026-11-27T081500000Z-req-1.json',
  ]);
  expect(await auditLogRequestIds(lakeDir)).toEqual(['req-0', 'req-1']);
});

test('a failed append rejects the entries it held, and later ones are still written', async () => {
  const written: string[] = [];
  let failNext = true;
  const segments = new AuditSegments(async (_key, body) => {
    if (failNext) {
      failNext = false;
      throw new Error('disk full');
    }
    written.push(body);
  });
  await expect(segments.write('2026-11-27T08:00:00Z', 'a\n')).rejects.toThrow('disk full');
  await segments.write('2026-11-27T08:00:00Z', 'b\n');
  expect(written).toEqual(['b\n']);
});

test('concurrent lines go out in a few group commits, not one append each', async () => {
  const appends: string[] = [];
  const segments = new AuditSegments(async (_key, body) => {
    await new Promise((r) => setTimeout(r, 5));
    appends.push(body);
  });
  await Promise.all(Array.from({ length: 100 }, (_, i) => segments.write('2026-11-27T08:00:00Z', `${i}\n`)));
  expect(appends.length).toBeLessThanOrEqual(2);
  expect(appends.join('').split('\n').filter(Boolean)).toEqual(Array.from({ length: 100 }, (_, i) => String(i)));
});

describe('refusals before any agency is identified are tallied', () => {
  function refusal(i: number, client = '203.0.113.7', status = 401): AuditEntry {
    return { ...entry(i), agency: null, status, problem: 'unauthorized', client, rows: null, receipt: null };
  }
  async function auditLogRows(lakeDir: string) {
    const lake = await DuckDbLake.open(lakeDir);
    try {
      const { rows } = await lake.query(
        'select "requestId", client, status, repeats from audit_log order by client, status, "requestId"',
      );
      return rows.map((r) => ({
        requestId: r.requestId,
        client: r.client,
        status: Number(r.status),
        repeats: Number(r.repeats),
      }));
    } finally {
      lake.close();
    }
  }

  test('150 alike are two lines (the first at once, then the count), and repeats sum to 150', async () => {
    const lakeDir = join(tempDir(), 'lake');
    const audit = new AuditLog(new FolderStore(lakeDir), { writerId: 'w1' });
    await audit.append(refusal(0));
    expect(await auditLogRows(lakeDir)).toEqual([
      { requestId: 'req-0', client: '203.0.113.7', status: 401, repeats: 1 },
    ]);
    for (let i = 1; i < 150; i++) await audit.append(refusal(i));
    await audit.append(entry(1000));
    await audit.flush();
    expect(await auditLogRows(lakeDir)).toEqual([
      { requestId: 'req-0', client: '203.0.113.7', status: 401, repeats: 1 },
      { requestId: 'req-149', client: '203.0.113.7', status: 401, repeats: 149 },
      // An agency's own request is never tallied.
      { requestId: 'req-1000', client: null, status: 200, repeats: 1 },
    ]);
  });

  test('each client and status is its own tally; a window that ended is written by the next refusal', async () => {
    const lakeDir = join(tempDir(), 'lake');
    let now = 0;
    const audit = new AuditLog(new FolderStore(lakeDir), {
      writerId: 'w1',
      refusals: { windowMs: 60_000, now: () => now },
    });
    for (const i of [1, 2, 3]) await audit.append(refusal(i, '203.0.113.7'));
    for (const i of [4, 5]) await audit.append(refusal(i, '198.51.100.2'));
    await audit.append(refusal(6, '198.51.100.2', 429));
    now = 60_000;
    await audit.append(refusal(7, '203.0.113.7'));
    // Written without a flush: the windows of the first minute ended.
    const lines = () =>
      auditFiles(lakeDir).flatMap((key) => readFileSync(join(lakeDir, key), 'utf8').split('\n').filter(Boolean));
    await new Promise((r) => setTimeout(r, 50));
    expect(
      lines()
        .map((l) => JSON.parse(l).requestId)
        .sort(),
    ).toEqual(['req-1', 'req-3', 'req-4', 'req-5', 'req-6', 'req-7']);
    await audit.flush();
    expect(await auditLogRows(lakeDir)).toEqual([
      { requestId: 'req-4', client: '198.51.100.2', status: 401, repeats: 1 },
      { requestId: 'req-5', client: '198.51.100.2', status: 401, repeats: 1 },
      { requestId: 'req-6', client: '198.51.100.2', status: 429, repeats: 1 },
      { requestId: 'req-1', client: '203.0.113.7', status: 401, repeats: 1 },
      { requestId: 'req-3', client: '203.0.113.7', status: 401, repeats: 2 },
      { requestId: 'req-7', client: '203.0.113.7', status: 401, repeats: 1 },
    ]);
  });

  test('past maxOpen kinds, the oldest tally is written early: memory stays bounded under a spread flood', async () => {
    const lakeDir = join(tempDir(), 'lake');
    const audit = new AuditLog(new FolderStore(lakeDir), { writerId: 'w1', refusals: { maxOpen: 2 } });
    for (const i of [1, 2]) await audit.append(refusal(i, 'a'));
    await audit.append(refusal(3, 'b'));
    await audit.append(refusal(4, 'c'));
    await audit.flush();
    const rows = await auditLogRows(lakeDir);
    expect(rows.map((r) => `${r.client}:${r.repeats}`)).toEqual(['a:1', 'a:1', 'b:1', 'c:1']);
  });
});
