/**
 * The integration platform API in AWS: the same Hono app as `vpdc serve`, behind API Gateway,
 * over Athena (the workgroup and Glue database of the stack), the lake's buckets, the audit
 * bucket (Object Lock) and Cognito's tokens. A thin adapter: configuration at module load.
 */
import { AthenaClient } from '@aws-sdk/client-athena';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { getConnInfo, handle } from 'hono/aws-lambda';
import { createRemoteJWKSet } from 'jose';
import { z } from 'zod';
import { s3ClientFromEnvironment } from '../core/lake/open-store';
import { S3Store } from '../core/lake/s3-store';
import { ZonedStore } from '../core/lake/zoned-store';
import { AthenaEngine } from '../core/query/athena-engine';
import { SQL_DIR } from '../core/sql/sql-dir';
import { requiredEnv } from '../core/runtime/required-env';
import { AuditLog } from '../core/sharing/audit-log';
import { AthenaUnloadExports } from '../core/sharing/athena-exports';
import grantsJson from '../core/sharing/grants.json';
import { s3Links } from '../core/sharing/links';
import { ManifestIndex } from '../core/sharing/manifest-index';
import { RateLimiter } from '../core/sharing/rate-limiter';
import { servedDatasets } from '../core/sharing/served-datasets';
import { AccessRequestStore } from '../core/sharing/access-requests/access-request-store';
import { LiveGrants } from '../core/sharing/access-requests/live-grants';
import { dynamoRecords } from '../core/sharing/access-requests/request-records';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SubscriptionStore } from '../core/sharing/subscriptions/subscription-store';
import { sharingApp } from '../core/sharing/sharing-app';
import { tokenVerifier } from '../core/sharing/token-verifier';
import { loadViews } from '../core/sql/view-files';

const tracer = new Tracer({ serviceName: 'vpdc-api' });
const buckets = {
  raw: requiredEnv('RAW_BUCKET'),
  curated: requiredEnv('CURATED_BUCKET'),
  audit: requiredEnv('AUDIT_BUCKET'),
  exports: requiredEnv('EXPORTS_BUCKET'),
};
const issuer = requiredEnv('TOKEN_ISSUER');
/** The stage's public URL (sharing-api.ts): the open-data catalog's links name it, never a request's Host. */
const publicUrl = requiredEnv('PUBLIC_BASE_URL');
/** Cognito app client id → agency id: a client-credentials token names its client, not its agency. */
const agencyOfClient = z.record(z.string(), z.string()).parse(JSON.parse(requiredEnv('AGENCY_CLIENTS')));
const s3 = tracer.captureAWSv3Client(s3ClientFromEnvironment());
const athena = tracer.captureAWSv3Client(new AthenaClient({}));
const dynamo = tracer.captureAWSv3Client(new DynamoDBClient({}));
const curated = new S3Store({ client: s3, bucket: buckets.curated });
const exportsStore = new S3Store({ client: s3, bucket: buckets.exports });
const store = new ZonedStore({
  manifests: curated,
  subscriptions: curated,
  audit: new S3Store({ client: s3, bucket: buckets.audit }),
  exports: exportsStore,
});
const target = { workGroup: requiredEnv('ATHENA_WORKGROUP'), database: requiredEnv('GLUE_DATABASE') };
const engine = new AthenaEngine(athena, target);

const cursorSecretArn = requiredEnv('CURSOR_SECRET_ARN');
const secrets = tracer.captureAWSv3Client(new SecretsManagerClient({}));

/** The cursor key is shared by every container (a cursor from one must verify on another): Secrets Manager. */
async function buildHandler() {
  const secret = await secrets.send(new GetSecretValueCommand({ SecretId: cursorSecretArn }));
  // The grants file as the seed, with the access requests approved through the API (re-read every minute).
  const accessRequests = new AccessRequestStore(dynamoRecords(dynamo, requiredEnv('ACCESS_REQUESTS_TABLE')));
  const grants = new LiveGrants(grantsJson, servedDatasets(loadViews(SQL_DIR)), accessRequests, 60_000);
  await grants.refresh();
  const app = sharingApp({
    engine,
    grants,
    verify: tokenVerifier(createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`)), {
      issuer,
      agencyOf: (payload) => agencyOfClient[String(payload.client_id)],
    }),
    manifests: new ManifestIndex(store, 60_000),
    audit: new AuditLog(store),
    // API Gateway throttles per stage and per agency; this bucket only caps one container's burst.
    limiter: new RateLimiter(50, 100),
    // For the audit log; API Gateway's authorizer and throttling refuse floods before this function.
    clientAddress: (c) => getConnInfo(c).remote.address,
    maxPageBytes: 4 * 1024 * 1024,
    cursorSecret: Buffer.from(secret.SecretString ?? fail('the cursor secret is empty'), 'utf8'),
    exports: new AthenaUnloadExports(athena, target, store, buckets.exports),
    links: s3Links(s3, { exports: buckets.exports, raw: buckets.raw }),
    subscriptions: { store: new SubscriptionStore(store), urls: 'public-https' },
    accessRequests: { store: accessRequests, grants },
    publicUrl: () => publicUrl,
  });
  return handle(app);
}

let ready: ReturnType<typeof buildHandler> | undefined;

export async function handler(...args: Parameters<Awaited<ReturnType<typeof buildHandler>>>) {
  // A failed start (Secrets Manager unreachable) is retried by the next invocation, not cached.
  ready ??= buildHandler().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return (await ready)(...args);
}

function fail(message: string): never {
  throw new Error(message);
}
