import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DuckDBInstance } from '@duckdb/node-api';
import { unzipSync } from 'fflate';
import { getDataset } from '../../lambdas/core/contracts';
import { feedOfFile, getSource } from '../../lambdas/core/feeds';
import { transformFeed } from '../../lambdas/core/ingest/transform-feed';
import { useTempDir } from '../support/temp-dir';

// Files saved by real office programs (test/fixtures/office/make-office-fixtures.py: openpyxl),
// read as the ETL reads them and checked in the Parquet it stages, with DuckDB.
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
