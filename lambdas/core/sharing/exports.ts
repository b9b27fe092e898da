import { randomUUID } from 'node:crypto';
import type { ObjectStore } from '../lake/object-store';
import { sha256Hex } from '../ingest/sha256';
import type { QueryEngine } from '../query/query-engine';
import { encodeRows, type Format } from './formats';
import type { Access } from './grants';
import { problems } from './problem';
import { orderedQuery } from './rows-query';
import { askedFor, type RowsRequest } from './rows-request';

export interface ExportJob {
  exportId: string;
  agency: string;
  dataset: string;
  format: Format;
  status: 'running' | 'succeeded' | 'failed';
  createdAt: string;
  /** The export's object, when it is one file. */
  key?: string;
  /** Every object of the export (one locally; one per Athena writer with UNLOAD), each with its checksum. */
  files?: { key: string; bytes: number; sha256: string }[];
  /** The Athena query that writes it (UNLOAD). */
  queryExecutionId?: string;
  receipt?: { datasetVersion: string; rows: number; sha256: string; bytes: number };
  error?: string;
}

/** What the API needs of an exports service: the in-process one below, or Athena UNLOAD in AWS. */
export interface ExportsService {
  /** Starts the export and answers at once: the caller polls `get`. */
  start(
    agency: string,
    access: Access,
    request: Omit<RowsRequest, 'limit' | 'after'>,
    format: Format,
    version: string,
    relation: string,
    now: Date,
  ): Promise<ExportJob>;
  get(agency: string, exportId: string): Promise<ExportJob | undefined>;
}

/**
 * Export job records, stored under the agency's own prefix: any server instance (any Lambda
 * container) can answer for a job, and never for another agency's.
 */
export class ExportJobRecords {
  constructor(private readonly store: ObjectStore) {}

  async load(agency: string, exportId: string): Promise<ExportJob | undefined> {
    const key = this.key(agency, exportId);
    if (!(await this.store.exists(key))) return undefined;
    return JSON.parse(new TextDecoder().decode(await this.store.get(key))) as ExportJob;
  }

  save(job: ExportJob): Promise<void> {
    return this.store.put(this.key(job.agency, job.exportId), JSON.stringify(job, null, 2), 'application/json');
  }

  private key(agency: string, exportId: string): string {
    return `exports/${agency}/${exportId}.job.json`;
  }
}

/** Exports one agency may build at once (each holds its whole file in memory), and how long the same ask is one job. */
export const MAX_RUNNING_EXPORTS = 2;
export const REUSE_EXPORT_MS = 60 * 60_000;

/**
 * Full exports, built in this process in the background: every granted row (the grant's row filter applied) under
 * `exports/<agency>/`, with its job record beside it (status and receipt: dataset version, rows, SHA-256). A few at
 * once an agency, the same ask one job: ten parallel asks once built ten 11.5 MB files and stalled the server.
 */
export class Exports implements ExportsService {
  private readonly jobs = new Map<string, ExportJob>();
  /** The latest job of each export asked for: agency, grant, version, format and what was asked (askedFor). */
  private readonly identical = new Map<string, ExportJob>();
  private readonly records: ExportJobRecords;

  constructor(
    private readonly store: ObjectStore,
    private readonly engine: QueryEngine,
  ) {
    this.records = new ExportJobRecords(store);
  }

  async start(
    agency: string,
    access: Access,
    request: Omit<RowsRequest, 'limit' | 'after'>,
    format: Format,
    version: string,
    relation: string,
    now: Date,
  ): Promise<ExportJob> {
    // Looked up and registered before the first await, so parallel asks see each other.
    // The grant as it stands (its columns and row filter may change with an approved request) is part of the ask.
    const granted = [access.columns.map((c) => c.name), access.rowFilter];
    const identity = JSON.stringify([agency, access.dataset.id, granted, version, format, askedFor(request)]);
    const same = this.identical.get(identity);
    if (same && same.status !== 'failed' && now.getTime() - Date.parse(same.createdAt) < REUSE_EXPORT_MS) return same;
    const running = [...this.jobs.values()].filter((j) => j.agency === agency && j.status === 'running').length;
    if (running >= MAX_RUNNING_EXPORTS) throw problems.tooManyRequests(30, `this agency (${running} exports running)`);
    const [dataset, createdAt] = [access.dataset.id, now.toISOString()];
    const job: ExportJob = { exportId: randomUUID(), agency, dataset, format, status: 'running', createdAt };
    this.jobs.set(job.exportId, job);
    this.identical.set(identity, job);
    await this.records.save(job);
    // In the background; run() records its own failure, this only catches a failed record write.
    this.run(job, access, request, version, relation).catch((error) =>
      console.error(`[export ${job.exportId}] ${(error as Error).stack ?? String(error)}`),
    );
    return job;
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
    await this.records.save(job);
  }
}
