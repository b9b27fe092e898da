import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Grants } from '../../lambdas/core/sharing/grants';
import type { GrantsFileInput } from '../../lambdas/core/sharing/grants-file';
import grantsJson from '../../lambdas/core/sharing/grants.json';
import type { OpenSection } from '../../lambdas/core/sharing/open-data/open-declaration';
import { type ServedDataset, servedDatasets } from '../../lambdas/core/sharing/served-datasets';
import { SQL_DIR } from '../../lambdas/core/sql/sql-dir';
import { loadViews } from '../../lambdas/core/sql/view-files';

const served = servedDatasets(loadViews(SQL_DIR));
const file = grantsJson as GrantsFileInput & { open: OpenSection };

/** The real grants file with one open entry replaced or added. */
function withOpen(entry: Record<string, unknown>, datasets: readonly ServedDataset[] = served) {
  const open = { ...file.open, datasets: [entry] };
  return () => Grants.parse({ ...file, open }, datasets);
}

const base = { license: 'CC-BY-4.0', publisher: file.open.publisher };

test('the grants file declares open datasets, each an aggregated mart', () => {
  const grants = Grants.parse(grantsJson, served);
  expect(grants.file.open!.datasets.length).toBeGreaterThan(0);
  for (const { dataset } of grants.file.open!.datasets) expect(grants.dataset(dataset)?.kind).toBe('mart');
});

test('refuses, at parse time, an unknown dataset', () => {
  expect(withOpen({ ...base, dataset: 'nope' })).toThrow('invalid grants file: open: unknown dataset nope');
});

test('refuses a contract dataset: only aggregated marts may be open', () => {
  expect(withOpen({ ...base, dataset: 'admin_dossiers' })).toThrow(
    'invalid grants file: open: admin_dossiers is a contract dataset, not an aggregated mart: it cannot be open',
  );
});

test('refuses a column that is not shareable', () => {
  const market = served.find((d) => d.id === 'mobile_market_by_carrier')!;
  const closed = market.columns.find((c) => !c.shareable)!.name;
  expect(withOpen({ ...base, dataset: market.id, columns: ['period', 'carrier', closed] })).toThrow(
    `invalid grants file: open: mobile_market_by_carrier: column ${closed} is not shareable`,
  );
});

test('refuses a personal (PII) column, even of a mart', () => {
  // No mart has a PII column today: a mart that had one must still never be opened with it.
  const scorecard = served.find((d) => d.id === 'kpi_scorecard')!;
  const withPii: ServedDataset = {
    ...scorecard,
    columns: scorecard.columns.map((c) => (c.name === 'plan_text' ? { ...c, pii: true } : c)),
  };
  const datasets = served.map((d) => (d.id === scorecard.id ? withPii : d));
  expect(
    withOpen({ ...base, dataset: 'kpi_scorecard', columns: ['period', 'indicator', 'plan_text'] }, datasets),
  ).toThrow('invalid grants file: open: kpi_scorecard: column plan_text is personal data');
});

test('refuses open columns without the natural key (paging cursors carry it)', () => {
  expect(withOpen({ ...base, dataset: 'kpi_scorecard', columns: ['period', 'actual'] })).toThrow(
    'invalid grants file: open: kpi_scorecard: the key column indicator must be open (paging cursors carry it)',
  );
});

test('refuses an unknown column, an unknown publisher, and a license that is neither an SPDX id of the list nor a URL', () => {
  expect(withOpen({ ...base, dataset: 'kpi_scorecard', columns: ['period', 'indicator', 'nope'] })).toThrow(
    'invalid grants file: open: kpi_scorecard: unknown column nope',
  );
  expect(withOpen({ ...base, dataset: 'kpi_scorecard', publisher: 'nobody' })).toThrow(
    'invalid grants file: open: kpi_scorecard: unknown publisher nobody',
  );
  expect(withOpen({ ...base, dataset: 'kpi_scorecard', license: 'proprietary' })).toThrow(
    /invalid grants file:.*license/s,
  );
  expect(() => withOpen({ ...base, dataset: 'kpi_scorecard', license: 'https://example.org/licence' })()).not.toThrow();
});

test('docs/open-data.md lists exactly the open datasets, with their publisher, license and columns', () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'open-data.md'), 'utf8');
  const rows = doc
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .filter((line) => line.split('|').length === 6)
    .map((line) =>
      line
        .split('|')
        .slice(1, 5)
        .map((cell) => cell.trim()),
    );
  const byId = new Map(served.map((d) => [d.id, d]));
  expect(rows).toEqual(
    file.open.datasets.map((entry) => {
      const hidden = entry.columns
        ? byId
            .get(entry.dataset)!
            .columns.filter((c) => !entry.columns!.includes(c.name))
            .map((c) => `\`${c.name}\``)
        : [];
      return [
        `\`${entry.dataset}\``,
        expect.stringContaining(`(\`${entry.publisher}\`)`),
        entry.license,
        hidden.length ? `all but ${hidden.join(', ')}` : 'all',
      ];
    }),
  );
});
