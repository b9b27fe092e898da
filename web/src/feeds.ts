import type { FeedHealth } from './api';
import { h, table } from './dom';
import { formatDate, formatNumber, t } from './i18n';

/** One row per source: its last file, its latest counts, a late badge; the reject reasons one click down. */
function feedRow(feed: FeedHealth): HTMLTableRowElement {
  const failed = feed.latest.filter((m) => m.status !== 'succeeded');
  const reasons = Object.entries(feed.reasons).sort(([, a], [, b]) => b - a);
  const drill = h(
    'details',
    {},
    h('summary', {}, `${t('reasons')} (${formatNumber(reasons.length)})`),
    reasons.length
      ? table(
          `${t('reasons')}: ${feed.name}`,
          [t('reason'), t('rows')],
          reasons.map(([code, rows]) => [h('code', {}, code), formatNumber(rows)]),
        )
      : h('p', {}, t('noRejects')),
    ...failed.map((m) =>
      h(
        'p',
        { class: 'failed' },
        `${t('fileFailed')} (${m.dataset}, ${formatDate(m.finishedAt, true)}): ${m.error?.code ? `${m.error.code}: ` : ''}${m.error?.message ?? ''}`,
      ),
    ),
    table(
      `${t('files')}: ${feed.name}`,
      [t('dataset'), t('lastFeed'), t('accepted'), t('rejected')],
      feed.latest.map((m) => [
        m.dataset,
        formatDate(m.finishedAt, true),
        formatNumber(m.rowsAccepted),
        formatNumber(m.rowsRejected),
      ]),
    ),
  );
  return h(
    'tr',
    { 'data-source': feed.source },
    h('th', { scope: 'row' }, h('span', {}, feed.name), h('br'), h('code', {}, feed.source), ' · ', feed.format),
    h('td', {}, formatDate(feed.lastFeedAt, true), h('br'), h('small', {}, `${t('dueBy')}: ${formatDate(feed.dueBy)}`)),
    h('td', { class: 'num' }, formatNumber(feed.rowsAccepted)),
    h('td', { class: feed.rowsRejected ? 'num warn' : 'num' }, formatNumber(feed.rowsRejected)),
    h(
      'td',
      {},
      h('span', { class: `badge ${feed.late ? 'late' : 'on-time'}` }, t(feed.late ? 'late' : 'onTime')),
      failed.length ? h('span', { class: 'badge late' }, t('fileFailed')) : null,
    ),
    h('td', {}, drill),
  );
}

export function renderFeeds(feeds: FeedHealth[]): HTMLElement {
  return h(
    'div',
    { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t('feeds') },
    h(
      'table',
      { class: 'feeds' },
      h('caption', { class: 'visually-hidden' }, t('feeds')),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...[t('source'), t('lastFeed'), t('accepted'), t('rejected'), t('state'), t('reasons')].map((text, i) =>
            h('th', { scope: 'col', class: i === 2 || i === 3 ? 'num' : undefined }, text),
          ),
        ),
      ),
      h('tbody', {}, ...feeds.map(feedRow)),
    ),
  );
}
