import { defineDataset } from '../define-dataset';

/** The subjects the monitoring system files an item under, as its monthly report groups them. */
export const NEWS_TOPICS = [
  'administrative_procedures',
  'land_and_construction',
  'environment',
  'health',
  'education',
  'traffic',
  'social_security',
  'economy_and_investment',
  'public_order',
  'other',
] as const;

/** Where an item was published. */
export const NEWS_CHANNELS = ['online_newspaper', 'social_network', 'forum', 'video'] as const;

const count = (name: string, description: string) =>
  ({ name, type: 'bigint', unit: 'items', min: 0, description }) as const;

export const newsMonitoring = defineDataset({
  name: 'news_monitoring',
  version: '1.0.0',
  title: 'Negative-news monitoring counts',
  description:
    'How many items (articles, posts, comment threads, videos) about the province the provincial cyberspace information monitoring system (hệ thống giám sát thông tin trên không gian mạng, run by the Department of Culture, Sports and Tourism’s press division with the provincial police’s cyber-security division) collected in a month, by topic and channel: of them how many it classified as negative, how many of those were verified as false or distorted (tin giả, tin sai sự thật), and how many were handled, reported to the platform for removal or answered with an official statement, each item counted once by how it was first handled. Counts only: no author, account, address, link or text of an item is kept, so no person can be found from a row. The seed gives no volume: the sample’s figures are invented (about 20,000 items a month in January 2023 growing to about 32,000 in December 2025 as more social-network pages are watched, about one in eight negative, more on social networks and forums than in the press, land and construction, environment and public order with the largest negative shares; the share of negative items handled grows from about 60% to 85%).',
  owner: 'Department of Culture, Sports and Tourism (Sở Văn hóa, Thể thao và Du lịch), press and publication division',
  fedBy: 'the cyberspace information monitoring system’s monthly report',
  grain: 'one topic on one channel in one month',
  naturalKey: ['topic', 'channel', 'period'],
  columns: [
    {
      name: 'topic',
      type: 'string',
      enum: [...NEWS_TOPICS],
      description:
        'What the items are about: administrative procedures, land and construction, environment, health, education, traffic, social security, economy and investment, public order and security, or other.',
    },
    {
      name: 'channel',
      type: 'string',
      enum: [...NEWS_CHANNELS],
      description:
        'Where they were published: online newspapers, social networks, forums and blogs, or video platforms.',
    },
    count('mentions', 'Items about the province on the topic and channel the system collected in the month.'),
    count('mentions_negative', 'Of those, classified as negative (critical of or harmful to the province’s image).'),
    count('mentions_false', 'Of the negative items, those verified as false or distorted news.'),
    count(
      'negative_reported',
      'Of the negative items, those first handled by reporting them to the platform for removal or blocking.',
    ),
    count(
      'negative_answered',
      'Of the negative items, those first handled by an official statement, clarification or correction from the agency concerned.',
    ),
  ],
  checks: [
    {
      reason: 'negative_exceeds_mentions',
      columns: ['mentions', 'mentions_negative', 'mentions_false'],
      description: 'No more items are negative than are collected, and no more false than negative.',
      holds: (r) =>
        (r.mentions_negative as number) <= (r.mentions as number) &&
        (r.mentions_false as number) <= (r.mentions_negative as number),
    },
    {
      reason: 'handled_exceeds_negative',
      columns: ['mentions_negative', 'negative_reported', 'negative_answered'],
      description:
        'Each negative item is handled once at most: those reported and those answered add up to no more than the negative items.',
      holds: (r) =>
        (r.negative_reported as number) + (r.negative_answered as number) <= (r.mentions_negative as number),
    },
  ],
});
