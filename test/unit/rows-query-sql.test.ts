import type { Access } from '../../lambdas/core/sharing/grants';
import { loadGrants } from '../../lambdas/core/sharing/local-server';
import { countQuery, orderedQuery, rowsQuery, selectQuery } from '../../lambdas/core/sharing/rows-query';
import { MAX_LIMIT, type RowsRequest } from '../../lambdas/core/sharing/rows-request';

// A grant with a row filter (ward 08707), on a dataset with months and a two-column key: every kind of `?` at once.
const access = loadGrants().access('ubnd-vinh-yen', 'eid_by_ward', '2026-01-01') as Access;
const request: RowsRequest = {
  fields: ['period', 'ward_code', 'activated_accounts'],
  filters: [{ column: 'activated_accounts', values: ['10', '20'] }],
  periodFrom: '2025-01',
  periodTo: '2025-06',
  limit: 250,
  after: ['2025-03', '08707'],
};

/** The SQL outside its WHERE clause: before ` where `, and from the first clause that ends it. */
function outsideWhere(sql: string): { where: string; rest: string } {
  const start = sql.indexOf(' where ');
  if (start < 0) return { where: '', rest: sql };
  const after = sql.slice(start + ' where '.length);
  const ends = [' order by ', ' limit ', ' group by '].map((clause) => after.indexOf(clause)).filter((i) => i >= 0);
  const end = ends.length ? Math.min(...ends) : after.length;
  return { where: after.slice(0, end), rest: sql.slice(0, start) + after.slice(end) };
}

const placeholders = (text: string) => text.split('?').length - 1;

describe.each([
  ['a page', rowsQuery(access, request)],
  ['an export (UNLOAD)', selectQuery(access, request)],
  ['an export (ordered)', orderedQuery(access, request)],
  ['a summary', countQuery(access)],
])('%s', (_, query) => {
  test('puts every ? in the WHERE clause, the only place Athena documents execution parameters', () => {
    const { where, rest } = outsideWhere(query.sql);
    expect(placeholders(rest)).toBe(0);
    expect(placeholders(where)).toBe(query.params.length);
    expect(query.params.length).toBeGreaterThan(0);
  });
});

test('a page writes its limit (one more than asked, to tell a next page) into the SQL, not as a parameter', () => {
  const page = rowsQuery(access, request);
  expect(page.sql).toMatch(/ order by "period", "ward_code" limit 251$/);
  expect(page.params).toEqual(['08707', '10', '20', '2025-01', '2025-06', '2025-03', '08707']);
});

test.each([0, MAX_LIMIT + 1, 2.5, Number.NaN])('refuses to write limit %p into SQL', (limit) => {
  expect(() => rowsQuery(access, { ...request, limit })).toThrow(
    `limit must be an integer 1..${MAX_LIMIT}, got ${limit}`,
  );
});
