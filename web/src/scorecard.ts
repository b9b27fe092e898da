import type { Api, Row } from './api';
import { h } from './dom';
import { formatNumber, formatPeriod, formatWithUnit, indicatorLabel, t, type WordKey } from './i18n';

export interface ScorecardEntry {
  indicator: string;
  kind: string;
  period: string;
  actual: number | null;
  target: number | null;
  unit: string;
  targetYear: number | null;
  projection: number | null;
  /** A baseline's seed figure, its month and the actual's change since (null for a plan target). */
  baseline: number | null;
  baselinePeriod: string | null;
  changeSinceBaseline: number | null;
  status: 'met' | 'on_track' | 'at_risk' | 'off_track' | 'baseline';
  /** The indicator's actual, month by month, oldest first. */
  history: { period: string; actual: number }[];
}

/** kpi_scorecard's rows → one entry per indicator: its newest month, with the months before as history. */
export function scorecardEntries(rows: Row[]): ScorecardEntry[] {
  const byIndicator = new Map<string, Row[]>();
  for (const row of rows) {
    const id = String(row.indicator);
    byIndicator.set(id, [...(byIndicator.get(id) ?? []), row]);
  }
  const entries = [...byIndicator.entries()].map(([indicator, series]): ScorecardEntry => {
    series.sort((a, b) => String(a.period).localeCompare(String(b.period)));
    const last = series[series.length - 1]!;
    return {
      indicator,
      kind: String(last.kind),
      period: String(last.period),
      actual: last.actual === null ? null : Number(last.actual),
      target: last.target === null ? null : Number(last.target),
      unit: String(last.unit ?? ''),
      targetYear: last.target_year === null ? null : Number(last.target_year),
      projection: last.projection === null ? null : Number(last.projection),
      baseline: last.baseline === null || last.baseline === undefined ? null : Number(last.baseline),
      baselinePeriod: last.baseline_period ? String(last.baseline_period) : null,
      changeSinceBaseline:
        last.change_since_baseline === null || last.change_since_baseline === undefined
          ? null
          : Number(last.change_since_baseline),
      status: last.status as ScorecardEntry['status'],
      history: series
        .filter((r) => r.actual !== null)
        .map((r) => ({ period: String(r.period), actual: Number(r.actual) })),
    };
  });
  // The plan's own targets first, then the seed article's status figures.
  return entries.sort((a, b) =>
    a.kind === b.kind ? a.indicator.localeCompare(b.indicator) : a.kind === 'plan_target' ? -1 : 1,
  );
}

/** A sparkline as plain SVG: 17 of them would be 17 chart instances otherwise. Decorative: the card says the same in words. */
function sparkline(history: ScorecardEntry['history']): SVGSVGElement {
  const [width, height, pad] = [120, 32, 2];
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  if (history.length < 2) return svg;
  const values = history.map((p) => p.actual);
  const [min, max] = [Math.min(...values), Math.max(...values)];
  const x = (i: number) => pad + (i * (width - 2 * pad)) / (history.length - 1);
  const y = (v: number) => (max === min ? height / 2 : height - pad - ((v - min) * (height - 2 * pad)) / (max - min));
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  line.setAttribute('points', values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' '));
  svg.append(line);
  return svg;
}

/** A plan target: its target, year and projection, and the status they give. */
function targetFigures(entry: ScorecardEntry): HTMLElement[] {
  return [
    h(
      'dl',
      {},
      h('dt', {}, t('target')),
      h('dd', { 'data-target': entry.target ?? '' }, formatWithUnit(entry.target, entry.unit)),
      h('dt', {}, t('targetYear')),
      h('dd', {}, String(entry.targetYear ?? '–')),
      h('dt', {}, t('projection')),
      h('dd', {}, formatWithUnit(entry.projection, entry.unit)),
    ),
    h('p', { class: 'status' }, h('span', { class: 'badge' }, t(entry.status as WordKey))),
  ];
}

/** A status figure of the seed article: the figure and its month, and how far the actual has moved since; no status (it is no goal). */
function baselineFigures(entry: ScorecardEntry): HTMLElement[] {
  const change = entry.changeSinceBaseline;
  const sign = change !== null && change > 0 ? '+' : '';
  return [
    h(
      'dl',
      {},
      h('dt', {}, t('baselineFigure')),
      h('dd', { 'data-baseline': entry.baseline ?? '' }, formatWithUnit(entry.baseline, entry.unit)),
      h('dt', {}, t('baselineMonth')),
      h('dd', {}, entry.baselinePeriod ? formatPeriod(entry.baselinePeriod) : '–'),
      h('dt', {}, t('changeSinceBaseline')),
      h('dd', { 'data-change': change ?? '' }, `${sign}${formatWithUnit(change, entry.unit)}`),
    ),
  ];
}

function card(entry: ScorecardEntry): HTMLElement {
  const first = entry.history[0];
  const historyText = first
    ? `${t('history')}: ${formatWithUnit(first.actual, entry.unit)} (${formatPeriod(first.period)}) → ${formatWithUnit(entry.actual, entry.unit)} (${formatPeriod(entry.period)})`
    : '';
  return h(
    'li',
    { class: `card status-${entry.status}`, 'data-indicator': entry.indicator },
    h('h3', {}, indicatorLabel(entry.indicator, entry.indicator)),
    h('p', { class: 'kind' }, t(entry.kind === 'plan_target' ? 'planTarget' : 'baseline')),
    h(
      'p',
      { class: 'actual' },
      h('span', { class: 'label' }, `${t('actual')} (${formatPeriod(entry.period)})`),
      h('strong', { 'data-value': entry.actual ?? '' }, formatWithUnit(entry.actual, entry.unit)),
    ),
    ...(entry.kind === 'baseline' ? baselineFigures(entry) : targetFigures(entry)),
    sparkline(entry.history),
    h('p', { class: 'visually-hidden' }, historyText),
  );
}

export async function loadScorecard(api: Api): Promise<ScorecardEntry[]> {
  // Not plan_text: it repeats on every month's row and would triple the transfer; labels come from i18n.
  return scorecardEntries(
    await api.rows('kpi_scorecard', {
      fields:
        'period,indicator,kind,actual,target,unit,target_year,projection,baseline,baseline_period,change_since_baseline,status',
    }),
  );
}

export function renderScorecard(entries: ScorecardEntry[]): HTMLElement {
  const newest = entries
    .map((e) => e.period)
    .sort()
    .at(-1);
  return h(
    'div',
    {},
    newest
      ? h(
          'p',
          { class: 'as-of' },
          `${t('scorecardAsOf')} ${formatPeriod(newest)} · ${formatNumber(entries.length)} ${t('indicators')}`,
        )
      : null,
    h('ul', { class: 'cards' }, ...entries.map(card)),
  );
}
