import { CfnOutput, Duration, RemovalPolicy, Size, Stack, Validations } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import {
  OAuthScope,
  ResourceServerScope,
  UserPool,
  type UserPoolClient,
  UserPoolResourceServer,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { GrantsFile } from '../../lambdas/core/sharing/grants';
import { agencyScopes, grantedScopes } from '../../lambdas/core/sharing/scopes';
import type { Analytics } from './analytics';
import type { Catalog } from './catalog';
import type { LakeStorage } from './lake-storage';
import { acknowledgeS3Grants } from '../nag/acknowledge';
import { VpdcFunction } from './vpdc-function';

export interface SharingApiProps {
  readonly storage: LakeStorage;
  readonly catalog: Catalog;
  readonly analytics: Analytics;
  readonly metricsNamespace: string;
  /** The grants file: one Cognito app client per agency, with the scopes its grants need. */
  readonly grants: GrantsFile;
  /**
   * Steady requests per second across the API (API Gateway stage throttling).
   * @default 50
   */
  readonly rateLimit?: number;
  /** @default 100 */
  readonly burstLimit?: number;
  /**
   * Requests per second of one agency (its usage plan), whatever the others do.
   * @default 20
   */
  readonly agencyRateLimit?: number;
  /** @default 40 */
  readonly agencyBurstLimit?: number;
  /**
   * Put AWS WAF (managed common rules and an IP rate rule) in front of the API.
   * @default false
   */
  readonly waf?: boolean;
  /** @default false - the user pool is retained */
  readonly removeDataOnDestroy?: boolean;
  /** @default 30 */
  readonly logRetentionDays?: number;
}

const RESOURCE_SERVER = 'vpdc';

/**
 * The integration platform API in AWS: API Gateway (REST) in front of the API Lambda, tokens
 * from a Cognito user pool (OAuth2 client credentials, one app client per agency of the grants
 * file, with the scopes its grants need: `vpdc/datasets:read`, `vpdc/feeds:<source>`,
 * `vpdc/feeds:health`), access logs, stage throttling and, by stage config, AWS WAF. The
 * function reads through Athena and writes only the audit log and exports.
 */
export class SharingApi extends Construct {
  readonly userPool: UserPool;
  readonly clients: Record<string, UserPoolClient> = {};
  /** Each agency's API key id (its value: `aws apigateway get-api-key --include-value --api-key <id>`). */
  readonly apiKeys: Record<string, string> = {};
  readonly api: RestApi;
  readonly apiFunction: VpdcFunction;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: SharingApiProps) {
    super(scope, id);
    const rateLimit = props.rateLimit ?? 50;
    const burstLimit = props.burstLimit ?? 100;
    if (rateLimit < 1 || burstLimit < 1)
      throw new Error(`rateLimit and burstLimit must be >= 1, got ${rateLimit} and ${burstLimit}`);
    const { storage } = props;

    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `${Stack.of(this).stackName}-agencies`,
      selfSignUpEnabled: false,
      passwordPolicy: {
        minLength: 16,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      removalPolicy: props.removeDataOnDestroy ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason:
          'The pool has no human users: agencies are machine clients using OAuth2 client credentials, so there is no sign-in to put MFA on.',
      },
      {
        id: 'AwsSolutions-COG3',
        reason:
          'Threat protection scores user sign-ins; client-credentials tokens have none. API Gateway throttling and optional WAF guard the token use.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'The Plus feature plan adds threat protection for user sign-ins; this pool has only machine clients (client credentials).',
      },
    );
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: `vpdc-${Stack.of(this).stackName.toLowerCase()}-${this.node.addr.slice(0, 8)}` },
    });

    const scopes = new Map(
      grantedScopes(props.grants).map(({ name, description }) => [
        name,
        new ResourceServerScope({ scopeName: name, scopeDescription: description }),
      ]),
    );
    const server = new UserPoolResourceServer(this, 'ResourceServer', {
      userPool: this.userPool,
      identifier: RESOURCE_SERVER,
      scopes: [...scopes.values()],
    });
    for (const agency of props.grants.agencies) {
      this.clients[agency.id] = this.userPool.addClient(
        `Client${agency.id.replace(/(^|-)([a-z0-9])/g, (_m, _s, c: string) => c.toUpperCase())}`,
        {
          userPoolClientName: agency.id,
          generateSecret: true,
          authFlows: {},
          oAuth: {
            flows: { clientCredentials: true },
            scopes: agencyScopes(agency).map((name) => OAuthScope.resourceServer(server, scopes.get(name)!)),
          },
          accessTokenValidity: Duration.hours(1),
        },
      );
    }

    const cursorSecret = new Secret(this, 'CursorSecret', {
      description: 'Signs the API keyset cursors (shared by every API container)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(cursorSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The cursor key only makes paging cursors unforgeable; rotating it just ends open cursors, done by redeploying.',
    });

    this.apiFunction = new VpdcFunction(this, 'ApiFunction', {
      entry: 'api/handler.ts',
      description: 'vpdc integration platform API (Hono) over Athena and the lake',
      metricsNamespace: props.metricsNamespace,
      memoryMb: 1024,
      timeout: Duration.seconds(29),
      logRetentionDays: props.logRetentionDays,
      // The shared views' SQL: the API maps each mart to the datasets it reads.
      bundleFiles: ['sql', 'node_modules/parquet-wasm/node/parquet_wasm_bg.wasm'],
    });
    const fn = this.apiFunction;
    Validations.of(fn).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'Invoked synchronously by API Gateway: a failure is the HTTP response, there is no asynchronous event to keep.',
    });
    fn.addEnvironment('VPDC_SQL_DIR', '/var/task/sql');
    fn.addEnvironment('RAW_BUCKET', storage.rawBucket.bucketName);
    fn.addEnvironment('CURATED_BUCKET', storage.curatedBucket.bucketName);
    fn.addEnvironment('AUDIT_BUCKET', storage.auditBucket.bucketName);
    fn.addEnvironment('EXPORTS_BUCKET', storage.athenaResultsBucket.bucketName);
    fn.addEnvironment('ATHENA_WORKGROUP', props.analytics.workGroupName);
    fn.addEnvironment('GLUE_DATABASE', props.catalog.databaseName);
    fn.addEnvironment('TOKEN_ISSUER', this.userPool.userPoolProviderUrl);
    fn.addEnvironment('CURSOR_SECRET_ARN', cursorSecret.secretArn);
    fn.addEnvironment(
      'AGENCY_CLIENTS',
      Stack.of(this).toJsonString(
        Object.fromEntries(Object.entries(this.clients).map(([agency, client]) => [client.userPoolClientId, agency])),
      ),
    );
    props.analytics.grantQuery(fn);
    cursorSecret.grantRead(fn);
    storage.curatedBucket.grantRead(fn, 'manifests/*');
    storage.auditBucket.grantPut(fn, 'audit/*');
    storage.athenaResultsBucket.grantRead(fn, 'exports/*');
    storage.athenaResultsBucket.grantPut(fn, 'exports/*');
    // Presigned upload links are signed with the function's own rights: PUT into raw/ only.
    storage.rawBucket.grantPut(fn, 'raw/*');
    acknowledgeS3Grants(
      fn,
      [
        { bucket: storage.curatedBucket, prefix: 'manifests/*' },
        { bucket: storage.auditBucket, prefix: 'audit/*' },
        { bucket: storage.athenaResultsBucket, prefix: 'exports/*' },
        { bucket: storage.rawBucket, prefix: 'raw/*' },
      ],
      'The API reads manifests, appends the audit log, writes exports and signs feed uploads',
    );

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: props.removeDataOnDestroy ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    this.api = new RestApi(this, 'Api', {
      restApiName: `${Stack.of(this).stackName}-sharing`,
      description: 'vpdc integration platform API',
      cloudWatchRole: true,
      // Gzip for clients that accept it (the dashboard's JSON shrinks about 8×), as the local server does.
      minCompressionSize: Size.kibibytes(1),
      // Parquet and Arrow rows leave the Lambda base64-encoded (isBase64Encoded): API Gateway
      // turns them back into bytes only for a binary media type the request accepts, and a
      // client may ask with format= and Accept: */*. Text responses are not base64 and pass as
      // they are; request bodies reach the Lambda base64-encoded, which the Hono adapter decodes.
      binaryMediaTypes: ['*/*'],
      deployOptions: {
        stageName: 'v1',
        throttlingRateLimit: rateLimit,
        throttlingBurstLimit: burstLimit,
        tracingEnabled: true,
        metricsEnabled: true,
        loggingLevel: MethodLoggingLevel.ERROR,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields({
          caller: true,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: true,
        }),
      },
    });
    const authorizer = new CognitoUserPoolsAuthorizer(this, 'Authorizer', { cognitoUserPools: [this.userPool] });
    const integration = new LambdaIntegration(fn, { proxy: true });
    const validator = this.api.addRequestValidator('Validator', {
      validateRequestParameters: true,
      validateRequestBody: true,
    });
    // Every /v1 call needs the agency's token and its API key: the key ties the call to the
    // agency's usage plan, which throttles each agency on its own.
    const secured = {
      authorizer,
      authorizationType: AuthorizationType.COGNITO,
      authorizationScopes: [...scopes.keys()].map((name) => `${RESOURCE_SERVER}/${name}`),
      requestValidator: validator,
      apiKeyRequired: true,
    };
    this.api.root
      .addResource('v1')
      .addProxy({ defaultIntegration: integration, defaultMethodOptions: secured, anyMethod: true });
    for (const agency of props.grants.agencies) {
      const name = agency.id.replace(/(^|-)([a-z0-9])/g, (_m, _s, c: string) => c.toUpperCase());
      const plan = this.api.addUsagePlan(`UsagePlan${name}`, {
        name: `${Stack.of(this).stackName}-${agency.id}`,
        description: `API usage of ${agency.name}`,
        throttle: { rateLimit: props.agencyRateLimit ?? 20, burstLimit: props.agencyBurstLimit ?? 40 },
        apiStages: [{ api: this.api, stage: this.api.deploymentStage }],
      });
      const apiKey = this.api.addApiKey(`ApiKey${name}`, {
        apiKeyName: `${Stack.of(this).stackName}-${agency.id}`,
        description: `API key of ${agency.name}`,
      });
      plan.addApiKey(apiKey);
      this.apiKeys[agency.id] = apiKey.keyId;
    }
    for (const path of ['health', 'openapi.json', 'docs'])
      this.api.root.addResource(path).addMethod('GET', integration, { requestValidator: validator });
    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions-APIG4',
        reason:
          '/health, /openapi.json and /docs are public by design (they hold no data); every /v1 route needs a Cognito token.',
      },
      {
        id: 'AwsSolutions-COG4',
        reason:
          '/health, /openapi.json and /docs are public by design; every /v1 route uses the Cognito user pool authorizer.',
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason: "API Gateway's account-level role for writing its logs: the AWS-managed policy is the documented one.",
      },
    );

    if (props.waf) {
      const acl = new CfnWebACL(this, 'WebAcl', {
        scope: 'REGIONAL',
        defaultAction: { allow: {} },
        visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'vpdc-api', sampledRequestsEnabled: true },
        rules: [
          {
            name: 'CommonRules',
            priority: 0,
            overrideAction: { none: {} },
            statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
            visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'common', sampledRequestsEnabled: true },
          },
          {
            name: 'RatePerIp',
            priority: 1,
            action: { block: {} },
            statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: 'IP' } },
            visibilityConfig: {
              cloudWatchMetricsEnabled: true,
              metricName: 'rate-per-ip',
              sampledRequestsEnabled: true,
            },
          },
        ],
      });
      new CfnWebACLAssociation(this, 'WebAclAssociation', {
        resourceArn: this.api.deploymentStage.stageArn,
        webAclArn: acl.attrArn,
      });
    } else {
      Validations.of(this.api).acknowledge({
        id: 'AwsSolutions-APIG3',
        reason: 'WAF is off in this stage by its config (waf: false); Cognito tokens and stage throttling still apply.',
      });
    }

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'The integration platform API' });
    new CfnOutput(this, 'TokenUrl', {
      value: `${this.domain.baseUrl()}/oauth2/token`,
      description: 'OAuth2 token endpoint (client credentials; each agency has its app client)',
    });
  }
}
