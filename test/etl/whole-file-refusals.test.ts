import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { getDataset } from '../../lambdas/core/contracts';
import { getSource } from '../../lambdas/core/feeds';
import { FeedError } from '../../lambdas/core/feeds/feed-error';
import { ingestLocalFile } from '../../lambdas/core/ingest/ingest-local-file';
import { transformFeed } from '../../lambdas/core/ingest/transform-feed';
import { validateFile } from '../../lambdas/core/ingest/validate-file';
import { FolderStore } from '../../lambdas/core/lake/folder-store';
import { useTempDir } from '../support/temp-dir';

const dir = useTempDir();
const office = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'office', name), 'utf8');

async function transform(source: string, dataset: string, text: string) {
  const spec = getSource(source);
  return transformFeed(Readable.from([Buffer.from(text)]), {
    contract: getDataset(dataset),
    stagingDir: dir(),
    lineage: { ingestedAt: 0, manifestId: 'refusals' },
    spec,
    feed: spec.feeds.find((f) => f.dataset === dataset)!,
    parquetEncoding: 'inline',
  });
}

/** The FeedError a transform fails with (the test fails if it does not). */
async function refusal(source: string, dataset: string, text: string): Promise<FeedError> {
  const error = await transform(source, dataset, text).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FeedError);
  return error as FeedError;
}

describe('a file none of whose rows is accepted', () => {
  // Viettel's subscriber report with every ward code one that does not exist.
  const unknownWards = office('viettel_thue_bao.csv').replace(/^\d{5},/gm, '99999,');

  test('fails whole, counting the reasons and naming the first rejected cell and its line', async () => {
    const error = await refusal('viettel', 'telecom_subscribers', unknownWards);
    expect(error.code).toBe('no_rows_accepted');
    expect(error.line).toBe(2);
    expect(error.message).toContain('all 4 were rejected (unknown_ward 4)');
    expect(error.message).toContain('"Mã phường/xã" (ward_code), is unknown_ward ("99999")');
  });

  test('one row accepted is a file that succeeds, its other rows quarantined', async () => {
    const lines = unknownWards.split('\r\n');
    lines[1] = lines[1]!.replace('99999,', '08707,');
    const result = await transform('viettel', 'telecom_subscribers', lines.join('\r\n'));
    expect({ accepted: result.rowsAccepted, rejected: result.rowsRejected }).toEqual({ accepted: 1, rejected: 3 });
  });

  test('through the ingest: a failed manifest, the raw object kept, nothing curated or quarantined', async () => {
    const lake = dir();
    const path = join(dir(), 'viettel_thue_bao_12_2025.csv');
    writeFileSync(path, unknownWards);
    const store = new FolderStore(lake);
    const { manifest } = await ingestLocalFile({
      store,
      path,
      contract: getDataset('telecom_subscribers'),
      source: 'viettel',
    });
    expect(manifest).toMatchObject({ status: 'failed', error: { code: 'no_rows_accepted', line: 2 }, outputs: [] });
    expect(readFileSync(join(lake, manifest.rawKey), 'utf8')).toBe(unknownWards);
    expect(await store.list('curated/')).toEqual([]);
    expect(await store.list('quarantine/')).toEqual([]);
  });

  test('vpdc validate says the file fails and still lists every rejected row', async () => {
    const path = join(dir(), 'viettel_thue_bao_12_2025.csv');
    writeFileSync(path, unknownWards);
    const report = await validateFile(path, getSource('viettel'));
    expect(report.error).toMatchObject({ code: 'no_rows_accepted', line: 2 });
    expect(report.problems.map((p) => [p.line, p.reason])).toEqual([
      [2, 'unknown_ward'],
      [3, 'unknown_ward'],
      [4, 'unknown_ward'],
      [5, 'unknown_ward'],
    ]);
    expect(report.ok).toBe(false);
  });
});

describe('numbers in the other locale’s style than the source’s', () => {
  const vnpt = office('vnpt_tram_vi.csv');
  /** VNPT's stations as VNPT writes them (English decimals), from LibreOffice's vi-VN re-save. */
  const english = vnpt.replace(/"(\d+),(\d+)"/g, '"$1.$2"');

  test('the English original is accepted whole', async () => {
    const result = await transform('vnpt', 'telecom_bts', english);
    expect({ accepted: result.rowsAccepted, rejected: result.rowsRejected }).toEqual({ accepted: 5, rejected: 0 });
  });

  test('one decimal comma among English numbers fails the file, not just its row', async () => {
    const lines = english.split('\n');
    const at = lines.findIndex((line) => line.includes('"21.2312"'));
    lines[at] = lines[at]!.replace('"21.2312"', '"21,2312"');
    const error = await refusal('vnpt', 'telecom_bts', lines.join('\n'));
    expect(error.code).toBe('number_locale');
    expect(error.line).toBe(at + 1);
    expect(error.message).toContain('"Toạ độ Vĩ độ" is 21,2312, a number with a decimal comma');
  });

  test('a value wrong in both styles stays one row’s invalid_number', async () => {
    const result = await transform('vnpt', 'telecom_bts', english.replace('"21.2312"', '"21,23,12"'));
    expect({ accepted: result.rowsAccepted, rejected: result.rowsRejected }).toEqual({ accepted: 4, rejected: 1 });
    expect(result.reasons).toEqual({ invalid_number: 1 });
  });

  test('a decimal point in a source of Vietnamese numbers fails the file too', async () => {
    const viettel = office('viettel_tram.csv').replace('"21,432372"', '21.432372');
    const error = await refusal('viettel', 'telecom_bts', viettel);
    expect(error.code).toBe('number_locale');
    expect(error.message).toContain(
      'is 21.432372, a number with a decimal point, but this source writes numbers in Vietnamese style',
    );
  });

  test('a Vietnamese count re-read as an English decimal keeps its own message', async () => {
    const error = await refusal(
      'viettel',
      'telecom_subscribers',
      office('viettel_thue_bao.csv').replace(',16.650,', ',16.65,'),
    );
    expect(error.code).toBe('resaved_by_spreadsheet');
  });
});
