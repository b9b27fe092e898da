import { OWNERSHIP, SOURCES, getSource } from '../../lambdas/core/feeds';
import { Ownership } from '../../lambdas/core/feeds/ownership';
import { Grants } from '../../lambdas/core/sharing/grants';
import grantsJson from '../../lambdas/core/sharing/grants.json';
import { servedDatasets } from '../../lambdas/core/sharing/served-datasets';
import { SQL_DIR } from '../../lambdas/core/sql/sql-dir';
import { loadViews } from '../../lambdas/core/sql/view-files';

describe('who owns which rows, derived from the source specs', () => {
  test("each carrier owns its own carrier's telecom rows; a dataset with one source is all that source's", () => {
    expect(OWNERSHIP.ownerOf('telecom_subscribers', { carrier: 'viettel', ward_code: '08707' })).toBe('viettel');
    expect(OWNERSHIP.ownerOf('telecom_bts', { carrier: 'vnpt' })).toBe('vnpt');
    expect(OWNERSHIP.ownerOf('telecom_subscribers', { carrier: 'someone-else' })).toBeUndefined();
    expect(OWNERSHIP.ownerOf('eid_accounts', { ward_code: '08707' })).toBe('police-eid');
    expect(OWNERSHIP.ownedBy('vnpt')).toEqual([
      { source: 'vnpt', dataset: 'telecom_bts', pins: { carrier: 'vnpt' } },
      { source: 'vnpt', dataset: 'telecom_subscribers', pins: { carrier: 'vnpt' } },
    ]);
    // FPT pins its mobile columns to 0 as well, but only what every carrier pins says whose a row is.
    expect(OWNERSHIP.ownedBy('fpt')).toEqual([
      { source: 'fpt', dataset: 'telecom_subscribers', pins: { carrier: 'fpt' } },
    ]);
  });

  test('the canonical loader owns nothing and may write every row; no native source may', () => {
    expect(OWNERSHIP.ownedBy('canonical')).toEqual([]);
    expect(SOURCES.filter((s) => OWNERSHIP.writesOthersRows(s.id)).map((s) => s.id)).toEqual(['canonical']);
  });

  test('two sources owning the same rows are refused as the specs load', () => {
    const police = getSource('police-eid');
    expect(() => new Ownership([police, { ...police, id: 'police-eid-copy' }])).toThrow(
      'sources police-eid and police-eid-copy both write eid_accounts rows (every row)',
    );
    const viettel = getSource('viettel');
    const impostor = {
      ...viettel,
      id: 'impostor',
      feeds: viettel.feeds.map((f) => ({ ...f, constants: { carrier: 'vnpt' } })),
    };
    expect(() => new Ownership([getSource('vnpt'), impostor])).toThrow(
      'sources vnpt and impostor both write telecom_bts rows {"carrier":"vnpt"}',
    );
  });
});

describe('the grants give a producer only its own source', () => {
  const served = servedDatasets(loadViews(SQL_DIR));
  // One agency only: the data center (an agency of the real file) is left out with the others.
  const { dataCenter: _dataCenter, ...rest } = grantsJson;
  const withFeeds = (feeds: string[]) => ({
    ...rest,
    agencies: [{ id: 'a-carrier', name: 'A carrier', feeds, datasets: [] }],
  });

  test('the canonical feed, which writes rows other sources own, is refused to any agency', () => {
    expect(() => Grants.parse(withFeeds(['canonical']), served)).toThrow(
      'a-carrier is granted the feed canonical, which writes rows other sources own; grant a producer its own source',
    );
  });

  test('an unknown feed is refused; its own is granted', () => {
    expect(() => Grants.parse(withFeeds(['vnpt-typo']), served)).toThrow('a-carrier is granted unknown feed vnpt-typo');
    expect(Grants.parse(withFeeds(['vnpt']), served).agency('a-carrier')?.feeds).toEqual(['vnpt']);
  });
});
