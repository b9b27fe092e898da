import { sha256Hex } from '../ingest/sha256';
import type { ObjectStore } from '../lake/object-store';
import type { Format } from './formats';
import type { Access } from './grants';
import { problems } from './problem';
import { Turns } from './turns';
import { askedFor, type RowsRequest } from './rows-request';
import type { ExportJob } from './export-jobs';

/** Exports one agency may have running at once, and how long the same ask is one job. */
export const MAX_RUNNING_EXPORTS = 2;
export const REUSE_EXPORT_MS = 60 * 60_000;
/** A running mark older than this no longer counts: its export's end was never recorded (longer than Athena lets a query run). */
const RUNNING_MARK_MS = 60 * 60_000;

/**
 * What makes two asks the same export: the agency, the grant as it stands (its columns and row
 * filter may change with an approved request), the version, the format and what was asked.
 */
export function exportIdentity(
  agency: string,
  access: Access,
  request: Omit<RowsRequest, 'limit' | 'after'>,
  format: Format,
  version: string,
): string {
  const granted = [access.columns.map((c) => c.name), access.rowFilter];
  return JSON.stringify([agency, access.dataset.id, granted, version, format, askedFor(request)]);
}

/**
 * Which exports an agency may start, kept in the store beside its job records, so that every
 * server (each Lambda container in AWS) sees the same: the same ask within the hour is the same
 * job, and at most MAX_RUNNING_EXPORTS run at once (ten parallel asks once built ten 11.5 MB files
 * and stalled the server). A new export marks itself running, then counts the marks: one that
 * finds more than the cap withdraws and is refused. Every mark is listed after it is written (S3
 * lists what was written before), so of asks at the same moment none gets past a cap another
 * has filled; at worst all of them are refused and retry. In one process an agency's asks take turns.
 */
export class ExportAdmission {
  /** One agency's asks take turns in this process. */
  private readonly turns = new Turns();

  /** `load` reads a job as the service knows it (a local server's, as it runs). */
  constructor(
    private readonly store: ObjectStore,
    private readonly load: (agency: string, exportId: string) => Promise<ExportJob | undefined>,
  ) {}

  /**
   * The job of this ask: the one made for the same ask within the hour (unless it failed), or
   * `job`, once admitted, with `begin` saving its record and starting its work.
   */
  start(identity: string, now: Date, job: ExportJob, begin: (job: ExportJob) => Promise<void>): Promise<ExportJob> {
    return this.turns.run(job.agency, async () => {
      const same = await this.sameAsk(job.agency, identity, now);
      if (same) return same;
      await this.admit(job);
      try {
        await begin(job);
      } catch (error) {
        await this.end(job.agency, job.exportId);
        throw error;
      }
      await this.store.put(this.askKey(job.agency, identity), job.exportId, 'text/plain');
      return job;
    });
  }

  /** Marks the export running and counts the agency's running ones: over the cap, it withdraws and throws 429. */
  private async admit(job: ExportJob): Promise<void> {
    const own = this.mark(job.agency, 'run', job.exportId);
    await this.store.put(own, job.createdAt, 'text/plain');
    const marks = await this.store.list(this.marks(job.agency));
    const idOf = (key: string) => key.slice(key.lastIndexOf('.') + 1);
    const ended = new Set(marks.filter((m) => m.key.includes('/end.')).map((m) => idOf(m.key)));
    // Ages by the store's clock (the time of the mark just written), not this server's.
    const at = (marks.find((m) => m.key === own)?.modified ?? new Date()).getTime();
    const running = marks.filter(
      (m) => m.key.includes('/run.') && !ended.has(idOf(m.key)) && at - m.modified.getTime() < RUNNING_MARK_MS,
    ).length;
    if (running > MAX_RUNNING_EXPORTS) {
      await this.end(job.agency, job.exportId);
      throw problems.tooManyRequests(30, `this agency (${running - 1} exports running)`);
    }
  }

  /** The export no longer runs (it ended, or was refused): it stops counting. */
  async end(agency: string, exportId: string): Promise<void> {
    await this.store.put(this.mark(agency, 'end', exportId), new Date().toISOString(), 'text/plain');
  }

  private async sameAsk(agency: string, identity: string, now: Date): Promise<ExportJob | undefined> {
    const key = this.askKey(agency, identity);
    if (!(await this.store.exists(key))) return undefined;
    const job = await this.load(agency, new TextDecoder().decode(await this.store.get(key)));
    if (!job || job.status === 'failed' || now.getTime() - Date.parse(job.createdAt) >= REUSE_EXPORT_MS)
      return undefined;
    return job;
  }

  private marks(agency: string): string {
    return `exports/${agency}/admission/`;
  }

  private mark(agency: string, kind: 'run' | 'end', exportId: string): string {
    return `${this.marks(agency)}${kind}.${exportId}`;
  }

  private askKey(agency: string, identity: string): string {
    return `${this.marks(agency)}ask.${sha256Hex(identity)}`;
  }
}
