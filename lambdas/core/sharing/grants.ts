import { z } from 'zod';
import { OWNERSHIP, SOURCE_IDS } from '../feeds';
import { checkOpenSection, openSection } from './open-data/open-declaration';
import type { ServedColumn, ServedDataset } from './served-datasets';

/**
 * Who may read what: agency → dataset → columns, row filter, purpose, expiry; which feeds it
 * may upload; whether it may watch every feed's health. Deny by default: anything not granted
 * here is refused. `"*"` means every shareable, non-personal column; a personal (PII, always a
 * keyed hash) or non-shareable column is served only when a grant names it.
 */
const datasetGrant = z
  .object({
    dataset: z.string(),
    columns: z.union([z.literal('*'), z.array(z.string()).min(1)]),
    rowFilter: z
      .object({ column: z.string(), equals: z.array(z.string().min(1)).min(1) })
      .strict()
      .optional(),
    purpose: z.string().min(5),
    expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  })
  .strict();

const grantsFile = z
  .object({
    version: z.string().min(1),
    agencies: z.array(
      z
        .object({
          id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
          name: z.string().min(3),
          /** The sources it uploads (scope `feeds:<source>` each); `health` would be the feed-health scope. */
          feeds: z.array(
            z.string().refine((source) => source !== 'health', {
              message: 'no feed may be called "health": feeds:health is the feed-health scope',
            }),
          ),
          /** May read every feed's health (`GET /v1/feeds`: files, row counts, reject reasons, lateness). */
          feedHealth: z.boolean().default(false),
          datasets: z.array(datasetGrant),
        })
        .strict(),
    ),
    /** The agency that runs the data center: it decides on access requests for every dataset (access-requests/). */
    dataCenter: z.string().optional(),
    /** Datasets served without a token, at the public tier (open-data/): absent, none. */
    open: openSection.optional(),
  })
  .strict();

export type GrantsFile = z.infer<typeof grantsFile>;
/** A grants file as written, before its defaults (`feedHealth: false`) are filled in. */
export type GrantsFileInput = z.input<typeof grantsFile>;
export type AgencyGrants = GrantsFile['agencies'][number];

/** The grants file's shape alone (the CDK stack reads agencies and feeds from it). */
export function parseGrantsFile(value: unknown): GrantsFile {
  const parsed = grantsFile.safeParse(value);
  if (!parsed.success) throw new Error(`invalid grants file: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
export type DatasetGrant = z.infer<typeof datasetGrant>;

export interface Access {
  dataset: ServedDataset;
  columns: ServedColumn[];
  rowFilter?: { column: string; equals: string[] };
  purpose: string;
  expires: string;
}

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
