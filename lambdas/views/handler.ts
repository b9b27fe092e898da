/**
 * Custom resource (CloudFormation, through the CDK provider framework): on create and update
 * it applies every view of sql/ to Athena, in order, with CREATE OR REPLACE VIEW; a failing
 * view fails the deployment with Athena's error. On update it then drops the views the old
 * properties named and the new ones do not (a file removed from sql/), so no stale view stays
 * queryable; on a rollback the same rule drops the views the failed update added. On delete
 * it does nothing: the views go with the Glue database.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { AthenaClient } from '@aws-sdk/client-athena';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { z } from 'zod';
import { applyViews, dropViews, removedViews } from '../core/query/athena-views';

const logger = new Logger({ serviceName: 'vpdc-views' });
const athena = new AthenaClient({});

export const viewsProperties = z.object({
  WorkGroup: z.string().min(1),
  Database: z.string().min(1),
  /** JSON: [{ "name", "sql" }] in creation order (a string, so CloudFormation keeps it as is). */
  Views: z
    .string()
    .transform((text) =>
      z
        .array(z.object({ name: z.string().regex(/^[a-z][a-z0-9_]*$/), sql: z.string().min(1) }))
        .parse(JSON.parse(text)),
    ),
});

export async function handler(
  event: CloudFormationCustomResourceEvent,
): Promise<{ PhysicalResourceId: string; Data: { Applied: string } }> {
  const physicalId =
    event.RequestType === 'Create' ? `vpdc-views-${event.LogicalResourceId}` : event.PhysicalResourceId;
  if (event.RequestType === 'Delete') return { PhysicalResourceId: physicalId, Data: { Applied: '' } };
  const props = viewsProperties.parse(event.ResourceProperties);
  const target = { workGroup: props.WorkGroup, database: props.Database };
  const applied = await applyViews(athena, target, props.Views);
  // Dropped after applying: if a view fails, the deployment rolls back with none dropped.
  const old = event.RequestType === 'Update' ? viewsProperties.parse(event.OldResourceProperties) : undefined;
  const dropped = old
    ? await dropViews(
        athena,
        { workGroup: old.WorkGroup, database: old.Database },
        removedViews(old.Views, props.Views),
      )
    : [];
  logger.info('views applied', { applied, dropped });
  return { PhysicalResourceId: physicalId, Data: { Applied: applied.join(',') } };
}
