import type { EChartsCoreOption } from 'echarts/core';
import type { Api, Row } from './api';
import type { WordKey } from './i18n';
import { formatNumber } from './i18n';

// What every chart module shares: the chart's shape, its palette and settings.

/** Okabe–Ito: told apart by people with colour-vision deficiencies. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000'];
export const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

export interface Figures {
  headers: string[];
  rows: string[][];
  /** The first column of figures (right-aligned); the columns before it are labels. @default 1 */
  numericFrom?: number;
}

/** One chart: where its rows come from, how they are drawn, and the same figures as a table. */
export interface ChartSpec<D> {
  id: string;
  domain: WordKey;
  title: WordKey;
  dataset: string;
  load(api: Api): Promise<D>;
  option(data: D): EChartsCoreOption;
  figures(data: D): Figures;
  /** Pixels: ward charts grow with the wards. */
  height?(data: D): number;
}

export type MonthRows = { period: string | null; rows: Row[] };

/** The rows of the newest month a dataset holds (a chart by ward or agency shows one month). */
export async function newestMonth(api: Api, dataset: string, fields: string): Promise<MonthRows> {
  const period = (await api.dataset(dataset)).periods?.last ?? null;
  return { period, rows: period ? await api.rows(dataset, { fields, period_from: period, period_to: period }) : [] };
}

/** Settings every chart shares: the palette and tooltips. */
export function base(): EChartsCoreOption {
  return {
    color: PALETTE,
    animation: false,
    textStyle: { fontFamily: 'system-ui, sans-serif', color: '#1f2933' },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatNumber(v) },
  };
}

/** An axis of percentages, 0–100, labelled `n%` in the page's number style. */
export function percentAxis(extra: Record<string, unknown> = {}) {
  return { type: 'value', min: 0, max: 100, axisLabel: { formatter: (v: number) => `${formatNumber(v)}%` }, ...extra };
}

/** The y axes of bars in their unit beside a percentage line: the value axis, then the percentage axis on the right. */
export function valueAndPercentAxes() {
  return [{ type: 'value', axisLabel: { formatter: formatNumber } }, percentAxis({ splitLine: { show: false } })];
}
