import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { getSource } from '../../lambdas/core/feeds';
import { chooseFeed } from '../../lambdas/core/ingest/choose-feed';
import { ingestRawObject } from '../../lambdas/core/ingest/ingest-raw-object';
import { FolderStore } from '../../lambdas/core/lake/folder-store';
import { useTempDir } from '../support/temp-dir';

// A file whose name names no dataset is the feed whose header it has. The workbooks are openpyxl's
// (test/fixtures/office): VNPT's BTS report and its subscribers report, both as bao_cao_thang_12.xlsx.
const OFFICE = join(__dirname, '..', 'fixtures', 'office');
const tempDir = useTempDir();
const viettel = getSource('viettel');
const open = (text: string) => () => Readable.from([Buffer.from(text)]);

test('the name decides when it says; else the one header that fits; the candidates when none or both fit', async () => {
  const bts = readFileSync(join(OFFICE, 'viettel_tram.csv'), 'utf8');
  const subscribers = readFileSync(join(OFFICE, 'viettel_thue_bao.csv'), 'utf8');
  // The name wins over the header (the file is not read).
  expect((await chooseFeed(viettel, 'thue_bao_12.csv', open(bts))).dataset).toBe('telecom_subscribers');
  expect((await chooseFeed(viettel, 'bao_cao.csv', open(bts))).dataset).toBe('telecom_bts');
  expect((await chooseFeed(viettel, 'bao_cao.csv', open(subscribers))).dataset).toBe('telecom_subscribers');

  await expect(chooseFeed(viettel, 'bao_cao.csv', open('Mã,Tên\n1,2\n'))).rejects.toMatchObject({
    code: 'unknown_dataset',
    message: expect.stringMatching(/names none of viettel's datasets.*header is that of none of them/),
  });
  // Both tables' columns in one header: either reading would be a guess.
  const [btsHeader, subscribersHeader] = [bts.split('\n')[0]!, subscribers.split('\n')[0]!];
  const both = `${btsHeader},${subscribersHeader.split(',').slice(2, -1).join(',')}\n`;
  await expect(chooseFeed(viettel, 'bao_cao.csv', open(both))).rejects.toMatchObject({
    code: 'unknown_dataset',
    message: expect.stringContaining('its header fits telecom_bts and telecom_subscribers alike'),
  });
  // A file no reader takes says so, whichever feed it would be.
  await expect(chooseFeed(viettel, 'bao_cao.pdf', open('%PDF-1.7\n'))).rejects.toMatchObject({
    code: 'unsupported_format',
  });
});

test('in the Lambda path, an object named bao_cao_thang_12.xlsx is ingested as the dataset its header is', async () => {
  const store = new FolderStore(join(tempDir(), 'lake'));
  for (const [day, folder, dataset] of [
    ['05', 'upload-a', 'telecom_bts'],
    ['06', 'upload-b', 'telecom_subscribers'],
  ]) {
    const rawKey = `raw/vnpt/2026/01/${day}/bao_cao_thang_12.xlsx`;
    await store.put(rawKey, readFileSync(join(OFFICE, folder!, 'bao_cao_thang_12.xlsx')));
    const { manifest } = await ingestRawObject({ store, rawKey, parquetEncoding: 'inline' });
    expect(manifest).toMatchObject({ status: 'succeeded', dataset, source: 'vnpt', rowsRejected: 0 });
  }
});

test('a workbook with each dataset on a sheet of its own fails naming both sheets, not as a header that fits both alike', async () => {
  const workbook = readFileSync(join(OFFICE, 'upload-c', 'bao_cao_thang_12.xlsx'));
  const store = new FolderStore(join(tempDir(), 'lake'));
  const rawKey = 'raw/vnpt/2026/01/07/bao_cao_thang_12.xlsx';
  await store.put(rawKey, workbook);
  const { manifest } = await ingestRawObject({ store, rawKey, parquetEncoding: 'inline' });
  expect(manifest).toMatchObject({ status: 'failed', error: { code: 'unknown_dataset' } });
  expect(manifest.error!.message).toContain(
    "the workbook holds telecom_bts on sheet 'BTS' and telecom_subscribers on sheet 'Thuê bao'",
  );
  expect(manifest.error!.message).toContain('send each sheet as a file of its own');
});
