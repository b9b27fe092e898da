import { CursorCodec } from '../../lambdas/core/sharing/cursor-codec';
import type { Access } from '../../lambdas/core/sharing/grants';
import { loadGrants } from '../../lambdas/core/sharing/local-server';
import type { ApiProblem } from '../../lambdas/core/sharing/problem';
import { parseRowsRequest } from '../../lambdas/core/sharing/rows-request';

// ubnd-vinh-yen's grant of dossiers_monthly, narrowed to one measure: period is a known column, not a granted one.
const full = loadGrants().access('ubnd-vinh-yen', 'dossiers_monthly', '2026-01-01') as Access;
const totalsOnly: Access = { ...full, columns: full.columns.filter((c) => c.name === 'dossiers_total') };
const cursors = new CursorCodec(Buffer.alloc(32, 7));

function refusalOf(query: Record<string, string>, access: Access) {
  try {
    parseRowsRequest(query, access, cursors);
  } catch (error) {
    const { status, type, detail } = error as ApiProblem;
    return { status, type, detail };
  }
  throw new Error(`accepted: ${JSON.stringify(query)}`);
}
const NOT_GRANTED = (column: string) => ({
  status: 403,
  type: 'forbidden',
  detail: `column ${column} of dossiers_monthly is not granted to this agency`,
});

test('the grant under test leaves out period, which the dataset has', () => {
  expect(full.columns.map((c) => c.name)).toContain('period');
  expect(totalsOnly.columns.map((c) => c.name)).toEqual(['dossiers_total']);
});

test.each<Record<string, string>>([
  { period_from: '2025-12' },
  { period_to: '2025-12' },
  { period_from: '2025-12', period_to: '2025-12' },
])('a period bound on a grant without period is refused like any ungranted filter: %j', (bounds) => {
  expect(refusalOf(bounds, totalsOnly)).toEqual(NOT_GRANTED('period'));
  expect(refusalOf({ ward_code: '08707' }, totalsOnly)).toEqual(NOT_GRANTED('ward_code'));
});

test('a period bound where period is granted still filters', () => {
  expect(parseRowsRequest({ period_from: '2025-01', period_to: '2025-12' }, full, cursors)).toMatchObject({
    periodFrom: '2025-01',
    periodTo: '2025-12',
  });
  expect(refusalOf({ period_from: '2025-1' }, full)).toMatchObject({
    status: 400,
    detail: 'period_from must be yyyy-mm',
  });
});
