import { createHash } from 'node:crypto';
import { Aws, CfnOutput, Duration, Fn, RemovalPolicy, Size, Stack, Token, Validations } from 'aws-cdk-lib';
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
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { GrantsFile } from '../../lambdas/core/sharing/grants-file';
import { OPEN_DATA_PATHS } from '../../lambdas/core/sharing/open-data/open-links';
import { agencyScopes, grantedScopes, RESOURCE_SERVER } from '../../lambdas/core/sharing/scopes';
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
   * Requests per second of each public open-data route, whoever calls (method throttling): the
   * public tier cannot use up the agencies' share of the stage.
   * @default 10
   */
  readonly openDataRateLimit?: number;
  /** @default 20 */
  readonly openDataBurstLimit?: number;
  /**
   * The address the public reaches the API at (a custom domain), which the open-data catalog's
   * links name.
   * @default - the stage's execute-api URL
   */
  readonly publicUrl?: string;
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

/** The stage, a literal: the function's PUBLIC_BASE_URL cannot reference the Stage, which depends on the function. */
const STAGE_NAME = 'v1';
/** Open-data requests one client address may make in 5 minutes (WAF), about 2 a second. */
const OPEN_DATA_REQUESTS_PER_IP = 600;

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
  /** Records a full export's files, checksums and rows when its UNLOAD ends (Athena's event). */
  readonly exportFinisher: VpdcFunction;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: SharingApiProps) {
    super(scope, id);
    const rateLimit = props.rateLimit ?? 50;
    const burstLimit = props.burstLimit ?? 100;
    if (rateLimit < 1 || burstLimit < 1)
      throw new Error(`rateLimit and burstLimit must be >= 1, got ${rateLimit} and ${burstLimit}`);
    const openData = {
      throttlingRateLimit: props.openDataRateLimit ?? 10,
      throttlingBurstLimit: props.openDataBurstLimit ?? 20,
    };
    if (openData.throttlingRateLimit < 1 || openData.throttlingBurstLimit < 1)
      throw new Error(
        `openDataRateLimit and openDataBurstLimit must be >= 1, got ${openData.throttlingRateLimit} and ${openData.throttlingBurstLimit}`,
      );
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
      cognitoDomain: { domainPrefix: this.domainPrefix() },
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
    // Webhook subscriptions: created, listed and cancelled (a cancelled one is rewritten, never deleted).
    storage.curatedBucket.grantRead(fn, 'subscriptions/*');
    storage.curatedBucket.grantPut(fn, 'subscriptions/*');
    // Access requests: asked, decided (rewritten with their history), read back as live grants.
    storage.bindAccessRequests(fn, { write: true });
    storage.auditBucket.grantPut(fn, 'audit/*');
    storage.athenaResultsBucket.grantRead(fn, 'exports/*');
    storage.athenaResultsBucket.grantPut(fn, 'exports/*');
    // Presigned upload links are signed with the function's own rights: PUT into raw/ only.
    storage.rawBucket.grantPut(fn, 'raw/*');
    acknowledgeS3Grants(
      fn,
      [
        { bucket: storage.curatedBucket, prefix: 'manifests/*' },
        { bucket: storage.curatedBucket, prefix: 'subscriptions/*' },
        { bucket: storage.auditBucket, prefix: 'audit/*' },
        { bucket: storage.athenaResultsBucket, prefix: 'exports/*' },
        { bucket: storage.rawBucket, prefix: 'raw/*' },
      ],
      'The API reads manifests, appends the audit log, writes exports and signs feed uploads',
    );

    // Hashing an export's files can take minutes: done once, here, when Athena says its query
    // ended, never inside a status poll (API Gateway gives the API 29 s).
    this.exportFinisher = new VpdcFunction(this, 'ExportFinisher', {
      entry: 'export-finisher/handler.ts',
      description: "vpdc: records a full export's files, SHA-256 and rows when its UNLOAD ends",
      metricsNamespace: props.metricsNamespace,
      memoryMb: 1024,
      timeout: Duration.minutes(15),
      logRetentionDays: props.logRetentionDays,
    });
    const finisher = this.exportFinisher;
    finisher.addEnvironment('EXPORTS_BUCKET', storage.athenaResultsBucket.bucketName);
    finisher.addEnvironment('ATHENA_WORKGROUP', props.analytics.workGroupName);
    finisher.addEnvironment('GLUE_DATABASE', props.catalog.databaseName);
    // Only GetQueryExecution (which export a query wrote, and how it ended): it starts nothing.
    finisher.addToRolePolicy(
      new PolicyStatement({
        actions: ['athena:GetQueryExecution'],
        resources: [
          Stack.of(this).formatArn({
            service: 'athena',
            resource: 'workgroup',
            resourceName: props.analytics.workGroupName,
          }),
        ],
      }),
    );
    storage.athenaResultsBucket.grantRead(finisher, 'exports/*');
    storage.athenaResultsBucket.grantPut(finisher, 'exports/*');
    acknowledgeS3Grants(
      finisher,
      [{ bucket: storage.athenaResultsBucket, prefix: 'exports/*' }],
      "The finisher reads an export's files and writes its job record, under exports/ only",
    );
    new Rule(this, 'ExportQueryEnded', {
      description: "An Athena query of the workgroup ended: the finisher records it when it is a full export's",
      eventPattern: {
        source: ['aws.athena'],
        detailType: ['Athena Query State Change'],
        detail: { workgroupName: [props.analytics.workGroupName], currentState: ['SUCCEEDED', 'FAILED', 'CANCELLED'] },
      },
      targets: [new LambdaFunction(finisher, { retryAttempts: 2 })],
    });
    Validations.of(finisher).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'Lambda retries a failed event twice (a job record saved late, S3 unreachable); an export left running is started again by its agency, and the error is in the logs.',
    });
    Validations.of(this).acknowledge({
      id: 'Serverless-EventBusDLQ',
      reason:
        "Athena's state-change events go to the finisher with two retries; a lost one leaves an export running, which its agency starts again.",
    });

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
        stageName: STAGE_NAME,
        throttlingRateLimit: rateLimit,
        throttlingBurstLimit: burstLimit,
        // The public tier's own, lower limits, per route.
        methodOptions: Object.fromEntries(OPEN_DATA_PATHS.map((path) => [`${path}/GET`, openData])),
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
    // Open data (the grants file's open section): no token by design, like the docs; WAF and throttling still apply.
    for (const path of OPEN_DATA_PATHS)
      this.api.root.resourceForPath(path).addMethod('GET', integration, { requestValidator: validator });
    fn.addEnvironment(
      'PUBLIC_BASE_URL',
      props.publicUrl ?? `https://${this.api.restApiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}/${STAGE_NAME}`,
    );
    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions-APIG4',
        reason:
          '/health, /openapi.json and /docs are public by design (they hold no data), and so are the open-data routes (/open/v1/*, /api/3/action/*: only the marts the grants file declares open, throttled per route and by WAF); every /v1 route needs a Cognito token.',
      },
      {
        id: 'AwsSolutions-COG4',
        reason:
          '/health, /openapi.json, /docs and the open-data routes (/open/v1/*, /api/3/action/*) are public by design; every /v1 route uses the Cognito user pool authorizer.',
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
          {
            // What no token pays for, limited by client address (the local server's address limiter).
            name: 'OpenDataRatePerIp',
            priority: 2,
            action: { block: {} },
            statement: {
              rateBasedStatement: {
                limit: OPEN_DATA_REQUESTS_PER_IP,
                aggregateKeyType: 'IP',
                scopeDownStatement: {
                  orStatement: { statements: ['/open/v1/', '/api/3/action/'].map(uriContains) },
                },
              },
            },
            visibilityConfig: {
              cloudWatchMetricsEnabled: true,
              metricName: 'open-data-per-ip',
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

  /**
   * Cognito domain prefixes are unique per region across every AWS account: one derived from
   * the construct path alone collides in the second account that deploys the stack. A short hash
   * of account, region and stack (stage) name when they are known at synth; otherwise the stack's
   * own id, a UUID CloudFormation gives each stack.
   */
  private domainPrefix(): string {
    const { account, region, stackName } = Stack.of(this);
    const name = stackName.toLowerCase();
    if (![account, region, stackName].some((v) => Token.isUnresolved(v)))
      return `${name}-${createHash('sha256').update(`${account}-${region}-${name}`).digest('hex').slice(0, 10)}`;
    const stackUuid = Fn.select(2, Fn.split('/', Aws.STACK_ID));
    return `${name}-${Fn.select(0, Fn.split('-', stackUuid))}`;
  }
}

/** A WAF match of requests whose path holds `part` (API Gateway's WAF sees the stage in the path too). */
function uriContains(part: string): CfnWebACL.StatementProperty {
  return {
    byteMatchStatement: {
      searchString: part,
      fieldToMatch: { uriPath: {} },
      textTransformations: [{ priority: 0, type: 'NONE' }],
      positionalConstraint: 'CONTAINS',
    },
  };
}
