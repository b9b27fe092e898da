import type { EChartsType } from 'echarts/core';
import { Api, ApiError, TOKEN_REFUSED, type DatasetInfo, type FeedHealth } from './api';
import { loadCharts, renderCharts, type ChartData } from './charts';
import { renderCatalog } from './catalog';
import { h } from './dom';
import { renderFeeds } from './feeds';
import { lang, setLang, t, type Lang, type WordKey } from './i18n';
import { loadScorecard, renderScorecard, type ScorecardEntry } from './scorecard';
import type { DashboardConfig } from '../build-dashboard';
import { FEED_HEALTH } from '../../lambdas/core/sharing/scopes';
import './style.css';

const TOKEN_KEY = 'vpdc.token';
const API_KEY_KEY = 'vpdc.apiKey';
const LANG_KEY = 'vpdc.lang';

/** What the page has loaded: kept so that switching language redraws without asking again. */
interface Loaded {
  agency: string;
  datasets: DatasetInfo[];
  scorecard?: Promise<ScorecardEntry[]>;
  charts: Promise<ChartData>;
  feeds?: Promise<FeedHealth[]>;
}

/**
 * A token (and API key) handed over in the address (`#token=…&key=…`, as `vpdc demo` prints
 * it) move to this tab's session storage and out of the address bar, so they are not
 * bookmarked or shared.
 */
function takeCredentials(): { token: string | null; apiKey: string | null } {
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.has('token')) {
    sessionStorage.setItem(TOKEN_KEY, hash.get('token')!);
    if (hash.has('key')) sessionStorage.setItem(API_KEY_KEY, hash.get('key')!);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return { token: sessionStorage.getItem(TOKEN_KEY), apiKey: sessionStorage.getItem(API_KEY_KEY) };
}

/** The site's config.json: the AWS site's API wants an API key; the local server's does not. */
let config: Promise<DashboardConfig> | undefined;
const siteConfig = () =>
  (config ??= fetch('./config.json').then((r) =>
    r.ok ? (r.json() as Promise<DashboardConfig>) : { apiKeyRequired: false },
  ));

const app = document.getElementById('app')!;
let charts: EChartsType[] = [];
let loaded: Loaded | undefined;
let api: Api | undefined;

function header(): HTMLElement {
  const other: Lang = lang() === 'vi' ? 'en' : 'vi';
  return h(
    'header',
    { class: 'top' },
    h('div', {}, h('h1', {}, t('title')), h('p', { class: 'subtitle' }, t('subtitle'))),
    h(
      'div',
      { class: 'tools' },
      loaded ? h('p', { class: 'agency' }, `${t('signedInAs')}: `, h('strong', {}, loaded.agency)) : null,
      h(
        'button',
        {
          type: 'button',
          id: 'lang-switch',
          lang: other,
          'aria-label': t('switchLanguageLabel'),
          onclick: () => switchLanguage(other),
        },
        t('switchLanguage'),
      ),
      loaded ? h('button', { type: 'button', id: 'sign-out', onclick: () => signOut() }, t('signOut')) : null,
    ),
  );
}

function section(
  id: string,
  title: WordKey,
  body: HTMLElement | Promise<HTMLElement>,
  after?: () => void,
): HTMLElement {
  const content = h('div', { class: 'section-body', 'aria-busy': 'true' }, h('p', { class: 'loading' }, t('loading')));
  const element = h(
    'section',
    { id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, t(title)),
    content,
  );
  Promise.resolve(body)
    .then((ready) => {
      content.replaceChildren(ready);
      after?.();
    })
    .catch((error: unknown) => {
      const refused = error instanceof ApiError && error.status === 403;
      content.replaceChildren(
        h(
          'p',
          { class: refused ? 'note' : 'error' },
          refused ? t('notGranted') : `${t('loadFailed')}: ${(error as Error).message}`,
        ),
      );
    })
    .finally(() => content.removeAttribute('aria-busy'));
  return element;
}

/** Draws the page from what is loaded; resolves when every section has its content. */
async function render(): Promise<void> {
  for (const c of charts) c.dispose();
  charts = [];
  document.documentElement.lang = lang();
  document.title = t('title');
  if (!loaded || !api) return;
  const client = api;
  const { scorecard, feeds } = loaded;
  const chartsPart = loaded.charts.then(renderCharts);
  const sections = [
    scorecard !== undefined ? section('scorecard', 'scorecard', scorecard.then(renderScorecard)) : null,
    section(
      'charts',
      'charts',
      chartsPart.then((c) => c.element),
      () => void chartsPart.then((c) => (charts = c.mount())),
    ),
    section('catalog', 'catalog', renderCatalog(client, loaded.datasets)),
    feeds !== undefined ? section('feeds', 'feeds', feeds.then(renderFeeds)) : null,
  ].filter((s): s is HTMLElement => s !== null);
  const nav = h(
    'nav',
    { 'aria-label': t('nav') },
    h(
      'ul',
      {},
      ...sections.map((s) => h('li', {}, h('a', { href: `#${s.id}` }, s.querySelector('h2')!.textContent ?? ''))),
    ),
  );
  app.replaceChildren(header(), nav, h('main', { id: 'main' }, ...sections), h('footer', {}, h('p', {}, t('footer'))));
  await Promise.allSettled([scorecard, loaded.charts, feeds, chartsPart]);
  // The browser test and the bench wait for this mark: everything drawn.
  document.body.dataset.ready = 'true';
  performance.mark('vpdc-ready');
}

async function signInForm(message?: string): Promise<void> {
  const { apiKeyRequired } = await siteConfig();
  const input = h('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    required: true,
    'aria-describedby': 'token-help',
  });
  const keyInput = apiKeyRequired
    ? h('input', { id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', required: true })
    : null;
  const form = h(
    'form',
    { class: 'sign-in' },
    h('h2', {}, t('signInTitle')),
    message ? h('p', { class: 'error', role: 'alert' }, message) : null,
    h('label', { for: 'token' }, t('tokenLabel')),
    input,
    h('p', { id: 'token-help', class: 'help' }, t('signInHelp')),
    keyInput ? h('label', { for: 'api-key' }, t('apiKeyLabel')) : null,
    keyInput,
    h('button', { type: 'submit' }, t('signIn')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    if (keyInput) sessionStorage.setItem(API_KEY_KEY, keyInput.value.trim());
    void start();
  });
  app.replaceChildren(header(), h('main', { id: 'main' }, form));
  document.body.dataset.ready = 'true';
}

/** The token expired while the page was open: ask for a new one rather than show errors. */
function expired(): void {
  if (loaded) signOut(t('tokenRefused'));
}

function signOut(message?: string): void {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(API_KEY_KEY);
  [loaded, api] = [undefined, undefined];
  for (const c of charts) c.dispose();
  charts = [];
  void signInForm(message);
}

function switchLanguage(next: Lang): void {
  setLang(next);
  localStorage.setItem(LANG_KEY, next);
  delete document.body.dataset.ready;
  if (loaded) void render();
  else void signInForm();
  document.getElementById('lang-switch')?.focus();
}

/** Asks the API what the agency may see, then loads every section it is granted, in parallel. */
async function start(): Promise<void> {
  const { token, apiKey } = takeCredentials();
  if (!token) return signInForm();
  api = new Api(token, apiKey ?? undefined);
  try {
    const { agency, datasets } = await api.datasets();
    const granted = new Set(datasets.map((d) => d.id));
    loaded = {
      agency,
      datasets,
      ...(granted.has('kpi_scorecard') ? { scorecard: loadScorecard(api) } : {}),
      charts: loadCharts(api, granted),
      ...(api.scopes().includes(FEED_HEALTH) ? { feeds: api.feeds().then((f) => f.feeds) } : {}),
    };
  } catch (error) {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(API_KEY_KEY);
    return signInForm(
      error instanceof ApiError && error.status === 401
        ? t('tokenRefused')
        : `${t('loadFailed')}: ${(error as Error).message}`,
    );
  }
  await render();
}

setLang(localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi');
window.addEventListener('resize', () => {
  for (const c of charts) c.resize();
});
window.addEventListener(TOKEN_REFUSED, expired);
void start();
