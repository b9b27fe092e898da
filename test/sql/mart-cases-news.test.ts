import { DuckDbLake } from '../../lambdas/core/query/duckdb-lake';

// news_monitoring_by_topic tested the way dbt unit-tests a model (as in mart-cases.test.ts): the
// staging view it reads replaced by literal rows, the expected rows worked out by hand below.
// Nothing here re-computes a rule.

type Literal = string | number | boolean | null;
const literal = (v: Literal) => (v === null ? 'null' : typeof v === 'string' ? `'${v}'` : `${v}`);
const values = (rows: Literal[][]) => rows.map((row) => `(${row.map(literal).join(', ')})`).join(',\n');

let lake: DuckDbLake;
beforeAll(async () => {
  lake = await DuckDbLake.open('/nonexistent-lake');
});
afterAll(() => lake.close());

describe('news_monitoring_by_topic', () => {
  type Report = [
    period: string,
    topic: string,
    channel: string,
    mentions: number,
    negative: number,
    falseItems: number,
    reported: number,
    answered: number,
  ];
  const REPORTS: Report[] = [
    ['2025-11', 'land_and_construction', 'online_newspaper', 200, 10, 0, 1, 6],
    ['2025-11', 'land_and_construction', 'social_network', 500, 90, 12, 50, 20],
    ['2025-11', 'land_and_construction', 'video', 100, 20, 4, 8, 2],
    ['2025-11', 'health', 'online_newspaper', 40, 0, 0, 0, 0],
    ['2025-12', 'land_and_construction', 'social_network', 300, 30, 3, 0, 0],
    ['2025-12', 'health', 'forum', 0, 0, 0, 0, 0], // reported, with nothing collected
  ];

  beforeAll(async () => {
    const counts = ['mentions', 'mentions_negative', 'mentions_false', 'negative_reported', 'negative_answered'];
    await lake.query(
      `create or replace view stg_news_monitoring as select period, topic, channel, ${counts.map((c) => `cast(${c} as bigint) as ${c}`).join(', ')} from (values ${values(REPORTS)}) as t (period, topic, channel, ${counts.join(', ')})`,
    );
  });

  test('sums the channels per topic and month, with the negative share and the share of negative items handled, by hand', async () => {
    const { rows } = await lake.query('select * from news_monitoring_by_topic order by period, topic');
    expect(rows).toEqual([
      {
        period: '2025-11',
        topic: 'health',
        mentions: 40,
        mentions_negative: 0,
        negative_pct: 0, // items, none negative
        negative_social_media: 0,
        mentions_false: 0,
        negative_reported: 0,
        negative_answered: 0,
        negative_handled: 0,
        handled_pct: null, // nothing negative to handle: no share, not 0%
      },
      {
        period: '2025-11',
        topic: 'land_and_construction',
        mentions: 800, // 200 + 500 + 100
        mentions_negative: 120, // 10 + 90 + 20
        negative_pct: 15, // 120 of 800
        negative_social_media: 110, // 90 on the social network + 20 on video; the press's 10 not
        mentions_false: 16, // 0 + 12 + 4
        negative_reported: 59, // 1 + 50 + 8
        negative_answered: 28, // 6 + 20 + 2
        negative_handled: 87, // 59 + 28
        handled_pct: 72.5, // 87 of 120
      },
      {
        period: '2025-12',
        topic: 'health',
        mentions: 0,
        mentions_negative: 0,
        negative_pct: null, // nothing collected: no share
        negative_social_media: 0,
        mentions_false: 0,
        negative_reported: 0,
        negative_answered: 0,
        negative_handled: 0,
        handled_pct: null,
      },
      {
        period: '2025-12',
        topic: 'land_and_construction',
        mentions: 300,
        mentions_negative: 30,
        negative_pct: 10, // 30 of 300
        negative_social_media: 30,
        mentions_false: 3,
        negative_reported: 0,
        negative_answered: 0,
        negative_handled: 0,
        handled_pct: 0, // negative items, none handled yet
      },
    ]);
  });
});
