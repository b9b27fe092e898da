/**
 * On Athena's "Query State Change" events of the workgroup (a query that ended): when it is a
 * full export's UNLOAD, hashes its files, counts their rows and records the receipt in the job
 * record, once, so the API's status polls only read it. A thin adapter: configuration at module load.
 */
import { AthenaClient } from '@aws-sdk/client-athena';
import { Logger } from '@aws-lambda-powertools/logger';
import { z } from 'zod';
import { s3ClientFromEnvironment } from '../core/lake/open-store';
import { S3Store } from '../core/lake/s3-store';
import { ZonedStore } from '../core/lake/zoned-store';
import { requiredEnv } from '../core/runtime/required-env';
import { AthenaUnloadExports } from '../core/sharing/athena-exports';

const exportsBucket = requiredEnv('EXPORTS_BUCKET');
const target = { workGroup: requiredEnv('ATHENA_WORKGROUP'), database: requiredEnv('GLUE_DATABASE') };
const store = new ZonedStore({ exports: new S3Store({ client: s3ClientFromEnvironment(), bucket: exportsBucket }) });
const unloadExports = new AthenaUnloadExports(new AthenaClient({}), target, store, exportsBucket);
const logger = new Logger({ serviceName: 'vpdc-export-finisher' });

const stateChange = z.object({ detail: z.object({ queryExecutionId: z.string().min(1) }) });

export async function handler(event: unknown): Promise<void> {
  const { queryExecutionId } = stateChange.parse(event).detail;
  // A failure (the job record not saved yet, S3 unreachable) throws: Lambda retries the event.
  const job = await unloadExports.finish(queryExecutionId);
  if (job) logger.info('export finished', { queryExecutionId, exportId: job.exportId, status: job.status });
}
