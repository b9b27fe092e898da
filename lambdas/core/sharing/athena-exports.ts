import { randomUUID } from 'node:crypto';
import { GetQueryExecutionCommand, StartQueryExecutionCommand, type AthenaClient } from '@aws-sdk/client-athena';
import type { ObjectStore } from '../lake/object-store';
import { sha256Hex } from '../ingest/sha256';
import { executionParameter } from '../query/athena-engine';
import type { AthenaTarget } from '../query/athena-views';
import { csvLines } from './athena-csv';
import type { Format } from './formats';
import type { Access } from './grants';
import { ExportAdmission, exportIdentity } from './export-admission';
import { ExportJobRecords, type ExportJob, type ExportsService } from './export-jobs';
import { measureFile } from './export-rows';
import { problems } from './problem';
import { selectQuery } from './rows-query';
import type { RowsRequest } from './rows-request';

/** UNLOAD's formats for ours. Arrow has none; CSV is TEXTFILE of one column, the line `csvLines` made. */
const UNLOAD_FORMATS: Partial<Record<Format, string>> = {
  parquet: "format = 'PARQUET', compression = 'ZSTD'",
  ndjson: "format = 'JSON'",
  json: "format = 'JSON'",
  csv: "format = 'TEXTFILE'",
};

/**
 * Full exports in AWS: Athena UNLOADs the granted rows to `exports/<agency>/<exportId>/` in the
 * exports bucket, in the background; the job record (under the agency's prefix) keeps the
 * query id. When the query ends, `finish` (the export finisher Lambda, on Athena's state-change
 * event) lists the files, hashes them, counts their rows and records the receipt, once; a status
 * poll only reads the record, so no poll reads an export's files inside the API's 29 s. No row
 * passes through the API.
 */
export class AthenaUnloadExports implements ExportsService {
  private readonly records: ExportJobRecords;
  private readonly admission: ExportAdmission;

  constructor(
    private readonly client: AthenaClient,
    private readonly target: AthenaTarget,
    private readonly store: ObjectStore,
    private readonly exportsBucket: string,
  ) {
    this.records = new ExportJobRecords(store);
    this.admission = new ExportAdmission(store, (agency, exportId) => this.records.load(agency, exportId));
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
    const options = UNLOAD_FORMATS[format];
    if (!options) throw problems.notAcceptable(`full exports come as ${Object.keys(UNLOAD_FORMATS).join(', ')}`);
    const job: ExportJob = {
      exportId: randomUUID(),
      agency,
      dataset: access.dataset.id,
      format,
      status: 'running',
      createdAt: now.toISOString(),
      receipt: { datasetVersion: version, rows: 0, sha256: '', bytes: 0 },
    };
    // UNLOAD takes a plain select (no limit), written into the export's own folder. A CSV has
    // the columns asked for, as the local export's; the other formats keep the key too.
    const { sql: select, params } = selectQuery(access, request, relation);
    const columns = request.fields.map((field) => access.columns.find((c) => c.name === field)!);
    const query = format === 'csv' ? csvLines(select, columns) : select;
    return this.admission.start(exportIdentity(agency, access, request, format, version), now, job, async () => {
      const started = await this.client.send(
        new StartQueryExecutionCommand({
          QueryString: `UNLOAD (${query}) TO 's3://${this.exportsBucket}/${this.prefix(job)}' WITH (${options})`,
          WorkGroup: this.target.workGroup,
          QueryExecutionContext: { Database: this.target.database },
          ...(params.length ? { ExecutionParameters: params.map(executionParameter) } : {}),
        }),
      );
      job.queryExecutionId = started.QueryExecutionId;
      await this.records.save(job);
    });
  }

  /** The stored job: the finisher records its end, so a poll reads one small object and asks nobody. */
  get(agency: string, exportId: string): Promise<ExportJob | undefined> {
    return this.records.load(agency, exportId);
  }

  /**
   * Records the end of an export's query: failed, or succeeded with its files, their SHA-256 and
   * the receipt. Returns undefined for a query that is not an export's (the workgroup's other
   * queries end too). Throws when the job record is not there yet (the query ended before
   * `start` saved it), so the invocation is retried.
   */
  async finish(queryExecutionId: string): Promise<ExportJob | undefined> {
    const { QueryExecution } = await this.client.send(
      new GetQueryExecutionCommand({ QueryExecutionId: queryExecutionId }),
    );
    const destination = this.destination(QueryExecution?.Query ?? '');
    if (!destination) return undefined;
    const job = await this.records.load(destination.agency, destination.exportId);
    if (job?.queryExecutionId !== queryExecutionId)
      throw new Error(`export ${destination.exportId} has no job record for query ${queryExecutionId} yet`);
    if (job.status !== 'running') return job;
    const state = QueryExecution?.Status?.State;
    if (state === 'FAILED' || state === 'CANCELLED') {
      job.status = 'failed';
      job.error = 'the export failed on the server; try again or ask the data center';
      console.error(`[export ${job.exportId}] ${state}: ${QueryExecution?.Status?.StateChangeReason ?? ''}`);
    } else if (state === 'SUCCEEDED') {
      const files = [];
      let rows = 0;
      for (const object of await this.store.list(this.prefix(job))) {
        const file = await measureFile(this.store, object.key, job.format === 'parquet');
        rows += file.rows;
        files.push({ key: object.key, bytes: file.bytes, sha256: file.sha256 });
      }
      job.files = files;
      // A CSV's header line is one of UNLOAD's rows (csvLines, athena-csv.ts), once across the files: no data row.
      if (job.format === 'csv' && rows > 0) rows -= 1;
      job.receipt = {
        datasetVersion: job.receipt!.datasetVersion,
        rows,
        sha256: sha256Hex(files.map((f) => f.sha256).join('\n')),
        bytes: files.reduce((n, f) => n + f.bytes, 0),
      };
      job.status = 'succeeded';
    } else throw new Error(`query ${queryExecutionId} of export ${job.exportId} has not ended: ${state}`);
    // Ended before the record says so: a retry after a failed write ends it again, never leaves it counted.
    await this.admission.end(job.agency, job.exportId);
    await this.records.save(job);
    return job;
  }

  /** The export an UNLOAD of `start` writes, from its own `TO 's3://<bucket>/exports/<agency>/<id>/'`. */
  private destination(query: string): { agency: string; exportId: string } | undefined {
    const bucket = this.exportsBucket.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const match = new RegExp(`^UNLOAD \\(.*\\) TO 's3://${bucket}/exports/([^/']+)/([^/']+)/' WITH \\(`, 's').exec(
      query,
    );
    return match ? { agency: match[1]!, exportId: match[2]! } : undefined;
  }

  private prefix(job: ExportJob): string {
    return `exports/${job.agency}/${job.exportId}/`;
  }
}
