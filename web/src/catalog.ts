import type { Api, DatasetInfo, DatasetVersions } from './api';
import { h, table } from './dom';
import { formatDate, formatNumber, formatPeriod, t } from './i18n';

type Format = 'csv' | 'parquet';

/** Starts a full export and hands its file(s) to the browser's downloads, saying so in a live region. */
async function download(
  api: Api,
  dataset: DatasetInfo,
  format: Format,
  button: HTMLButtonElement,
  status: HTMLElement,
): Promise<void> {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  status.textContent = t('preparing');
  try {
    for (const url of await api.exportLinks(dataset.id, format)) {
      const link = h('a', { href: url, download: `${dataset.id}.${format}`, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
    }
    status.textContent = `${t('downloadReady')}: ${dataset.id}.${format}`;
  } catch (error) {
    status.textContent = `${t('downloadFailed')}: ${(error as Error).message}`;
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

function entry(api: Api, dataset: DatasetInfo): HTMLElement {
  const status = h('p', { class: 'download-status', role: 'status', 'aria-live': 'polite' });
  const button = (format: Format) => {
    const label = t(format === 'csv' ? 'downloadCsv' : 'downloadParquet');
    const element = h(
      'button',
      { type: 'button', class: 'download', 'data-format': format, 'aria-label': `${label}: ${dataset.title}` },
      label,
    );
    element.addEventListener('click', () => void download(api, dataset, format, element, status));
    return element;
  };
  const schema = table(
    `${t('columns')}: ${dataset.id}`,
    [t('column'), t('type'), t('unit'), t('description')],
    dataset.columns.map((c) => [c.name, c.type, c.unit ?? '', c.description]),
    99,
  );
  return h(
    'li',
    { class: 'dataset', 'data-dataset': dataset.id },
    h('h3', {}, dataset.title, ' ', h('code', {}, dataset.id)),
    h('p', {}, dataset.description),
    h(
      'dl',
      {},
      h('dt', {}, t('freshness')),
      h('dd', {}, formatDate(dataset.freshness, true)),
      h('dt', {}, t('purpose')),
      h('dd', {}, dataset.purpose),
      h('dt', {}, t('grantExpires')),
      h('dd', {}, formatDate(dataset.grantExpires)),
    ),
    h('details', {}, h('summary', {}, `${t('columns')} (${dataset.columns.length})`), schema),
    versions(api, dataset),
    h('div', { class: 'actions' }, button('csv'), button('parquet')),
    status,
  );
}

/** A version id as the page shows it: its first 8 digits (the API and receipts carry all 32). */
const shortVersion = (version: string) => version.slice(0, 8);

/** Months as the page writes them: one, or the first and last with how many. */
function months(periods: readonly string[]): string {
  if (periods.length <= 1) return periods.map(formatPeriod).join('');
  return `${formatPeriod(periods[0]!)} – ${formatPeriod(periods.at(-1)!)} (${periods.length})`;
}

function versionsTable(dataset: DatasetInfo, log: DatasetVersions): HTMLTableElement {
  return table(
    `${t('versionsCaption')}: ${dataset.id}`,
    [t('published'), t('version'), t('source'), t('months'), t('rows'), t('replaces')],
    log.versions.map((v) => [
      formatDate(v.publishedAt, true),
      h('code', { title: v.version }, shortVersion(v.version)),
      v.source,
      months(v.periods),
      v.rowsByPeriod ? formatNumber(Object.values(v.rowsByPeriod).reduce((a, b) => a + b, 0)) : '—',
      v.replaces.map((r) => `${shortVersion(r.version)}: ${months(r.periods)}`).join('; '),
    ]),
    99,
  );
}

/** The dataset's changelog, asked for when opened (one request per dataset the reader looks at, not per page load). */
function versions(api: Api, dataset: DatasetInfo): HTMLElement {
  const body = h('div', { class: 'versions', 'aria-live': 'polite' });
  const details = h('details', { 'data-versions': dataset.id }, h('summary', {}, t('versions')), body);
  details.addEventListener('toggle', () => {
    if (!details.open || body.childElementCount > 0) return;
    body.append(h('p', { class: 'loading' }, t('loading')));
    api.versions(dataset.id).then(
      (log) => body.replaceChildren(h('p', {}, t('versionsHelp')), versionsTable(dataset, log)),
      (error: Error) => body.replaceChildren(h('p', { class: 'error' }, error.message)),
    );
  });
  return details;
}

export function renderCatalog(api: Api, datasets: DatasetInfo[]): HTMLElement {
  return h(
    'div',
    {},
    h('p', {}, t('catalogHelp')),
    h('ul', { class: 'catalog' }, ...datasets.map((d) => entry(api, d))),
  );
}
