import { apiFixture, type ApiFixture } from './support';

// As in AWS, where a Lambda answers at most 6 MB: here a cap small enough to cut the test lake's pages.
const MAX_PAGE_BYTES = 250_000;
let api: ApiFixture;
beforeAll(async () => {
  api = await apiFixture({ maxPageBytes: MAX_PAGE_BYTES });
}, 120_000);
afterAll(() => api.close());

/** Every page of a query, following the cursor, as the dashboard and agencies' clients do. */
async function allPages(query: string, token: string) {
  const pages: { bytes: number; rows: number; body: ArrayBuffer; cursor: string | null }[] = [];
  let cursor: string | null = null;
  do {
    const response = await api.get(
      `/v1/datasets/dossiers_monthly/rows?${query}${cursor ? `&cursor=${cursor}` : ''}`,
      token,
    );
    expect(response.status).toBe(200);
    const body = await response.arrayBuffer();
    cursor = response.headers.get('x-next-cursor');
    pages.push({ bytes: body.byteLength, rows: Number(response.headers.get('x-row-count')), body, cursor });
  } while (cursor);
  return pages;
}

test.each(['json', 'parquet'])(
  'a 10,000-row %s page over the byte cap holds fewer rows, and the cursor carries on to every row',
  async (format) => {
    const token = await api.token('ioc');
    const { rows } = await api.lake.query('select count(*) as n from dossiers_monthly');
    const total = Number(rows[0]!.n);
    const pages = await allPages(`limit=10000&format=${format}`, token);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.every((p) => p.bytes <= MAX_PAGE_BYTES)).toBe(true);
    expect(pages.reduce((sum, p) => sum + p.rows, 0)).toBe(total);
    if (format !== 'json') return;
    // The pages join up: every row once (rows are distinct by their natural key), no gap at a cut.
    const seen = pages.flatMap((p) =>
      (JSON.parse(Buffer.from(p.body).toString('utf8')) as { data: unknown[] }).data.map((r) => JSON.stringify(r)),
    );
    expect(new Set(seen).size).toBe(total);
  },
);

test('a page under the cap is the rows asked for', async () => {
  const response = await api.get('/v1/datasets/dossiers_monthly/rows?limit=20', await api.token('ioc'));
  expect(Number(response.headers.get('x-row-count'))).toBe(20);
});
