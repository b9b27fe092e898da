import { getDataset } from '../../lambdas/core/contracts';
import { PLAN_TARGETS } from '../../lambdas/core/plan/plan-targets';
import {
  formatDate,
  formatNumber,
  formatPeriod,
  formatWithUnit,
  indicatorLabel,
  INDICATOR_LABELS,
  setLang,
  t,
} from '../../web/src/i18n';
import { CONNECTION_KINDS } from '../../web/src/connection-kinds';
import { NEWS_TOPICS } from '../../web/src/news-topics';
import { scorecardEntries } from '../../web/src/scorecard';

afterEach(() => setLang('vi'));

test('every indicator of plan-targets.json has a label in Vietnamese and in English, and no label is left over', () => {
  const ids = PLAN_TARGETS.targets.map((t) => t.indicator).sort();
  expect(Object.keys(INDICATOR_LABELS).sort()).toEqual(ids);
  for (const id of ids) {
    setLang('vi');
    const vi = indicatorLabel(id, '?');
    setLang('en');
    const en = indicatorLabel(id, '?');
    expect([vi, en].every((label) => label !== '?' && label.length > 3)).toBe(true);
    expect(vi).not.toBe(en);
  }
});

test('the interconnection chart stacks every connection kind of lgsp_exchanges, each with its words, in the contract’s order', () => {
  const kinds = getDataset('lgsp_exchanges').columns.find((c) => c.name === 'connection_kind')!.enum;
  expect(CONNECTION_KINDS.map((k) => k.kind)).toEqual(kinds);
});

test('the negative-news chart names every topic of news_monitoring, in the contract’s order, in both languages', () => {
  const topics = getDataset('news_monitoring').columns.find((c) => c.name === 'topic')!.enum;
  expect(NEWS_TOPICS.map((k) => k.topic)).toEqual(topics);
  const labels = (lang: 'vi' | 'en') => {
    setLang(lang);
    return NEWS_TOPICS.map((k) => t(k.word));
  };
  // No two topics share a label, in either language.
  expect(new Set(labels('vi')).size).toBe(NEWS_TOPICS.length);
  expect(new Set(labels('en')).size).toBe(NEWS_TOPICS.length);
});

test('numbers, units, dates and months are written the Vietnamese way first, the English way on request', () => {
  expect(formatNumber(1234567.5)).toBe('1.234.567,5');
  expect(formatWithUnit(77.77, '%')).toBe('77,77%');
  expect(formatWithUnit(1300000, 'subscriptions')).toBe('1.300.000 thuê bao');
  expect(formatDate('2026-11-27T20:30:00Z')).toBe('28/11/2026'); // 03:30 on the 28th in Vĩnh Phúc (UTC+7)
  expect(formatPeriod('2025-12')).toBe('12/2025');
  expect(formatNumber(null)).toBe('–');
  setLang('en');
  expect(formatNumber(1234567.5)).toBe('1,234,567.5');
  expect(formatWithUnit(22.99, '% of GRDP')).toBe('22.99% of GRDP');
  expect(formatDate('2026-11-27T20:30:00Z')).toBe('28 Nov 2026');
  expect(formatPeriod('2025-12')).toBe('Dec 2025');
});

test("scorecard rows become one entry per indicator: its newest month, the months before as history, the plan's targets first", () => {
  const row = (indicator: string, kind: string, period: string, actual: number | null) => ({
    indicator,
    kind,
    period,
    actual,
    target: 80,
    unit: '%',
    target_year: 2030,
    projection: 81,
    status: 'on_track',
  });
  const entries = scorecardEntries([
    row('bts_5g', 'baseline', '2025-12', 2),
    row('dossiers_online_pct', 'plan_target', '2025-12', 78),
    row('dossiers_online_pct', 'plan_target', '2025-10', 76),
    row('dossiers_online_pct', 'plan_target', '2025-11', null),
  ]);
  expect(entries.map((e) => e.indicator)).toEqual(['dossiers_online_pct', 'bts_5g']);
  expect(entries[0]).toMatchObject({
    period: '2025-12',
    actual: 78,
    history: [
      { period: '2025-10', actual: 76 },
      { period: '2025-12', actual: 78 },
    ],
  });
});
