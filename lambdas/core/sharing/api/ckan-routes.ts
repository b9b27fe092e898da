import { ACTION_HELP, ckanAnswer, ckanRoute, text } from '../open-data/ckan-answer';
import { CkanError, ckanPackage } from '../open-data/ckan-package';
import {
  DATASTORE_MAX_LIMIT,
  DATASTORE_MAX_OFFSET,
  datastoreSearch,
  integer,
  parseDatastoreSearch,
} from '../open-data/datastore-search';
import type { OpenDatasets, OpenFactsDeps } from '../open-data/open-datasets';
import { type CkanAction, datasetOfResource, type OpenLinks } from '../open-data/open-links';
import { type ApiParts, router } from './router';

/**
 * The CKAN action API's read subset (package_list, package_show, datastore_search, help_show)
 * over the public tier's open datasets (open-data.ts), each answer in CKAN's envelope.
 */
export function ckanRoutes(
  { deps, cursors, relationOf }: ApiParts,
  { open, links, factsDeps }: { open: OpenDatasets; links: () => OpenLinks; factsDeps: OpenFactsDeps },
) {
  /** The open dataset a CKAN id names: a closed one is refused as not open, not as missing. */
  const openOrRefuse = (id: string, what = 'Dataset') => {
    const found = open.get(id);
    if (found) return found;
    if (deps.grants.dataset(id)) throw new CkanError('Authorization Error', `${id} is not open data`);
    throw new CkanError('Not Found Error', `${what} "${id.slice(0, 64)}" was not found.`);
  };

  return router()
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
