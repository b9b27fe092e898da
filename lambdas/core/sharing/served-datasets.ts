import { DATASETS, type ColumnType } from '../contracts';
import { MARTS } from '../marts';
import { datasetsReadBy, type ViewSource } from '../sql/view-files';
import { MANIFESTS_TABLE } from './manifest-index';

export interface ServedColumn {
  name: string;
  type: ColumnType;
  description: string;
  unit?: string;
  /** Personal data (a keyed hash): served only when a grant names the column. */
  pii: boolean;
  /** May be shared at all (a grant can still narrow it further). */
  shareable: boolean;
}

/** A dataset the sharing API can serve: a mart, or a contract dataset through its staging view. */
export interface ServedDataset {
  id: string;
  kind: 'mart' | 'dataset';
  title: string;
  description: string;
  owner: string;
  /** The view rows are read from. */
  view: string;
  columns: ServedColumn[];
  /** Sort order and keyset cursor: the natural key. */
  key: string[];
  /**
   * The contract datasets its rows come from (their manifests make its version), or the
   * manifests' own table (every manifest makes it).
   */
  sources: string[];
}

/** Every dataset the API knows, from the mart and dataset contracts: deny-by-default grants pick from these. */
export function servedDatasets(views: readonly ViewSource[]): ServedDataset[] {
  const reads = datasetsReadBy(views, [...DATASETS.map((d) => d.name), MANIFESTS_TABLE]);
  const marts = MARTS.map(
    (m): ServedDataset => ({
      id: m.name,
      kind: 'mart',
      title: m.title,
      description: m.description,
      owner: 'vpdc data center',
      view: m.name,
      columns: m.columns.map((c) => ({
        name: c.name,
        type: c.type,
        description: c.description,
        ...(c.unit ? { unit: c.unit } : {}),
        pii: false,
        shareable: c.shareable,
      })),
      key: m.key,
      sources: reads.get(m.name) ?? [],
    }),
  );
  const datasets = DATASETS.map(
    (d): ServedDataset => ({
      id: d.name,
      kind: 'dataset',
      title: d.title,
      description: d.description,
      owner: d.owner,
      view: `stg_${d.name}`,
      columns: [...d.columns, ...d.partitionColumns].map((c) => ({
        name: c.name,
        type: c.type,
        description: c.description,
        ...(c.unit ? { unit: c.unit } : {}),
        pii: c.pii !== undefined,
        shareable: c.pii === undefined,
      })),
      key: d.naturalKey,
      sources: [d.name],
    }),
  );
  return [...marts, ...datasets];
}
