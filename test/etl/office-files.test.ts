import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DuckDBInstance } from '@duckdb/node-api';
import { unzipSync } from 'fflate';
import { getDataset } from '../../lambdas/core/contracts';
import { feedOfFile, getSource } from '../../lambdas/core/feeds';
import { transformFeed } from '../../lambdas/core/ingest/transform-feed';
import { useTempDir } from '../support/temp-dir';

// Files as office programs save them, read as the ETL reads them and checked in the Parquet it
// stages, with DuckDB. The workbooks are openpyxl's (test/fixtures/office/make-office-fixtures.py);
// the citizen-ID case is written here as Excel leaves such a column (no Excel on this machine).
const OFFICE = join(__dirname, '..', 'fixtures', 'office');
const dir = useTempDir();

async function stagedBts(file: string): Promise<Record<string, unknown>[]> {
  const spec = getSource('vnpt');
  const transformed = await transformFeed(Readable.from([readFileSync(join(OFFICE, file))]), {
    contract: getDataset('telecom_bts'),
    stagingDir: dir(),
    lineage: { ingestedAt: 0, manifestId: 'office' },
    spec,
    feed: feedOfFile(spec, file),
    parquetEncoding: 'inline',
  });
  expect({ rejected: transformed.rowsRejected, reasons: transformed.reasons }).toEqual({ rejected: 0, reasons: {} });
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  const files = transformed.partitions.map((p) => `'${p.path}'`).join(', ');
  const rows = await connection.runAndReadAll(
    `select station_id, strftime(on_air_date, '%Y-%m-%d') as on_air_date from read_parquet([${files}]) order by station_id`,
  );
  connection.closeSync();
  return rows.getRowObjectsJson();
}

test('a workbook in the 1904 date system (openpyxl) gives the dates written, as its 1900 twin does', async () => {
  const workbook = unzipSync(readFileSync(join(OFFICE, 'vnpt_tram_date1904.xlsx')))['xl/workbook.xml']!;
  expect(Buffer.from(workbook).toString()).toContain('date1904="1"');
  const written = [
    { station_id: 'VNP-0001', on_air_date: '2021-03-15' },
    { station_id: 'VNP-0002', on_air_date: '2004-01-01' },
    { station_id: 'VNP-0003', on_air_date: '2025-02-28' },
  ];
  expect(await stagedBts('vnpt_tram_date1904.xlsx')).toEqual(written);
  expect(await stagedBts('vnpt_tram_date1900.xlsx')).toEqual(written);
});

test('a citizen ID that Excel turned into a number (11 digits, its leading 0 lost) is hashed as the same person', async () => {
  const spec = getSource('one-stop');
  const header =
    'Mã xã,Tên xã,Số hồ sơ,Mã thủ tục,Mã cơ quan,Kênh nộp,Mức độ dịch vụ công,Ngày tiếp nhận,Hạn trả kết quả,Ngày trả kết quả,Trạng thái,Đúng hạn,Thanh toán trực tuyến,Đối tượng nộp,Số CCCD/MST người nộp';
  const row = (id: string, applicant: string) =>
    `08872,Xã Tam Dương Bắc,${id},1.002015,STNMT,Trực tuyến,Một phần,2025-03-03T08:00:00+07:00,2025-03-18T08:00:00+07:00,,Mới tiếp nhận,,Không,Công dân,${applicant}`;
  const csv = [
    header,
    row('HS-1', '026190012345'),
    row('HS-2', '26190012345'), // as Excel saves it
    row('HS-3', '0101234567'), // a tax code (10 digits) that kept its 0 was never a number: left as it is
  ];
  const transform = (lines: string[]) =>
    transformFeed(Readable.from([Buffer.from(`${lines.join('\n')}\n`)]), {
      contract: getDataset('admin_dossiers'),
      stagingDir: dir(),
      lineage: { ingestedAt: 0, manifestId: 'office' },
      spec,
      feed: feedOfFile(spec, 'ho_so.csv', 'admin_dossiers'),
      piiKey: 'office-key',
      parquetEncoding: 'inline',
    });
  // In a file that shows the damage, 101234567 may be a tax code that lost its 0 or an old 9-digit ID: not told, so the file fails.
  await expect(transform([...csv, row('HS-4', '101234567')])).rejects.toMatchObject({
    code: 'resaved_by_spreadsheet',
    message: expect.stringMatching(/26190012345 \(line 3\).*101234567 \(line 5\).*original export/),
  });
  const transformed = await transform(csv);
  expect(transformed.rowsAccepted).toBe(3);
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  const files = transformed.partitions.map((p) => `'${p.path}'`).join(', ');
  const rows = (
    await connection.runAndReadAll(
      `select dossier_id, applicant_id_hash from read_parquet([${files}]) order by dossier_id`,
    )
  ).getRowObjectsJson();
  connection.closeSync();
  const hash = (clear: string) => createHmac('sha256', 'office-key').update(clear).digest('hex');
  expect(rows).toEqual([
    { dossier_id: 'HS-1', applicant_id_hash: hash('026190012345') },
    { dossier_id: 'HS-2', applicant_id_hash: hash('026190012345') },
    { dossier_id: 'HS-3', applicant_id_hash: hash('0101234567') },
  ]);
});
