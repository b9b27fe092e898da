import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { getDataset } from '../../lambdas/core/contracts';
import { feedOfFile, getSource } from '../../lambdas/core/feeds';
import { ingestLocalFile } from '../../lambdas/core/ingest/ingest-local-file';
import { ingestRawObject, UNROUTED_SOURCE } from '../../lambdas/core/ingest/ingest-raw-object';
import { validateFile } from '../../lambdas/core/ingest/validate-file';
import { FolderStore } from '../../lambdas/core/lake/folder-store';
import { snapshot } from '../support/lake-snapshot';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const HEADER =
  'dossier_id,procedure_code,agency_code,ward_code,channel,service_level,received_at,due_at,completed_at,status,on_time,paid_online,applicant_type,applicant_id_hash,period';
const HASH = 'a'.repeat(64);
const good = (id: string, ward = '08707') =>
  `${id},1.001234,SKHCN,${ward},online,full_process,2025-12-01T08:00:00+07:00,2025-12-10T17:00:00+07:00,2025-12-05T09:30:00+07:00,completed,true,true,citizen,${HASH},2025-12`;

async function ingest(content: string | Buffer, name = 'feed.csv') {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  const store = new FolderStore(join(tempDir(), 'lake'));
  const result = await ingestLocalFile({
    store,
    path,
    contract: getDataset('admin_dossiers'),
    source: 'canonical',
    now: () => new Date('2026-01-05T03:00:00Z'),
  });
  return { store, result, lakeDir: join(tempDir(), 'lake') };
}

async function duckdb(sql: string) {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  return (await connection.runAndReadAll(sql)).getRowObjectsJson();
}

describe('ingesting a canonical CSV', () => {
  test('accepted rows land as Parquet per period, rejected rows in quarantine with line, column and reason', async () => {
    const rows = [
      HEADER,
      good('HS-1'),
      good('HS-2', '99999'),
      good('HS-3').replace('online,', 'fax,'),
      good('HS-4').replace(',2025-12-05T09:30:00+07:00,', ',2025-11-05T09:30:00+07:00,'),
      good('HS-5')
        .replace('2025-12-01', '2025-11-30')
        .replace(/2025-12$/, '2025-11'),
      good('HS-6').replace(',SKHCN,', ',,'),
    ];
    const { store, result, lakeDir } = await ingest(`${rows.join('\n')}\n`);
    const m = result.manifest;
    expect(m).toMatchObject({
      status: 'succeeded',
      rowsIn: 6,
      rowsAccepted: 2,
      rowsRejected: 4,
      periods: ['2025-11', '2025-12'],
    });
    expect(m.reasons).toEqual({ unknown_ward: 1, invalid_enum: 1, completed_before_received: 1, missing_value: 1 });
    expect(m.rowsIn).toBe(m.rowsAccepted + m.rowsRejected);

    const quarantine = m.outputs.find((o) => o.kind === 'quarantine')!;
    expect(quarantine.key).toBe(`quarantine/canonical/2026/01/05/${m.manifestId}.jsonl`);
    const rejected = new TextDecoder()
      .decode(await store.get(quarantine.key))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rejected.map((r) => [r.line, r.column, r.reason])).toEqual([
      [3, 'ward_code', 'unknown_ward'],
      [4, 'channel', 'invalid_enum'],
      [5, 'received_at+completed_at', 'completed_before_received'],
      [7, 'agency_code', 'missing_value'],
    ]);
    expect(rejected[0].record.dossier_id).toBe('HS-2');

    const parquet = await duckdb(
      `select dossier_id, period, source, strftime(received_at, '%Y-%m-%d %H:%M') as received_utc, on_time, manifest_id from read_parquet('${lakeDir}/curated/admin_dossiers/*/*/*.parquet', hive_partitioning = true) order by 1`,
    );
    expect(parquet).toEqual([
      {
        dossier_id: 'HS-1',
        period: '2025-12',
        source: 'canonical',
        received_utc: '2025-12-01 01:00',
        on_time: true,
        manifest_id: m.manifestId,
      },
      {
        dossier_id: 'HS-5',
        period: '2025-11',
        source: 'canonical',
        received_utc: '2025-11-30 01:00',
        on_time: true,
        manifest_id: m.manifestId,
      },
    ]);
    for (const output of m.outputs) expect((await store.list(output.key))[0]?.size).toBe(output.bytes);
  });

  test('ingesting the same bytes again changes not one byte of the lake', async () => {
    const content = [HEADER, good('HS-1'), good('HS-2', '00000')].join('\n');
    const first = await ingest(content);
    const before = snapshot(first.lakeDir);
    const again = await ingest(content, 'renamed.csv');
    expect(again.result.unchanged).toBe(true);
    expect(again.result.manifest.manifestId).toBe(first.result.manifest.manifestId);
    expect(snapshot(first.lakeDir)).toEqual(before);
  });

  test('a corrected re-upload under the same name keeps the first raw object', async () => {
    const first = await ingest([HEADER, good('HS-1')].join('\n'));
    const second = await ingest([HEADER, good('HS-1'), good('HS-2')].join('\n'));
    expect(second.result.manifest.rawKey).not.toBe(first.result.manifest.rawKey);
    expect(await first.store.exists(first.result.manifest.rawKey)).toBe(true);
  });
});

describe('a bad file fails whole: clear error, raw kept, failed manifest, no curated object', () => {
  const cases: [string, () => string | Buffer, string, RegExp][] = [
    ['an empty file', () => '', 'empty_file', /the file is empty/],
    [
      'binary garbage',
      () => Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4, 0]), randomBytes(4096)]),
      'unsupported_format',
      /zip archive holding no spreadsheet/,
    ],
    [
      'a wrong header',
      () => 'carrier,station_id,ward_code\nviettel,VT1,08707\n',
      'missing_columns',
      /missing required column\(s\) "dossier_id", "procedure_code"/,
    ],
    [
      'a missing column',
      () => [HEADER.replace(',channel', ''), good('HS-1').replace(',online', '')].join('\n'),
      'missing_columns',
      /line 1: missing required column\(s\) "channel" for canonical admin_dossiers/,
    ],
    [
      'unbalanced quotes',
      () => [HEADER, good('HS-1'), '"HS-2,1.001234', good('HS-3')].join('\n'),
      'unbalanced_quote',
      /line 3: a quoted field opens here and never closes/,
    ],
    [
      'a 50 MB field',
      () => [HEADER, good('HS-1').replace('HS-1', 'x'.repeat(50 * 1024 * 1024))].join('\n'),
      'record_too_large',
      /line 2: a record is longer than 1048576 characters/,
    ],
    [
      'invalid UTF-8',
      () =>
        Buffer.concat([
          Buffer.from(`${HEADER}\n`),
          Buffer.from(good('HS-1').replace('SKHCN', 'S')),
          Buffer.from([0xc3, 0x28]),
          Buffer.from('\n'),
        ]),
      'invalid_utf8',
      /invalid UTF-8/,
    ],
  ];

  test.each(cases)('%s', async (_name, content, code, message) => {
    const { store, result } = await ingest(content());
    const m = result.manifest;
    expect(m.status).toBe('failed');
    expect(m.error?.code).toBe(code);
    expect(m.error?.message).toMatch(message);
    expect(m).toMatchObject({ rowsIn: 0, rowsAccepted: 0, rowsRejected: 0, outputs: [] });
    expect(await store.exists(m.rawKey)).toBe(true);
    expect(await store.list('curated/')).toEqual([]);
    expect(await store.list('quarantine/')).toEqual([]);
    expect(await store.exists(result.manifestKey)).toBe(true);
  });
});

describe('a refused file is reported as what it was found to be, by validate and in its failed manifest', () => {
  const office = (file: string) => readFileSync(join(__dirname, '..', 'fixtures', 'office', file));
  const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
  // What the file is, as the manifest and the report name it: a short code (a workbook's format, `pdf`), one column of codes.
  const cases: [string, string, string, () => Buffer, RegExp][] = [
    ['a PDF sent to the canonical CSV source', 'canonical', 'admin_dossiers.pdf', () => PDF, /^pdf$/],
    [
      'an .xlsx (openpyxl) sent to the canonical CSV source',
      'canonical',
      'admin_dossiers.xlsx',
      () => office('vnpt_tram.xlsx'),
      /^xlsx$/,
    ],
    [
      'an .ods (LibreOffice) sent to an NDJSON source',
      'fpt',
      'thue_bao_12.ods',
      () => office('vnpt_tram_lo.ods'),
      /^ods$/,
    ],
  ];

  test.each(cases)('%s', async (_what, source, name, bytes, format) => {
    const path = join(tempDir(), name);
    writeFileSync(path, bytes());
    const spec = getSource(source);

    const report = await validateFile(path, spec);
    expect(report.error?.code).toBe('unsupported_format');
    expect(report).toMatchObject({ format: expect.stringMatching(format), declaredFormat: spec.format });

    const { result } = await ingestAs(path, source, feedOfFile(spec, name).dataset);
    expect(result.manifest).toMatchObject({
      status: 'failed',
      error: { code: 'unsupported_format' },
      format: expect.stringMatching(format),
    });
  });

  test('a PDF whose name routes to no feed: validate, and the unrouted manifest of the raw object, say pdf', async () => {
    const path = join(tempDir(), 'bao_cao_thang_12.pdf');
    writeFileSync(path, PDF);
    const report = await validateFile(path, getSource('vnpt'));
    expect(report).toMatchObject({ error: { code: 'unsupported_format' }, format: 'pdf' });

    const store = new FolderStore(join(tempDir(), 'lake'));
    const rawKey = 'raw/vnpt/2026/01/05/bao_cao_thang_12.pdf';
    await store.put(rawKey, PDF);
    const { manifest } = await ingestRawObject({ store, rawKey, now: () => new Date('2026-01-05T03:00:00Z') });
    expect(manifest).toMatchObject({
      source: UNROUTED_SOURCE,
      status: 'failed',
      error: { code: 'unsupported_format' },
      format: 'pdf',
    });
  });
});

async function ingestAs(path: string, source: string, dataset: string) {
  const store = new FolderStore(join(tempDir(), 'lake'));
  const result = await ingestLocalFile({
    store,
    path,
    contract: getDataset(dataset),
    source,
    now: () => new Date('2026-01-05T03:00:00Z'),
  });
  return { store, result };
}
