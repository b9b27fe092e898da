import type { Row } from './api';
import { base, type ChartSpec, type MonthRows, newestMonth, num } from './chart-spec';
import { formatNumber, t } from './i18n';
import { NEWS_TOPICS } from './news-topics';

const DATASET = 'news_monitoring_by_topic';
const FIELDS =
  'topic,mentions,mentions_negative,negative_pct,negative_social_media,mentions_false,negative_reported,negative_answered,negative_handled,handled_pct';

/** How the negative items stand, in the order the bars stack: handled either way, then not yet. */
const STATES = [
  { word: 'newsReported', colour: '#0072B2', items: (r: Row) => num(r.negative_reported) },
  { word: 'newsAnswered', colour: '#009E73', items: (r: Row) => num(r.negative_answered) },
  { word: 'newsUnhandled', colour: '#D55E00', items: (r: Row) => num(r.mentions_negative) - num(r.negative_handled) },
] as const;

const topicName = (topic: unknown) => {
  const known = NEWS_TOPICS.find((k) => k.topic === topic);
  return known ? t(known.word) : String(topic);
};

/** Topics with the most negative items first, then by name of the topic's id. */
const byNegative = (rows: readonly Row[]) =>
  [...rows].sort(
    (a, b) => num(b.mentions_negative) - num(a.mentions_negative) || String(a.topic).localeCompare(String(b.topic)),
  );

/**
 * The cyberspace domain's negative news: the newest month's negative items about the province by
 * topic, split into those reported to the platform, answered with an official statement and not
 * yet handled, labelled with the topic's negative share; the table adds all items, those on social
 * media and the false ones. Counts only: the monitoring system sends no author, account or link.
 */
export const newsMonitoringByTopic: ChartSpec<MonthRows> = {
  id: 'news-monitoring-by-topic',
  domain: 'security',
  title: 'newsMonitoringByTopic',
  dataset: DATASET,
  load: (api) => newestMonth(api, DATASET, FIELDS),
  option: (data) => {
    const rows = byNegative(data.rows);
    return {
      ...base(),
      legend: { top: 0 },
      grid: { left: 8, right: 56, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: formatNumber } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => topicName(r.topic)) },
      series: STATES.map((state, i) => ({
        type: 'bar',
        stack: 'negative',
        name: t(state.word),
        color: state.colour,
        data: rows.map(state.items),
        ...(i === STATES.length - 1 && {
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number }) => {
              const pct = rows[p.dataIndex]!.negative_pct as number | null;
              return pct === null ? '' : `${formatNumber(pct)}%`;
            },
          },
        }),
      })),
    };
  },
  figures: (data) => ({
    headers: [
      t('topic'),
      t('newsMentions'),
      t('newsNegative'),
      t('newsNegativePct'),
      t('newsSocialMedia'),
      t('newsFalse'),
      t('newsReported'),
      t('newsAnswered'),
      t('newsHandledPct'),
    ],
    rows: byNegative(data.rows).map((r) => [
      topicName(r.topic),
      formatNumber(num(r.mentions)),
      formatNumber(num(r.mentions_negative)),
      formatNumber(r.negative_pct as number | null),
      formatNumber(num(r.negative_social_media)),
      formatNumber(num(r.mentions_false)),
      formatNumber(num(r.negative_reported)),
      formatNumber(num(r.negative_answered)),
      formatNumber(r.handled_pct as number | null),
    ]),
  }),
  height: (data) => 48 + 30 * data.rows.length,
};
