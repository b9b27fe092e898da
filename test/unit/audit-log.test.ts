import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FolderStore } from '../../lambdas/core/lake/folder-store';
import { ZonedStore } from '../../lambdas/core/lake/zoned-store';
import { DuckDbLake } from '../../lambdas/core/query/duckdb-lake';
import { type AuditEntry, AuditLog } from '../../lambdas/core/sharing/audit-log';
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
