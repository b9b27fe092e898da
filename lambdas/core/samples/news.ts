import { NEWS_CHANNELS, NEWS_TOPICS } from '../contracts/datasets/news-monitoring';
import { trend } from './periods';
import type { SampleContext, SampleRow } from './sample-context';

type Topic = (typeof NEWS_TOPICS)[number];
type Channel = (typeof NEWS_CHANNELS)[number];

/** Items about the province the system collects in a month, at the last period. */
const MENTIONS_AT_END = 32_000;
/** And at the first, as a share of that: fewer social-network pages were watched. */
const MENTIONS_START = 20_000 / MENTIONS_AT_END;

/** Each topic's share of the items, and the share of its items that is negative. */
const TOPICS: Record<Topic, { share: number; negative: number }> = {
  administrative_procedures: { share: 0.14, negative: 0.1 },
  land_and_construction: { share: 0.16, negative: 0.18 },
  environment: { share: 0.09, negative: 0.16 },
  health: { share: 0.1, negative: 0.09 },
  education: { share: 0.1, negative: 0.08 },
  traffic: { share: 0.12, negative: 0.12 },
  social_security: { share: 0.08, negative: 0.08 },
  economy_and_investment: { share: 0.13, negative: 0.06 },
  public_order: { share: 0.05, negative: 0.14 },
  other: { share: 0.03, negative: 0.07 },
};

/**
 * Each channel's share of the items (social networks and video growing), how much more often
 * than the topic's rate its items are negative, the share of its negative items found false, and
 * the share of its handled items reported to the platform rather than answered by a statement.
 */
const CHANNELS: Record<Channel, { share: number; growth: number; negative: number; false: number; reported: number }> =
  {
    online_newspaper: { share: 0.27, growth: 1, negative: 0.5, false: 0.02, reported: 0.1 },
    social_network: { share: 0.52, growth: 0.8, negative: 1.4, false: 0.1, reported: 0.6 },
    forum: { share: 0.09, growth: 1, negative: 1.6, false: 0.12, reported: 0.7 },
    video: { share: 0.12, growth: 0.7, negative: 1.2, false: 0.08, reported: 0.6 },
  };

/** A topic's month with a hot issue (a land dispute, a pollution incident): more items, more of them negative. */
const HOT_ISSUE_CHANCE = 0.06;

/**
 * The monitoring system's monthly reports (invented volumes: the seed gives none): about 20,000
 * items about the province a month in January 2023 growing to about 32,000 in December 2025 as
 * more social-network pages and video channels are watched; about one in eight negative, more on
 * social networks and forums than in the press, land and construction, environment and public
 * order drawing the most, and now and then a topic's month with a hot issue (1.8 times the items,
 * twice the negative share); 2–12% of the negative items found false. The share of negative items
 * handled grows from about 60% to 85%: the false ones always reported to the platform, press
 * items mostly answered with a statement, social-network items mostly reported.
 */
export function* newsMonitoringRows(ctx: SampleContext): Generator<SampleRow> {
  const { random, periods } = ctx;
  const jitter = (spread: number) => 1 - spread + 2 * spread * random.next();
  for (let index = 0; index < periods.length; index++) {
    const period = periods[index]!;
    const total = MENTIONS_AT_END * trend(index, periods.length, MENTIONS_START) * jitter(0.05);
    const channelWeights = NEWS_CHANNELS.map(
      (c) => CHANNELS[c].share * trend(index, periods.length, CHANNELS[c].growth),
    );
    const channelSum = channelWeights.reduce((a, b) => a + b, 0);
    const handledShare = 0.85 * trend(index, periods.length, 0.6 / 0.85);
    for (const topic of NEWS_TOPICS) {
      const hot = random.chance(HOT_ISSUE_CHANCE);
      for (const [c, channel] of NEWS_CHANNELS.entries()) {
        const spec = CHANNELS[channel];
        const mentions = Math.round(
          total * TOPICS[topic].share * (channelWeights[c]! / channelSum) * jitter(0.15) * (hot ? 1.8 : 1),
        );
        const negativeShare = Math.min(0.9, TOPICS[topic].negative * spec.negative * jitter(0.2) * (hot ? 2 : 1));
        const negative = Math.round(mentions * negativeShare);
        const falseItems = Math.round(negative * spec.false * jitter(0.5));
        const handled = Math.min(negative, Math.round(negative * handledShare * jitter(0.08)));
        const reported = Math.min(handled, Math.max(falseItems, Math.round(handled * spec.reported * jitter(0.2))));
        yield {
          topic,
          channel,
          mentions,
          mentions_negative: negative,
          mentions_false: falseItems,
          negative_reported: reported,
          negative_answered: handled - reported,
          period,
        };
      }
    }
  }
}
