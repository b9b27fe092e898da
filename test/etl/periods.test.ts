import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { getDataset } from '../../lambdas/core/contracts';
import { getSource } from '../../lambdas/core/feeds';
import { transformFeed } from '../../lambdas/core/ingest/transform-feed';

const HEADER =
  'Mã phường/xã,Tên phường/xã,Số thuê bao di động trả trước,Số thuê bao di động trả sau,Số thuê bao băng rộng di động,Số thuê bao băng rộng cố định FTTH,Số thuê bao băng rộng cố định khác,Kỳ báo cáo';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vpdc-periods-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function viettel(periods: string[]) {
  const spec = getSource('viettel');
  const feed = spec.feeds.find((f) => f.dataset === 'telecom_subscribers')!;
  const lines = periods.map((p) => `08707,Phường Vĩnh Yên,22.403,2.489,16.650,3.594,189,${p}`);
  return transformFeed(Readable.from([Buffer.from(`${HEADER}\n${lines.join('\n')}\n`)]), {
    contract: getDataset('telecom_subscribers'),
    stagingDir: dir,
    lineage: { ingestedAt: 0, manifestId: 'periods' },
    spec,
    feed,
    parquetEncoding: 'inline',
  });
}

test('a month the source writes in any of its forms is accepted only within the years the lake partitions (1900–2199)', async () => {
  const result = await viettel(['01/2025', 'Tháng 2/2025', '12/2199', '01/2200', '13/2025']);
  expect(result.partitions.map((p) => p.period).sort()).toEqual(['2025-01', '2025-02', '2199-12']);
  expect(result).toMatchObject({ rowsIn: 5, rowsAccepted: 3, rowsRejected: 2, reasons: { invalid_period: 2 } });
});
