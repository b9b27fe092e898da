import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBClient, GetItemCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { startLocalS3, type LocalS3 } from '../support/s3-server';

// The API Lambda as API Gateway calls it: Cognito's JWKS served on 127.0.0.1, the buckets on
// fauxqs (a real S3 protocol server), Athena and Secrets Manager played by aws-sdk-client-mock.
const athena = mockClient(AthenaClient);
const secrets = mockClient(SecretsManagerClient);
// DynamoDB cannot run here: the access-requests table is a map behind the mock, kept by item id.
const dynamo = mockClient(DynamoDBClient);
const table = new Map<string, Record<string, { S?: string }>>();
dynamo.on(PutItemCommand).callsFake((input) => void table.set(input.Item.id.S, input.Item));
dynamo.on(GetItemCommand).callsFake((input) => ({ Item: table.get(input.Key.id.S) }));
dynamo.on(ScanCommand).callsFake(() => ({ Items: [...table.values()] }));
const BUCKETS = { raw: 'api-raw', curated: 'api-curated', audit: 'api-audit', exports: 'api-exports' };
let s3: LocalS3;
let jwks: Server;
let issuer: string;
let key: KeyLike;
let handler: (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

beforeAll(async () => {
  s3 = await startLocalS3(Object.values(BUCKETS));
  const pair = await generateKeyPair('RS256');
  key = pair.privateKey;
  const keys = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'cognito-1', alg: 'RS256', use: 'sig' }] };
  jwks = createServer((req, res) => {
    res.writeHead(req.url === '/pool/.well-known/jwks.json' ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(keys));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/pool`;
  Object.assign(process.env, {
    RAW_BUCKET: BUCKETS.raw,
    CURATED_BUCKET: BUCKETS.curated,
    AUDIT_BUCKET: BUCKETS.audit,
    EXPORTS_BUCKET: BUCKETS.exports,
    TOKEN_ISSUER: issuer,
    PUBLIC_BASE_URL: 'https://api.example.test/v1',
    AGENCY_CLIENTS: JSON.stringify({ 'client-ioc': 'ioc', 'client-vnpt': 'vnpt', 'client-so-khcn': 'so-khcn' }),
    ACCESS_REQUESTS_TABLE: 'vpdc-access-requests',
    ATHENA_WORKGROUP: 'vpdc-dev',
    GLUE_DATABASE: 'vpdc_dev',
    CURSOR_SECRET_ARN: 'arn:aws:secretsmanager:ap-southeast-1:111122223333:secret:cursor',
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_REGION: 'ap-southeast-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
  secrets.on(GetSecretValueCommand).resolves({ SecretString: 'k'.repeat(48) });
  ({ handler } = require('../../lambdas/api/handler') as { handler: typeof handler });
});

afterAll(async () => {
  await s3.stop();
  await new Promise((resolve) => jwks.close(resolve));
});

const cognitoToken = (clientId: string, tokenIssuer = issuer) =>
  new SignJWT({ client_id: clientId, scope: 'vpdc/datasets:read', token_use: 'access' })
    .setProtectedHeader({ alg: 'RS256', kid: 'cognito-1' })
    .setSubject(clientId)
    .setIssuer(tokenIssuer)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);

function event(
  path: string,
  query: Record<string, string>,
  token: string,
  post?: { body: string },
): APIGatewayProxyEvent {
  return {
    httpMethod: post ? 'POST' : 'GET',
    path,
    resource: '/v1/{proxy+}',
    // API Gateway with binary media type */* hands every request body over base64-encoded.
    body: post ? Buffer.from(post.body).toString('base64') : null,
    isBase64Encoded: post !== undefined,
    headers: {
      Authorization: `Bearer ${token}`,
      Host: 'api.example.gov.vn',
      ...(post ? { 'Content-Type': 'application/json' } : {}),
    },
    multiValueHeaders: {},
    queryStringParameters: query,
    multiValueQueryStringParameters: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])),
    pathParameters: null,
    stageVariables: null,
    requestContext: {
      httpMethod: post ? 'POST' : 'GET',
      path: `/v1${path}`,
      stage: 'v1',
      requestId: 'r1',
      identity: { sourceIp: '203.0.113.7' },
    } as APIGatewayProxyEvent['requestContext'],
  };
}

test('a Cognito client-credentials token pulls granted rows through Athena; the exchange is audited in the audit bucket', async () => {
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q1' });
  athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
  const info = [
    { Name: 'indicator', Type: 'varchar' },
    { Name: 'period', Type: 'varchar' },
    { Name: 'status', Type: 'varchar' },
  ];
  athena.on(GetQueryResultsCommand).resolves({
    ResultSet: {
      ResultSetMetadata: { ColumnInfo: info },
      Rows: [
        { Data: info.map((c) => ({ VarCharValue: c.Name })) },
        { Data: [{ VarCharValue: 'bts_5g' }, { VarCharValue: '2025-12' }, { VarCharValue: 'met' }] },
      ],
    },
  });

  const response = await handler(
    event(
      '/v1/datasets/kpi_scorecard/rows',
      { fields: 'indicator,status', period_from: '2025-12' },
      await cognitoToken('client-ioc'),
    ),
    {} as Context,
  );

  expect(response.statusCode).toBe(200);
  expect(JSON.parse(response.body).data).toEqual([{ indicator: 'bts_5g', status: 'met' }]);
  const [start] = athena.commandCalls(StartQueryExecutionCommand);
  expect(start!.args[0].input).toMatchObject({
    WorkGroup: 'vpdc-dev',
    QueryExecutionContext: { Database: 'vpdc_dev' },
    // The limit is written into the SQL: Athena documents execution parameters in WHERE only.
    ExecutionParameters: ["'2025-12'"],
  });
  expect(start!.args[0].input.QueryString).toBe(
    'select "indicator", "status", "period" from "kpi_scorecard" where "period" >= ? order by "indicator", "period" limit 101',
  );
  const audit = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKETS.audit }));
  expect(audit.Contents).toHaveLength(1);
  const entry = JSON.parse(
    await (
      await s3.client.send(new GetObjectCommand({ Bucket: BUCKETS.audit, Key: audit.Contents![0]!.Key! }))
    ).Body!.transformToString(),
  );
  expect(entry).toMatchObject({ agency: 'ioc', dataset: 'kpi_scorecard', status: 200, rows: 1 });
});

test('a token of a client that is no agency, or from another issuer, is refused', async () => {
  expect(
    (await handler(event('/v1/datasets', {}, await cognitoToken('client-unknown')), {} as Context)).statusCode,
  ).toBe(401);
  expect(
    (
      await handler(
        event('/v1/datasets', {}, await cognitoToken('client-ioc', 'https://cognito-idp.example/other')),
        {} as Context,
      )
    ).statusCode,
  ).toBe(401);
});

test('Parquet rows leave the Lambda base64-encoded (API Gateway, with binary media types, turns them back into the file)', async () => {
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q2' });
  athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
  const info = [
    { Name: 'indicator', Type: 'varchar' },
    { Name: 'period', Type: 'varchar' },
  ];
  athena.on(GetQueryResultsCommand).resolves({
    ResultSet: {
      ResultSetMetadata: { ColumnInfo: info },
      Rows: [
        { Data: info.map((c) => ({ VarCharValue: c.Name })) },
        { Data: [{ VarCharValue: 'bts_5g' }, { VarCharValue: '2025-12' }] },
      ],
    },
  });

  const response = await handler(
    event(
      '/v1/datasets/kpi_scorecard/rows',
      { fields: 'indicator', format: 'parquet' },
      await cognitoToken('client-ioc'),
    ),
    {} as Context,
  );

  expect(response.statusCode).toBe(200);
  expect(response.isBase64Encoded).toBe(true);
  const file = Buffer.from(response.body, 'base64');
  expect([file.subarray(0, 4).toString(), file.subarray(-4).toString()]).toEqual(['PAR1', 'PAR1']);
});

test('a JSON request body that API Gateway hands over base64-encoded is read as JSON', async () => {
  // ioc uploads no feed: a body read correctly gets to the grant check (403); a body read as base64 text would be a 400.
  const response = await handler(
    event('/v1/feeds/viettel/uploads', {}, await cognitoToken('client-ioc'), {
      body: JSON.stringify({ fileName: 'viettel_tram.csv' }),
    }),
    {} as Context,
  );
  expect(response.statusCode).toBe(403);
  expect(JSON.parse(response.body).detail).toMatch(/feeds:viettel|not granted/);
});

test("open data needs no token in AWS either, and its links name PUBLIC_BASE_URL, not the request's Host", async () => {
  const response = await handler(event('/api/3/action/package_list', {}, ''), {} as Context);
  expect(response.statusCode).toBe(200);
  const body = JSON.parse(response.body) as { success: boolean; help: string; result: string[] };
  expect(body.success).toBe(true);
  expect(body.result.length).toBeGreaterThan(0);
  expect(body.help).toBe('https://api.example.test/v1/api/3/action/help_show?name=package_list');
});

test('an access request made and approved through the Lambda is a grant on the next request, kept in the DynamoDB table', async () => {
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q2' });
  athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
  athena.on(GetQueryResultsCommand).resolves({
    ResultSet: {
      ResultSetMetadata: { ColumnInfo: [{ Name: 'year', Type: 'integer' }] },
      Rows: [{ Data: [{ VarCharValue: 'year' }] }],
    },
  });
  const vnpt = await cognitoToken('client-vnpt');
  const read = () => handler(event('/v1/datasets/digital_economy/rows', {}, vnpt), {} as Context);
  expect((await read()).statusCode).toBe(403);
  const asked = await handler(
    event('/v1/access-requests', {}, vnpt, {
      body: JSON.stringify({ dataset: 'digital_economy', purpose: 'Market sizing for the carrier', days: 30 }),
    }),
    {} as Context,
  );
  expect(asked.statusCode).toBe(201);
  const { id } = JSON.parse(asked.body) as { id: string };
  expect(JSON.parse(table.get(id)!.request!.S!)).toMatchObject({ agency: 'vnpt', status: 'pending' });
  const decided = await handler(
    event(`/v1/access-requests/${id}/decision`, {}, await cognitoToken('client-so-khcn'), {
      body: JSON.stringify({ approve: true }),
    }),
    {} as Context,
  );
  expect(decided.statusCode).toBe(200);
  expect(JSON.parse(table.get(id)!.request!.S!)).toMatchObject({ status: 'approved' });
  expect((await read()).statusCode).toBe(200);
});
