import type { QueryEngine } from '../../query/query-engine';
import type { Access, Grants } from '../grants';
import type { ManifestIndex } from '../manifest-index';
import { countQuery } from '../rows-query';
import type { ServedDataset } from '../served-datasets';
import { type License, licenseOf, type OpenSection, openColumns, type Publisher } from './open-declaration';

/** An open dataset as the public tier serves it: the dataset with only its open columns, and its terms. */
export interface OpenDataset {
  /** What anyone may read: the open columns, no row filter (an Access, so rows-query.ts serves it). */
  access: Access;
  license: License;
  publisher: Publisher;
  keywords: string[];
}

/** What the manifests and the rows say of an open dataset now: the catalog's dates, version and coverage. */
export interface OpenFacts {
  version: string;
  /** Its newest manifest's time; null before any feed arrived. */
  modified: string | null;
  /** Its first version's time; null before any feed arrived. */
  issued: string | null;
  /** The first and last month of its rows, when it has months. */
  periods: { first: string; last: string } | null;
  rows: number;
}

export interface OpenFactsDeps {
  engine: QueryEngine;
  manifests: ManifestIndex;
  relationOf: (dataset: ServedDataset) => Promise<string>;
}

/**
 * The public tier's datasets, from the grants file's `open` section (validated by Grants.parse).
 * Facts are kept per dataset version: a catalog request runs a count query only after a new
 * feed changed the dataset (on Athena each query takes seconds and is billed).
 */
export class OpenDatasets {
  readonly section: OpenSection | undefined;
  private readonly byId: ReadonlyMap<string, OpenDataset>;
  private readonly facts = new Map<string, { version: string; facts: Promise<OpenFacts> }>();

  constructor(grants: Pick<Grants, 'file' | 'dataset'>) {
    this.section = grants.file.open;
    const publishers = new Map((this.section?.publishers ?? []).map((p) => [p.id, p]));
    this.byId = new Map(
      (this.section?.datasets ?? []).map((entry) => {
        const dataset = grants.dataset(entry.dataset)!;
        const open: OpenDataset = {
          access: {
            dataset,
            columns: openColumns(entry, dataset),
            purpose: `open data, ${licenseOf(entry).id}`,
            expires: '9999-12-31',
          },
          license: licenseOf(entry),
          publisher: publishers.get(entry.publisher)!,
          keywords: entry.keywords,
        };
        return [dataset.id, open];
      }),
    );
  }

  /** In the grants file's order. */
  list(): OpenDataset[] {
    return [...this.byId.values()];
  }

  get(id: string): OpenDataset | undefined {
    return this.byId.get(id);
  }

  async factsOf(open: OpenDataset, deps: OpenFactsDeps): Promise<OpenFacts> {
    const { dataset } = open.access;
    const version = await deps.manifests.version(dataset.sources);
    const kept = this.facts.get(dataset.id);
    if (kept?.version === version) return kept.facts;
    const facts = (async (): Promise<OpenFacts> => {
      const versions = await deps.manifests.versions(dataset.sources);
      const { sql, params } = countQuery(open.access, await deps.relationOf(dataset));
      const [count] = (await deps.engine.query(sql, params)).rows;
      return {
        version,
        modified: versions.at(-1)?.publishedAt ?? null,
        issued: versions[0]?.publishedAt ?? null,
        periods: count?.last_period ? { first: String(count.first_period), last: String(count.last_period) } : null,
        rows: Number(count?.n ?? 0),
      };
    })();
    this.facts.set(dataset.id, { version, facts });
    // A failed count is not kept: the next request tries again.
    facts.catch(() => {
      if (this.facts.get(dataset.id)?.facts === facts) this.facts.delete(dataset.id);
    });
    return facts;
  }
}
