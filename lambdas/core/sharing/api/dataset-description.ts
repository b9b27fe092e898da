import { resolveType } from '../../contracts/column-types';
import { mayHoldGrantedRows } from '../file-visibility';
import type { Access } from '../grants';
import type { ManifestIndex } from '../manifest-index';

/** A granted dataset as the catalog shows it: only the columns this agency receives. */
export async function describeDataset(access: Access, manifests: ManifestIndex) {
  const { dataset } = access;
  return {
    id: dataset.id,
    kind: dataset.kind,
    title: dataset.title,
    description: dataset.description,
    owner: dataset.owner,
    key: dataset.key,
    columns: access.columns.map(({ name, type, description, unit, pii }) => ({
      name,
      type,
      description,
      ...(unit ? { unit } : {}),
      pii,
    })),
    purpose: access.purpose,
    grantExpires: access.expires,
    ...(access.rowFilter ? { rowFilter: access.rowFilter } : {}),
    // A grant of part of the rows: when the newest file that may hold them came, not any producer's.
    freshness: await manifests.freshness(dataset.sources, (m) => mayHoldGrantedRows(access, m.source, m.dataset)),
    version: await manifests.version(dataset.sources),
    rowCount: null as number | null,
  };
}

/** The JSON Schema of one row as this agency receives it. */
export function rowJsonSchema(access: Access): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: access.dataset.title,
    type: 'object',
    properties: Object.fromEntries(
      access.columns.map((c) => {
        const { type, ...constraints } = resolveType(c.type).jsonSchema;
        const description = c.description + (c.unit ? ` (${c.unit})` : '');
        return [c.name, { type: [type, 'null'], ...constraints, description }];
      }),
    ),
  };
}
