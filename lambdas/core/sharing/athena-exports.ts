import { randomUUID } from 'node:crypto';
import {
  GetQueryExecutionCommand,
  GetQueryRuntimeStatisticsCommand,
  StartQueryExecutionCommand,
  type AthenaClient,
} from '@aws-sdk/client-athena';
import type { ObjectStore } from '../lake/object-store';
import { hashStream, sha256Hex } from '../ingest/sha256';
import { executionParameter } from '../query/athena-engine';
import type { AthenaTarget } from '../query/athena-views';
import type { Format } from './formats';
import type { Access } from './grants';
import { ExportJobRecords, type ExportJob, type ExportsService } from './exports';
import { problems } from './problem';
import { selectQuery, type RowsRequest } from './rows-query';

/** UNLOAD's formats for ours. Arrow has none; CSV is TEXTFILE, which writes no header row. */
const UNLOAD_FORMATS: Partial<Record<Format, string>> = {
  parquet: "format = 'PARQUET', compression = 'ZSTD'",
  ndjson: "format = 'JSON'",
  json: "format = 'JSON'",
  csv: "format = 'TEXTFILE', field_delimiter = ','",
};

/**
 * Full exports in AWS: Athena UNLOADs the granted rows to `exports/<agency>/<exportId>/` in the
 * exports bucket, in the background; the job record (under the agency's prefix) keeps the
 * query id, and a status check that finds the query done lists the files, hashes each and
 * records the receipt (rows from Athena's runtime statistics). No row passes through the API.
 */
export class AthenaUnloadExports implements ExportsService {
  private readonly records: ExportJobRecords;

  constructor(
    private readonly client: AthenaClient,
    private readonly target: AthenaTarget,
    private readonly store: ObjectStore,
    private readonly exportsBucket: string,
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
    // UNLOAD takes a plain select (no order, no limit), written into the export's own folder.
    const { sql: select, params } = selectQuery(access, request, relation);
    const started = await this.client.send(
      new StartQueryExecutionCommand({
        QueryString: `UNLOAD (${select}) TO 's3://${this.exportsBucket}/${this.prefix(job)}' WITH (${options})`,
        WorkGroup: this.target.workGroup,
        QueryExecutionContext: { Database: this.target.database },
        ...(params.length ? { ExecutionParameters: params.map(executionParameter) } : {}),
      }),
    );
    job.queryExecutionId = started.QueryExecutionId;
    await this.records.save(job);
    return job;
  }

  async get(agency: string, exportId: string): Promise<ExportJob | undefined> {
    const job = await this.records.load(agency, exportId);
    if (job?.status !== 'running') return job;
    const { QueryExecution } = await this.client.send(
      new GetQueryExecutionCommand({ QueryExecutionId: job.queryExecutionId }),
    );
    const state = QueryExecution?.Status?.State;
    if (state === 'FAILED' || state === 'CANCELLED') {
      job.status = 'failed';
      job.error = 'the export failed on the server; try again or ask the data center';
      console.error(`[export ${job.exportId}] ${state}: ${QueryExecution?.Status?.StateChangeReason ?? ''}`);
      await this.records.save(job);
    } else if (state === 'SUCCEEDED') {
      const statistics = await this.client.send(
        new GetQueryRuntimeStatisticsCommand({ QueryExecutionId: job.queryExecutionId }),
      );
      const files = [];
      for (const object of await this.store.list(this.prefix(job)))
        files.push({ key: object.key, ...(await hashStream(await this.store.read(object.key))) });
      job.files = files;
      job.receipt = {
        datasetVersion: job.receipt!.datasetVersion,
        rows: statistics.QueryRuntimeStatistics?.Rows?.OutputRows ?? 0,
        sha256: sha256Hex(files.map((f) => f.sha256).join('\n')),
        bytes: files.reduce((n, f) => n + f.bytes, 0),
      };
      job.status = 'succeeded';
      await this.records.save(job);
    }
    return job;
  }

  private prefix(job: ExportJob): string {
    return `exports/${job.agency}/${job.exportId}/`;
  }
}
