import { encodeRows } from '../../lambdas/core/sharing/formats';
import type { ServedColumn } from '../../lambdas/core/sharing/served-datasets';
import { useTempDir } from '../support/temp-dir';
import { readCsvWithDuckDb } from '../support/read-csv';

/**
 * The CSV the API serves, read back by a parser we did not write (DuckDB's read_csv): every
 * text cell that a spreadsheet would take for a formula (OWASP: a leading = + - @ tab or CR)
 * arrives prefixed with `'`; numbers of numeric columns, negative ones included, arrive as
 * they were.
 */
const column = (name: string, type: ServedColumn['type']): ServedColumn => ({
  name,
  type,
  description: name,
  pii: false,
  shareable: true,
});
const COLUMNS = [column('label', 'string'), column('count', 'bigint'), column('share', 'double')];

const FORMULAS = [
  '=1+1',
  '+1+1',
  '-1-A1',
  '-2.5-B1',
  '@SUM(A1:A2)',
  '\t=1',
  '\r=1',
  '=HYPERLINK("http://evil.example","x")',
  '-1',
  '+84 912 345 678',
];

const dir = useTempDir('csv-cells-');

const readBack = (csv: Uint8Array) => readCsvWithDuckDb(csv, dir());

describe('CSV cells that a spreadsheet would run as formulas', () => {
  test('every formula-like text is prefixed with a quote; numbers stay numbers', async () => {
    const rows = FORMULAS.map((label, i) => ({ label, count: -i, share: -(i + 1) / 4 }));
    const read = await readBack(encodeRows('csv', COLUMNS, rows, {}));
    expect(read.map((r) => r.label)).toEqual(FORMULAS.map((label) => `'${label}`));
    expect(read.map((r) => r.count)).toEqual(rows.map((r) => String(r.count)));
    expect(read.map((r) => Number(r.share))).toEqual(rows.map((r) => r.share));
  });

  test('a numeric column whose values come as text (as Athena returns them) is not prefixed', async () => {
    const read = await readBack(encodeRows('csv', COLUMNS, [{ label: 'a', count: '-12', share: '-1.5e3' }], {}));
    expect(read).toEqual([{ label: 'a', count: '-12', share: '-1.5e3' }]);
  });

  test('ordinary text is untouched, commas and quotes escaped', async () => {
    const labels = ['Vĩnh Yên', 'a, b', 'say "hi"', 'line\nbreak', '1-2', 'x=1'];
    const read = await readBack(
      encodeRows(
        'csv',
        COLUMNS,
        labels.map((label) => ({ label, count: 1, share: 0 })),
        {},
      ),
    );
    expect(read.map((r) => r.label)).toEqual(labels);
  });
});
