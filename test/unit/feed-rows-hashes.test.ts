import { getDataset } from '../../lambdas/core/contracts';
import type { DatasetContract } from '../../lambdas/core/contracts/define-dataset';
import { getSource } from '../../lambdas/core/feeds';
import { FeedRows } from '../../lambdas/core/ingest/feed-rows';

/** The one-stop feed's header, each column by its first spelling. */
function oneStop() {
  const spec = getSource('one-stop');
  const feed = spec.feeds.find((f) => f.dataset === 'admin_dossiers')!;
  const header = [
    ...Object.values(feed.columns).map((spellings) => spellings[0]!),
    ...Object.values(feed.keyedHashes).map((spellings) => spellings[0]!),
    ...(feed.ward?.code ? [feed.ward.code[0]!] : []),
  ];
  return { spec, feed, header };
}

describe('keyed hashes are checked against their column once, not per row', () => {
  test('a contract whose hash column’s pattern our hash cannot meet fails at the header, naming the column', () => {
    const { spec, feed, header } = oneStop();
    const base = getDataset('admin_dossiers');
    const contract: DatasetContract = {
      ...base,
      columns: base.columns.map((c) => (c.name === 'applicant_id_hash' ? { ...c, pattern: '[0-9A-F]{64}' } : c)),
    };
    const rows = new FeedRows(spec, feed, contract, { piiKey: 'k' });
    expect(() => rows.header({ fields: header, line: 1 })).toThrow(
      'admin_dossiers.applicant_id_hash: a keyed hash breaks the column’s own check (invalid_format)',
    );
  });

  test('the real contract’s header is found (the check once does not refuse our own hash form)', () => {
    const { spec, feed, header } = oneStop();
    const rows = new FeedRows(spec, feed, getDataset('admin_dossiers'), { piiKey: 'k' });
    expect(rows.header({ fields: header, line: 1 })).toBe(true);
  });
});
