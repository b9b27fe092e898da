import { randomUUID } from 'node:crypto';
import type { ObjectStore } from '../lake/object-store';
import { sha256Hex } from '../ingest/sha256';
import type { QueryEngine } from '../query/query-engine';
import { encodeRows, type Format } from './formats';
import type { Access } from './grants';
import { rowsQuery, type RowsRequest } from './rows-query';

export interface ExportJob {
  exportId: string;
  agency: string;
  dataset: string;
  format: Format;
  status: 'running' | 'succeeded' | 'failed';
  createdAt: string;
  key?: string;
  receipt?: { datasetVersion: string; rows: number; sha256: string; bytes: number };
  error?: string;
}

/**
 * Full exports, run in the background: every granted row (the grant's row filter applied)
 * written once under `exports/<agency>/`, with a JSON sidecar receipt (dataset version, rows,
 * SHA-256). In AWS the same job is an Athena UNLOAD to the exports prefix.
 */
export class Exports {
  private readonly jobs = new Map<string, ExportJob>();

  constructor(private readonly store: ObjectStore, private readonly engine: QueryEngine) {}

  start(agency: string, access: Access, request: Omit<RowsRequest, 'limit' | 'after'>, format: Format, version: string, relation: string, now: Date): ExportJob {
    const job: ExportJob = { exportId: randomUUID(), agency, dataset: access.dataset.id, format, status: 'running', createdAt: now.toISOString() };
    this.jobs.set(job.exportId, job);
    void this.run(job, access, request, version, relation);
    return job;
  }

  /** The job, only for the agency that started it: another agency's export does not exist. */
  get(agency: string, exportId: string): ExportJob | undefined {
    const job = this.jobs.get(exportId);
    return job && job.agency === agency ? job : undefined;
  }

  /** For a signed download link, which is itself the authorization. */
  byId(exportId: string): ExportJob | undefined {
    return this.jobs.get(exportId);
  }

  async read(job: ExportJob): Promise<Uint8Array> {
    return this.store.get(job.key!);
  }

  private async run(job: ExportJob, access: Access, request: Omit<RowsRequest, 'limit' | 'after'>, version: string, relation: string): Promise<void> {
    try {
      const { sql, params } = rowsQuery(access, { ...request, limit: Number.MAX_SAFE_INTEGER - 1 }, relation);
      const { rows } = await this.engine.query(sql, params);
      const columns = request.fields.map((f) => access.columns.find((c) => c.name === f)!);
      const data = rows.map((row) => Object.fromEntries(request.fields.map((f) => [f, row[f] ?? null])));
      const body = encodeRows(job.format, columns, data, { dataset: job.dataset, version, count: data.length });
      job.key = `exports/${job.agency}/${job.exportId}.${job.format}`;
      job.receipt = { datasetVersion: version, rows: data.length, sha256: sha256Hex(body), bytes: body.length };
      await this.store.put(job.key, body);
      await this.store.put(`${job.key}.receipt.json`, JSON.stringify({ ...job, status: 'succeeded' }, null, 2), 'application/json');
      job.status = 'succeeded';
    } catch (error) {
      job.status = 'failed';
      job.error = 'the export failed on the server; try again or ask the data center';
      console.error(`[export ${job.exportId}] ${(error as Error).stack ?? String(error)}`);
    }
  }
}
