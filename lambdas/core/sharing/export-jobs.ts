import type { ObjectStore } from '../lake/object-store';
import type { Format } from './formats';
import type { Access } from './grants';
import type { RowsRequest } from './rows-request';

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

/** What the API needs of an exports service: the in-process one (exports.ts), or Athena UNLOAD in AWS (athena-exports.ts). */
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
