import { type TypeKind, typeKind } from '../../contracts/column-types';
import type { ServedColumn } from '../served-datasets';
import type { OpenDataset, OpenFacts } from './open-datasets';
import { OPEN_FORMATS, type OpenLinks, resourceId } from './open-links';

/**
 * CKAN's action API shapes (docs.ckan.org, "API guide" and the DataStore's datastore_search):
 * every answer is `{ help, success, result }`, every refusal `{ help, success: false, error:
 * { message, __type } }` with CKAN's status for its type.
 */
export const CKAN_ERRORS = {
  'Not Found Error': 404,
  'Authorization Error': 403,
  'Validation Error': 409,
} as const;
export type CkanErrorType = keyof typeof CKAN_ERRORS;

export class CkanError extends Error {
  override name = 'CkanError';
  constructor(
    readonly type: CkanErrorType,
    message: string,
  ) {
    super(message);
  }
}

/** CKAN writes its times as naive UTC ISO 8601 (no `Z`). */
const ckanTime = (iso: string | null) => (iso === null ? null : iso.replace(/Z$/, ''));

/** DataStore field types are PostgreSQL's. */
const DATASTORE_TYPES: Record<TypeKind, string> = {
  string: 'text',
  bigint: 'int8',
  double: 'float8',
  decimal: 'numeric',
  boolean: 'bool',
  date: 'date',
  timestamp: 'timestamp',
};

export function datastoreFields(columns: readonly ServedColumn[]) {
  return columns.map((c) => ({
    id: c.name,
    type: DATASTORE_TYPES[typeKind(c.type)],
    info: { label: c.name, notes: c.description + (c.unit ? ` (${c.unit})` : '') },
  }));
}

/** A package (CKAN's word for a dataset) as `package_show` gives it, with one resource per distribution. */
export function ckanPackage(open: OpenDataset, facts: OpenFacts, links: OpenLinks) {
  const { dataset } = open.access;
  const organization = {
    id: open.publisher.id,
    name: open.publisher.id,
    title: open.publisher.name,
    type: 'organization',
    is_organization: true,
    state: 'active',
  };
  const resources = OPEN_FORMATS.map((format, position) => ({
    id: resourceId(dataset.id, format),
    package_id: dataset.id,
    name: `${dataset.title} (${format.toUpperCase()})`,
    description: `Columns: ${open.access.columns.map((c) => c.name).join(', ')}`,
    format: format.toUpperCase(),
    mimetype: format === 'csv' ? 'text/csv' : 'application/json',
    url: links.rows(dataset.id, format),
    datastore_active: true,
    created: ckanTime(facts.issued),
    last_modified: ckanTime(facts.modified),
    position,
    state: 'active',
  }));
  return {
    id: dataset.id,
    name: dataset.id,
    title: dataset.title,
    notes: dataset.description,
    url: links.dataset(dataset.id),
    version: facts.version,
    type: 'dataset',
    state: 'active',
    private: false,
    isopen: true,
    license_id: open.license.id,
    license_title: open.license.title,
    license_url: open.license.url,
    author: open.publisher.name,
    maintainer: open.publisher.name,
    metadata_created: ckanTime(facts.issued),
    metadata_modified: ckanTime(facts.modified),
    owner_org: organization.id,
    organization,
    groups: [],
    tags: open.keywords.map((name) => ({ name, display_name: name, state: 'active', vocabulary_id: null })),
    num_tags: open.keywords.length,
    extras: [
      ...(facts.periods
        ? [
            { key: 'temporal_start', value: facts.periods.first },
            { key: 'temporal_end', value: facts.periods.last },
          ]
        : []),
      { key: 'dcat_catalog', value: links.catalog() },
    ],
    resources,
    num_resources: resources.length,
  };
}
