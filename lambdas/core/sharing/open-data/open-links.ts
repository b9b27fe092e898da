/** The public tier's paths: served without a token, from the client address's rate limit. */
export const OPEN_DATA_PATH = /^\/(open\/v1\/|api\/3\/action\/)/;

export const CATALOG_PATH = '/open/v1/catalog.jsonld';
export const ROWS_PATH = '/open/v1/datasets/{id}/rows';
/** The CKAN actions served, each at `/api/3/action/<name>`. */
export const CKAN_ACTIONS = ['package_list', 'package_show', 'datastore_search', 'help_show'] as const;
export type CkanAction = (typeof CKAN_ACTIONS)[number];
/** Every public path, as API Gateway resources (sharing-api.ts) and the OpenAPI document name them. */
export const OPEN_DATA_PATHS = [CATALOG_PATH, ROWS_PATH, ...CKAN_ACTIONS.map((a) => `/api/3/action/${a}`)];
export const OPEN_FORMATS = ['csv', 'json'] as const;
export type OpenFormat = (typeof OPEN_FORMATS)[number];

/**
 * Every link the catalog and the CKAN API give, under the configured public URL (in AWS it
 * holds the stage, `/v1`): never the request's Host, which a client or proxy may set to
 * anything, as links.ts does for signed links. Dataset and distribution IRIs are fragments
 * of the catalog, so each resolves to the document that describes it.
 */
export class OpenLinks {
  readonly base: string;

  constructor(publicUrl: string) {
    this.base = publicUrl.replace(/\/+$/, '');
  }

  catalog(): string {
    return `${this.base}${CATALOG_PATH}`;
  }

  dataset(id: string): string {
    return `${this.catalog()}#${id}`;
  }

  distribution(id: string, format: OpenFormat): string {
    return `${this.catalog()}#${resourceId(id, format)}`;
  }

  publisher(id: string): string {
    return `${this.catalog()}#publisher-${id}`;
  }

  /** A dataset's rows as a file: the first 10,000 rows, the next page in the Link header. */
  rows(id: string, format: OpenFormat): string {
    return `${this.base}/open/v1/datasets/${id}/rows?format=${format}`;
  }

  action(name: string, query: Record<string, string | number> = {}): string {
    const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
    return `${this.base}/api/3/action/${name}${search ? `?${search}` : ''}`;
  }
}

/** A CKAN resource id: one per distribution; `datastore_search` takes it, or the dataset id as an alias. */
export function resourceId(datasetId: string, format: OpenFormat): string {
  return `${datasetId}-${format}`;
}

/** The dataset a resource id (or the dataset id itself) names, if any. */
export function datasetOfResource(resource: string): string {
  for (const format of OPEN_FORMATS) if (resource.endsWith(`-${format}`)) return resource.slice(0, -format.length - 1);
  return resource;
}
