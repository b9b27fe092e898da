import { randomUUID } from 'node:crypto';
import type { ObjectStore } from '../lake/object-store';
import { sha256Hex } from '../ingest/sha256';
import type { QueryEngine } from '../query/query-engine';
import { encodeRows, type Format } from './formats';
import type { Access } from './grants';
import { orderedQuery } from './rows-query';
import type { RowsRequest } from './rows-request';
import { ExportAdmission, exportIdentity } from './export-admission';
import { ExportJobRecords, type ExportJob, type ExportsService } from './export-jobs';

/**
 * Full exports, built in this process in the background: every granted row (the grant's row filter applied) under
 * `exports/<agency>/`, with its job record beside it (status and receipt: dataset version, rows, SHA-256). A few at
 * once an agency, the same ask one job (export-admission.ts).
 */
export class Exports implements ExportsService {
  private readonly jobs = new Map<string, ExportJob>();
  private readonly records: ExportJobRecords;
  private readonly admission: ExportAdmission;

  constructor(
    private readonly store: ObjectStore,
    private readonly engine: QueryEngine,
  ) {
    this.records = new ExportJobRecords(store);
    this.admission = new ExportAdmission(store, (agency, exportId) => this.get(agency, exportId));
  }

  start(
    agency: string,
    access: Access,
    request: Omit<RowsRequest, 'limit' | 'after'>,
    format: Format,
    version: string,
    relation: string,
    now: Date,
  ): Promise<ExportJob> {
    const [dataset, createdAt] = [access.dataset.id, now.toISOString()];
    const job: ExportJob = { exportId: randomUUID(), agency, dataset, format, status: 'running', createdAt };
    return this.admission.start(exportIdentity(agency, access, request, format, version), now, job, async () => {
      this.jobs.set(job.exportId, job);
      await this.records.save(job);
      // In the background; run() records its own failure, this only catches a failed record write.
      this.run(job, access, request, version, relation).catch((error) =>
        console.error(`[export ${job.exportId}] ${(error as Error).stack ?? String(error)}`),
      );
    });
  }

  /** The job, only for the agency that started it: another agency's export does not exist. */
  async get(agency: string, exportId: string): Promise<ExportJob | undefined> {
    const cached = this.jobs.get(exportId);
    if (cached) return cached.agency === agency ? cached : undefined;
    return this.records.load(agency, exportId);
  }

  /** For a signed download link, which is itself the authorization (local server only). */
  byId(exportId: string): ExportJob | undefined {
    return this.jobs.get(exportId);
  }

  async read(job: ExportJob): Promise<Uint8Array> {
    return this.store.get(job.key!);
  }

  private async run(
    job: ExportJob,
    access: Access,
    request: Omit<RowsRequest, 'limit' | 'after'>,
    version: string,
    relation: string,
  ): Promise<void> {
    try {
      const { sql, params } = orderedQuery(access, request, relation);
      const { rows } = await this.engine.query(sql, params);
      const columns = request.fields.map((f) => access.columns.find((c) => c.name === f)!);
      const data = rows.map((row) => Object.fromEntries(request.fields.map((f) => [f, row[f] ?? null])));
      const body = encodeRows(job.format, columns, data, { dataset: job.dataset, version, count: data.length });
      job.key = `exports/${job.agency}/${job.exportId}.${job.format}`;
      job.receipt = { datasetVersion: version, rows: data.length, sha256: sha256Hex(body), bytes: body.length };
      job.files = [{ key: job.key, bytes: body.length, sha256: job.receipt.sha256 }];
      await this.store.put(job.key, body);
      job.status = 'succeeded';
    } catch (error) {
      job.status = 'failed';
      job.error = 'the export failed on the server; try again or ask the data center';
      console.error(`[export ${job.exportId}] ${(error as Error).stack ?? String(error)}`);
    }
    await this.admission.end(job.agency, job.exportId);
    await this.records.save(job);
  }
}
