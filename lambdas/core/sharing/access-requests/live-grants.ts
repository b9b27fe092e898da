import { Grants } from '../grants';
import { type AgencyGrants, type GrantsFile, parseGrantsFile } from '../grants-file';
import type { ServedDataset } from '../served-datasets';
import type { AccessRequest, AccessRequestStore } from './access-request-store';
import { stewardship } from './stewardship';

/** What the API reads of the grants: the seed file's `Grants`, or the live grants over it. */
export type GrantsReader = Pick<Grants, 'file' | 'agency' | 'dataset' | 'accessible' | 'access'>;

/**
 * The grants in force: the grants file (the seed, reviewed with the code) plus every approved
 * access request, re-read from the store at most every `refreshMs` and at once after a
 * decision, so an approval takes effect without a redeploy and on every server instance. The
 * merged file is validated like the seed: a request can never grant what the file could not.
 */
export class LiveGrants implements GrantsReader {
  private current: Grants;
  private loadedAt = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | undefined;
  private readonly seed: GrantsFile;

  constructor(
    seed: unknown,
    private readonly served: readonly ServedDataset[],
    private readonly requests: AccessRequestStore,
    private readonly refreshMs = 5_000,
  ) {
    this.current = Grants.parse(seed, served);
    this.seed = parseGrantsFile(seed);
  }

  /** Re-reads the approved requests when the last read is older than `refreshMs` (or `force`). */
  async refresh(force = false): Promise<void> {
    if (!force && Date.now() - this.loadedAt < this.refreshMs) return;
    this.loading ??= (async () => {
      const approved = (await this.requests.all()).filter((r) => r.status === 'approved');
      this.current = Grants.parse(withApproved(this.seed, approved), this.served);
      this.loadedAt = Date.now();
    })().finally(() => (this.loading = undefined));
    await this.loading;
  }

  get file() {
    return this.current.file;
  }
  agency(id: string) {
    return this.current.agency(id);
  }
  dataset(id: string) {
    return this.current.dataset(id);
  }
  accessible(agencyId: string, today: string) {
    return this.current.accessible(agencyId, today);
  }
  access(agencyId: string, datasetId: string, today: string) {
    return this.current.access(agencyId, datasetId, today);
  }

  /** Who decides on a request for a dataset (stewardship.ts): the data center, and a dataset’s only producer. */
  stewards(datasetId: string): string[] {
    return this.stewardship(datasetId)?.stewards ?? [];
  }

  /** Names who decides on requests for a dataset, for the refusal of an agency that may not. */
  whoDecides(datasetId: string): string {
    return this.stewardship(datasetId)?.whoDecides ?? `no agency decides on requests for ${datasetId}`;
  }

  private stewardship(datasetId: string) {
    const dataset = this.current.dataset(datasetId);
    return dataset ? stewardship(this.current.file, { id: datasetId, kind: dataset.kind }) : undefined;
  }
}

/** The seed with each approved request as the agency's grant of its dataset (the latest-expiring one wins). */
function withApproved(seed: GrantsFile, approved: readonly AccessRequest[]): GrantsFile {
  const agencies = seed.agencies.map((agency): AgencyGrants => {
    const mine = approved.filter((r) => r.agency === agency.id);
    if (mine.length === 0) return agency;
    const byDataset = new Map<string, AgencyGrants['datasets'][number]>();
    for (const grant of agency.datasets) byDataset.set(grant.dataset, grant);
    for (const request of [...mine].sort((a, b) => a.expires!.localeCompare(b.expires!)))
      byDataset.set(request.dataset, {
        dataset: request.dataset,
        columns: request.columns,
        purpose: request.purpose,
        expires: request.expires!,
      });
    return { ...agency, datasets: [...byDataset.values()] };
  });
  return { ...seed, agencies };
}
