import { createRoute, z } from '@hono/zod-openapi';
import { ACTION_HELP, ckanAnswer, ckanRoute, OPEN_HEADERS, text } from '../open-data/ckan-answer';
import { CkanError, ckanPackage } from '../open-data/ckan-package';
import {
  DATASTORE_MAX_LIMIT,
  DATASTORE_MAX_OFFSET,
  datastoreSearch,
  integer,
  parseDatastoreSearch,
} from '../open-data/datastore-search';
import { dcatCatalog } from '../open-data/dcat-catalog';
import { OpenDatasets } from '../open-data/open-datasets';
import {
  CATALOG_PATH,
  type CkanAction,
  datasetOfResource,
  OPEN_FORMATS,
  OpenLinks,
  ROWS_PATH,
} from '../open-data/open-links';
import { openRowsPage } from '../open-data/open-rows';
import { problems } from '../problem';
import { type ApiParts, router } from './router';
import { DATASET_ID, publicRefusals, rowsPageSchema } from './schemas';

/**
 * The public tier: open datasets without a token, from the client address's rate limit, each
 * request audited without an agency. A DCAT-AP 3 catalog, files of rows, and the CKAN action
 * API's read subset that harvesters and CKAN clients use. Every link names `publicUrl`.
 */
export function openDataRoutes(parts: ApiParts, publicUrl: () => string) {
  const { deps, cursors, relationOf, relationAt } = parts;
  const open = new OpenDatasets(deps.grants);
  const factsDeps = { engine: deps.engine, manifests: deps.manifests, relationOf };
  const links = () => new OpenLinks(publicUrl());
  /** The open dataset a CKAN id names: a closed one is refused as not open, not as missing. */
  const openOrRefuse = (id: string, what = 'Dataset') => {
    const found = open.get(id);
    if (found) return found;
    if (deps.grants.dataset(id)) throw new CkanError('Authorization Error', `${id} is not open data`);
    throw new CkanError('Not Found Error', `${what} "${id.slice(0, 64)}" was not found.`);
  };

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
    .openapi(ckanRoute('package_list', { limit: text('names, at most'), offset: text('names to skip') }), (c) =>
      ckanAnswer(c, links(), 'package_list', async () => {
        const query = c.req.valid('query');
        const names = open.list().map((o) => o.access.dataset.id);
        const from = integer(query.offset, 'offset', 0, DATASTORE_MAX_OFFSET);
        return names.slice(from, from + integer(query.limit, 'limit', names.length, DATASTORE_MAX_LIMIT));
      }),
    )
    .openapi(ckanRoute('package_show', { id: text('the dataset name') }), (c) =>
      ckanAnswer(c, links(), 'package_show', async () => {
        const id = c.req.valid('query').id ?? '';
        c.set('dataset', id);
        if (id === '') throw new CkanError('Validation Error', 'id: Missing value');
        const dataset = openOrRefuse(id);
        return ckanPackage(dataset, await open.factsOf(dataset, factsDeps), links());
      }),
    )
    .openapi(
      ckanRoute('datastore_search', {
        resource_id: text('a resource id of package_show, or the dataset name'),
        filters: text('a JSON object: column → value or list of values'),
        fields: text('comma-separated open columns'),
        limit: text('records, 0..10000 (default 100)'),
        offset: text('records to skip'),
      }),
      (c) =>
        ckanAnswer(c, links(), 'datastore_search', async () => {
          const query = Object.fromEntries(new URL(c.req.url).searchParams.entries());
          const resource = query.resource_id ?? query.id ?? '';
          if (resource === '') throw new CkanError('Validation Error', 'resource_id: Missing value');
          const id = datasetOfResource(resource);
          c.set('dataset', id);
          const dataset = openOrRefuse(id, 'Resource');
          const search = parseDatastoreSearch(query, dataset, resource, cursors);
          const result = await datastoreSearch(search, await relationOf(dataset.access.dataset), deps.engine, links());
          c.set('rows', result.records.length);
          return result;
        }),
    )
    .openapi(ckanRoute('help_show', { name: text("an action's name") }), (c) =>
      ckanAnswer(c, links(), 'help_show', async () => {
        const name = c.req.valid('query').name ?? '';
        if (!Object.hasOwn(ACTION_HELP, name))
          throw new CkanError('Not Found Error', `Action "${name.slice(0, 64)}" was not found.`);
        return ACTION_HELP[name as CkanAction];
      }),
    );
}
