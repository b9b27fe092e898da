import { count, pct, PERIOD as period } from './columns';
import { defineMart } from './define-mart';

export const newsMonitoringByTopic = defineMart({
  name: 'news_monitoring_by_topic',
  title: 'Negative-news monitoring by topic',
  description:
    'The items about the province the cyberspace information monitoring system collected per topic and month, summed over channels: how many were negative, and of those how many false, reported to the platform, answered with an official statement, with the negative share and the share of negative items handled (the operations center’s cyberspace information-security domain). Counts and shares only: no author, account, link or text exists upstream.',
  grain: 'one topic in one month',
  key: ['period', 'topic'],
  columns: [
    { ...period, description: 'Month of the monitoring report, yyyy-mm.' },
    { name: 'topic', type: 'string', description: 'Topic, as in news_monitoring.' },
    count('mentions', 'items', 'Items about the province on the topic in the month, on every channel.'),
    count('mentions_negative', 'items', 'Of those, negative.'),
    pct('negative_pct', 'Negative items over all items; null when none was collected.'),
    count(
      'negative_social_media',
      'items',
      'Of the negative items, those on social networks, forums and video platforms (not the press).',
    ),
    count('mentions_false', 'items', 'Of the negative items, those found false or distorted.'),
    count('negative_reported', 'items', 'Of the negative items, those reported to the platform for removal.'),
    count('negative_answered', 'items', 'Of the negative items, those answered with an official statement.'),
    count('negative_handled', 'items', 'Of the negative items, those handled either way.'),
    pct('handled_pct', 'Negative items handled over negative items; null when none was negative.'),
  ],
});
