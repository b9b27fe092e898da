import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { getDataset } from '../../lambdas/core/contracts';
import { getSource } from '../../lambdas/core/feeds';
import { transformFeed } from '../../lambdas/core/ingest/transform-feed';
import { useTempDir } from '../support/temp-dir';

const dir = useTempDir();
const ORIGINAL = readFileSync(join(__dirname, '..', 'fixtures', 'office', 'viettel_thue_bao.csv'), 'utf8');

async function transform(text: string) {
  const spec = getSource('viettel');
  const feed = spec.feeds.find((f) => f.dataset === 'telecom_subscribers')!;
  return transformFeed(Readable.from([Buffer.from(text)]), {
    contract: getDataset('telecom_subscribers'),
    stagingDir: dir(),
    lineage: { ingestedAt: 0, manifestId: 'duplicates' },
    spec,
    feed,
    parquetEncoding: 'inline',
  });
}

describe('a natural key given twice in one file', () => {
  const lines = ORIGINAL.trimEnd().split('\r\n');

  test('the original has none: every row accepted', async () => {
    const result = await transform(ORIGINAL);
    expect({ accepted: result.rowsAccepted, rejected: result.rowsRejected }).toEqual({ accepted: 4, rejected: 0 });
  });

  test('a copied row, and a row of the same ward with other figures, are quarantined as duplicate_key; the first stays', async () => {
    const conflicting = lines[2]!.replace('21.628', '99.999');
    const text = `${[...lines, lines[1], conflicting].join('\r\n')}\r\n`;
    const result = await transform(text);
    expect({ in: result.rowsIn, accepted: result.rowsAccepted, rejected: result.rowsRejected }).toEqual({
      in: 6,
      accepted: 4,
      rejected: 2,
    });
    expect(result.reasons).toEqual({ duplicate_key: 2 });
    const quarantined = readFileSync(result.quarantine.path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(quarantined.map((q) => [q.line, q.issues[0].column, q.issues[0].value])).toEqual([
      [6, 'carrier+ward_code+period', 'viettel | 08707 | 2025-12'],
      [7, 'carrier+ward_code+period', 'viettel | 08716 | 2025-12'],
    ]);
  });
});
