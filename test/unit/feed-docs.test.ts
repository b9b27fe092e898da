import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATASETS } from '../../lambdas/core/contracts';
import { feedGuide } from '../../lambdas/core/docs/feed-guide';
import { SOURCES } from '../../lambdas/core/feeds';
import { contractCheckReasons, ROW_REASONS } from '../../lambdas/core/feeds/reason-codes';
import { resolveType } from '../../lambdas/core/contracts/column-types';

test('docs/feeds.md is what the source specs generate (npm run docs)', () => {
  expect(readFileSync(join(__dirname, '..', '..', 'docs', 'feeds.md'), 'utf8')).toBe(feedGuide());
});

test('the guide has a section per native source and every header spelling it accepts', () => {
  const guide = feedGuide();
  for (const spec of SOURCES.filter((s) => s.values === 'native')) {
    expect(guide).toContain(`### \`${spec.id}\`:`);
    for (const feed of spec.feeds)
      for (const spellings of Object.values(feed.columns))
        for (const spelling of spellings) expect(guide).toContain(`\`${spelling}\``);
  }
});

test('every reason a canonical parser or a contract check gives is documented', () => {
  const documented = new Set([...Object.keys(ROW_REASONS), ...Object.keys(contractCheckReasons())]);
  const given = new Set(
    DATASETS.flatMap((d) => [...d.columns.map((c) => resolveType(c.type).invalid), ...d.checks.map((c) => c.reason)]),
  );
  expect([...given].filter((reason) => !documented.has(reason))).toEqual([]);
});
