import { createRoute, z } from '@hono/zod-openapi';
import { OPEN_HEADERS, text } from '../open-data/ckan-answer';
import { dcatCatalog } from '../open-data/dcat-catalog';
import { OpenDatasets } from '../open-data/open-datasets';
import { CATALOG_PATH, OPEN_FORMATS, OpenLinks, ROWS_PATH } from '../open-data/open-links';
import { openRowsPage } from '../open-data/open-rows';
import { problems } from '../problem';
import { ckanRoutes } from './ckan-routes';
import { type ApiParts, router } from './router';
import { rowsPageSchema } from './response-schemas';
import { DATASET_ID, publicRefusals } from './schemas';

/**
 * The public tier: open datasets without a token, from the client address's rate limit, each
 * request audited without an agency. A DCAT-AP 3 catalog, files of rows, and the CKAN action
 * API's read subset that harvesters and CKAN clients use (ckan-routes.ts). Every link names
 * `publicUrl`.
 */
export function openDataRoutes(parts: ApiParts, publicUrl: () => string) {
  const { deps, cursors, relationOf, relationAt } = parts;
  const open = new OpenDatasets(deps.grants);
  const factsDeps = { engine: deps.engine, manifests: deps.manifests, relationOf };
  const links = () => new OpenLinks(publicUrl());

  return router()
    .openapi(
      createRoute({
        method: 'get',
        path: CATALOG_PATH,
        summary: 'The open datasets as a DCAT-AP 3 catalog in JSON-LD (no token)',
        security: [],
        responses: {
          200: { description: 'a dcat:Catalog', content: { 'application/ld+json': { schema: z.any() } } },
          ...publicRefusals(),
        },
      }),
      async (c) => {
        const entries = await Promise.all(
          open.list().map(async (o) => ({ open: o, facts: await open.factsOf(o, factsDeps) })),
        );
        const catalog = open.section ? dcatCatalog(open.section, entries, links()) : {};
        return c.body(JSON.stringify(catalog), 200, {
          ...OPEN_HEADERS,
          'Content-Type': 'application/ld+json',
        }) as never;
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: ROWS_PATH,
        summary: "An open dataset's rows as CSV or JSON (no token): 10,000 a file, the next in the Link header",
        security: [],
        request: {
          params: z.object({ id: DATASET_ID }),
          query: z.looseObject({
            format: z.enum(OPEN_FORMATS).default('csv'),
            limit: text('rows, 1..10000 (default 10000)'),
            cursor: text('the X-Next-Cursor of the previous file'),
            fields: text('comma-separated open columns'),
          }),
        },
        responses: {
          200: {
            description: 'rows, with the receipt in X-Dataset-Version, X-Row-Count and X-Content-SHA256',
            // As `format=` asks: the same rows either way (open-rows.ts encodes both).
            content: { 'text/csv': { schema: z.string() }, 'application/json': { schema: rowsPageSchema } },
          },
          // 403: a column that is not open; 404: a dataset that is not open, or a version it never had.
          ...publicRefusals(400, 403, 404),
        },
      }),
      async (c) => {
        const id = c.req.valid('param').id;
        c.set('dataset', id);
        const dataset = open.get(id);
        if (!dataset) throw problems.notFound(`${id} is not open data (see ${CATALOG_PATH})`);
        const page = await openRowsPage({
          open: dataset,
          query: Object.fromEntries(new URL(c.req.url).searchParams.entries()),
          format: c.req.valid('query').format,
          cursors,
          engine: deps.engine,
          relationAt: (version) => relationAt(dataset.access.dataset, version),
          links: links(),
          ...(deps.maxPageBytes ? { maxBytes: deps.maxPageBytes } : {}),
        });
        c.set('rows', page.rows);
        c.set('receipt', { datasetVersion: page.headers['X-Dataset-Version']!, sha256: page.sha256 });
        return c.body(page.body as Uint8Array<ArrayBuffer>, 200, { ...OPEN_HEADERS, ...page.headers }) as never;
      },
    )
    .route('/', ckanRoutes(parts, { open, links, factsDeps }));
}
