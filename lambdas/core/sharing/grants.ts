import { OWNERSHIP, SOURCE_IDS } from '../feeds';
import { type DatasetGrant, type GrantsFile, parseGrantsFile } from './grants-file';
import { checkOpenSection } from './open-data/open-declaration';
import type { ServedColumn, ServedDataset } from './served-datasets';

/** What an agency may read of one dataset: the granted columns, the row filter, the purpose and the last day. */
export interface Access {
  dataset: ServedDataset;
  columns: ServedColumn[];
  rowFilter?: { column: string; equals: string[] };
  purpose: string;
  expires: string;
}

/** The grants file (grants-file.ts) checked against the served datasets: who may read what; deny by default. */
export class Grants {
  private constructor(
    readonly file: GrantsFile,
    private readonly datasets: ReadonlyMap<string, ServedDataset>,
  ) {}

  /** Validates the file against the served datasets: every dataset, column and filter must exist. */
  static parse(value: unknown, served: readonly ServedDataset[]): Grants {
    const file = parseGrantsFile(value);
    const datasets = new Map(served.map((d) => [d.id, d]));
    const ids = new Set<string>();
    for (const agency of file.agencies) {
      if (ids.has(agency.id)) throw new Error(`invalid grants file: agency ${agency.id} appears twice`);
      ids.add(agency.id);
      for (const source of agency.feeds) {
        if (!SOURCE_IDS.includes(source))
          throw new Error(`invalid grants file: ${agency.id} is granted unknown feed ${source}`);
        // Its uploads could supersede any producer's figures (one carrier changing another's counts).
        if (OWNERSHIP.writesOthersRows(source))
          throw new Error(
            `invalid grants file: ${agency.id} is granted the feed ${source}, which writes rows other sources own; grant a producer its own source`,
          );
      }
      for (const grant of agency.datasets) {
        const dataset = datasets.get(grant.dataset);
        if (!dataset) throw new Error(`invalid grants file: ${agency.id} is granted unknown dataset ${grant.dataset}`);
        const names = new Set(dataset.columns.map((c) => c.name));
        for (const column of grant.columns === '*' ? [] : grant.columns) {
          if (!names.has(column))
            throw new Error(`invalid grants file: ${agency.id}/${grant.dataset}: unknown column ${column}`);
        }
        if (grant.rowFilter && !names.has(grant.rowFilter.column))
          throw new Error(
            `invalid grants file: ${agency.id}/${grant.dataset}: unknown row filter column ${grant.rowFilter.column}`,
          );
      }
    }
    if (file.dataCenter && !ids.has(file.dataCenter))
      throw new Error(`invalid grants file: the data center ${file.dataCenter} is no agency of the file`);
    if (file.open) checkOpenSection(file.open, datasets);
    return new Grants(file, datasets);
  }

  agency(id: string) {
    return this.file.agencies.find((a) => a.id === id);
  }

  dataset(id: string): ServedDataset | undefined {
    return this.datasets.get(id);
  }

  /** The agency's live grants, one per dataset, as what it may read. */
  accessible(agencyId: string, today: string): Access[] {
    return (this.agency(agencyId)?.datasets ?? []).filter((g) => g.expires >= today).map((g) => this.toAccess(g));
  }

  /** What the agency may read of one dataset, or why not. */
  access(
    agencyId: string,
    datasetId: string,
    today: string,
  ): Access | { refused: 'unknown_dataset' | 'not_granted' | 'grant_expired' } {
    if (!this.datasets.has(datasetId)) return { refused: 'unknown_dataset' };
    const grant = this.agency(agencyId)?.datasets.find((g) => g.dataset === datasetId);
    if (!grant) return { refused: 'not_granted' };
    if (grant.expires < today) return { refused: 'grant_expired' };
    return this.toAccess(grant);
  }

  private toAccess(grant: DatasetGrant): Access {
    const dataset = this.datasets.get(grant.dataset)!;
    const columns =
      grant.columns === '*'
        ? dataset.columns.filter((c) => c.shareable && !c.pii)
        : dataset.columns.filter((c) => (grant.columns as string[]).includes(c.name));
    return {
      dataset,
      columns,
      ...(grant.rowFilter ? { rowFilter: grant.rowFilter } : {}),
      purpose: grant.purpose,
      expires: grant.expires,
    };
  }
}
