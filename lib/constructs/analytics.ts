import { CustomResource, Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import type { CfnTable } from 'aws-cdk-lib/aws-glue';
import { Effect, PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledgeS3Grants } from '../nag/acknowledge';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { loadViews, type ViewSource } from '../../lambdas/core/sql/view-files';
import type { Catalog } from './catalog';
import type { LakeStorage } from './lake-storage';
import { VpdcFunction } from './vpdc-function';

export interface AnalyticsProps {
  readonly storage: LakeStorage;
  readonly catalog: Catalog;
  readonly metricsNamespace: string;
  /**
   * The workgroup's name.
   * @default 'vpdc'
   */
  readonly workGroupName?: string;
  /**
   * Athena cancels a query of this workgroup that scans more bytes.
   * @default 10_000_000_000 - 10 GB
   */
  readonly bytesScannedCutoffPerQuery?: number;
  /**
   * Where the views come from: `<sqlDir>/staging/*.sql`, then `<sqlDir>/marts/*.sql`.
   * @default the repository's sql/ folder
   */
  readonly sqlDir?: string;
  /** Delete the workgroup's query history with it. @default false */
  readonly removeDataOnDestroy?: boolean;
  /** @default 30 */
  readonly logRetentionDays?: number;
}

/**
 * Athena over the catalog: a workgroup whose settings callers cannot override (results in
 * the results bucket, SSE-KMS, a bytes-scanned cutoff, CloudWatch metrics), and the views of
 * sql/ applied on every deployment by a custom resource, in dependency order.
 */
export class Analytics extends Construct {
  readonly workGroup: CfnWorkGroup;
  readonly workGroupName: string;
  readonly views: ViewSource[];
  readonly viewsResource: CustomResource;
  private readonly storage: LakeStorage;
  private readonly catalog: Catalog;

  constructor(scope: Construct, id: string, props: AnalyticsProps) {
    super(scope, id);
    const cutoff = props.bytesScannedCutoffPerQuery ?? 10_000_000_000;
    if (!Token.isUnresolved(cutoff) && cutoff < 10_000_000)
      throw new Error(`bytesScannedCutoffPerQuery must be >= 10000000 (Athena's minimum), got ${cutoff}`);
    this.workGroupName = props.workGroupName ?? 'vpdc';
    this.storage = props.storage;
    this.catalog = props.catalog;
    const { storage } = props;

    this.workGroup = new CfnWorkGroup(this, 'WorkGroup', {
      name: this.workGroupName,
      description: 'vpdc: queries over the curated lake and the shared views',
      recursiveDeleteOption: props.removeDataOnDestroy ?? false,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: cutoff,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: storage.athenaResultsBucket.s3UrlForObject('results/'),
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: storage.key.keyArn },
        },
      },
    });

    this.views = loadViews(props.sqlDir ?? join(__dirname, '..', '..', 'sql'));
    const viewsFunction = new VpdcFunction(this, 'ViewsFunction', {
      entry: 'views/handler.ts',
      description: 'vpdc: applies the SQL views of sql/ to Athena on every deployment',
      metricsNamespace: props.metricsNamespace,
      memoryMb: 256,
      timeout: Duration.minutes(10),
      logRetentionDays: props.logRetentionDays,
    });
    this.grantStatements(viewsFunction);
    viewsFunction.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['glue:CreateTable', 'glue:UpdateTable', 'glue:DeleteTable'],
        resources: [
          this.catalogArn(),
          this.databaseArn(props.catalog.databaseName),
          this.tableArn(props.catalog.databaseName, '*'),
        ],
      }),
    );

    const provider = new Provider(this, 'ViewsProvider', { onEventHandler: viewsFunction });
    const viewsJson = JSON.stringify(this.views.map(({ name, sql }) => ({ name, sql })));
    this.viewsResource = new CustomResource(this, 'Views', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::AthenaViews',
      properties: {
        WorkGroup: this.workGroupName,
        Database: props.catalog.databaseName,
        Views: viewsJson,
        // What the views depend on: their SQL and every table's columns. Athena fixes a view's
        // columns when it is created, so a changed column must re-apply the views too: a new
        // hash makes CloudFormation send an Update, and the handler re-creates them all.
        Version: createHash('sha256').update(viewsJson).update(this.tableColumnsJson()).digest('hex'),
      },
    });
    this.viewsResource.node.addDependency(this.workGroup);
    for (const table of Object.values(props.catalog.tables)) this.viewsResource.node.addDependency(table);

    Validations.of(viewsFunction).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason: 'Invoked synchronously by CloudFormation through the provider framework; a failure fails the deployment.',
    });
    Validations.of(provider).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The CDK provider framework function uses AWSLambdaBasicExecutionRole for its own logs only.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(viewsFunction.node.defaultChild as CfnFunction)}.Arn>:*]`,
        reason:
          'The CDK provider framework may invoke only the views function and its versions (function ARN with :*).',
      },
      {
        id: 'AwsSolutions-L1',
        reason: 'The CDK provider framework picks its own runtime; it runs only during deployments.',
      },
      {
        id: 'Serverless-LambdaDLQ',
        reason: 'Invoked synchronously by CloudFormation through the provider framework; failures fail the deployment.',
      },
      {
        id: 'Serverless-LambdaTracing',
        reason:
          'The CDK provider framework function is not configurable for tracing; the views function it calls is traced.',
      },
      { id: 'Serverless-LambdaDefaultMemorySize', reason: 'The CDK provider framework function sets its own memory.' },
      { id: 'Serverless-LambdaLatestVersion', reason: 'The CDK provider framework picks its own runtime.' },
    );
  }

  /** Run queries in the workgroup over the catalog: Athena, Glue reads, curated reads, results. */
  grantQuery(grantee: IGrantable): void {
    this.grantStatements(grantee);
    this.storage.grantReadCurated(grantee);
  }

  /** Run statements that read the catalog but no data (CREATE VIEW): Athena, Glue reads, results. */
  private grantStatements(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [
          'athena:StartQueryExecution',
          'athena:GetQueryExecution',
          'athena:GetQueryResults',
          'athena:StopQueryExecution',
          'athena:GetWorkGroup',
        ],
        resources: [
          Stack.of(this).formatArn({ service: 'athena', resource: 'workgroup', resourceName: this.workGroupName }),
        ],
      }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions'],
        resources: [
          this.catalogArn(),
          this.databaseArn(this.catalog.databaseName),
          this.tableArn(this.catalog.databaseName, '*'),
        ],
      }),
    );
    // Athena's fine-grained Glue access guide: a caller needs the catalog and the `default`
    // database of the region (Athena looks them up for DDL and queries, whatever database the
    // query names), and GetDatabases on the catalog; without them CREATE VIEW can be denied.
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['glue:GetDatabase', 'glue:GetDatabases'],
        resources: [this.catalogArn(), this.databaseArn('default'), this.databaseArn(this.catalog.databaseName)],
      }),
    );
    // Athena writes and reads results with the caller's rights; nothing here deletes them (the lifecycle does).
    this.storage.athenaResultsBucket.grantRead(grantee, 'results/*');
    this.storage.athenaResultsBucket.grantPut(grantee, 'results/*');
    acknowledgeS3Grants(
      grantee,
      [{ bucket: this.storage.athenaResultsBucket, prefix: 'results/*' }],
      'Athena writes and reads query results',
    );
    const principal = grantee.grantPrincipal;
    if (Construct.isConstruct(principal))
      Validations.of(principal).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${this.tableArnPattern()}]`,
        reason: `Glue tables of the vpdc database only (${this.catalog.databaseName}/*): the tables and views are generated from the contracts and sql/.`,
      });
  }

  /** The Glue tables' names, columns and partition keys (as the catalog generated them from the contracts), as JSON. */
  private tableColumnsJson(): string {
    const tables = Object.entries(this.catalog.tables)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, table]) => {
        const input = table.tableInput as CfnTable.TableInputProperty;
        const storage = input.storageDescriptor as CfnTable.StorageDescriptorProperty | undefined;
        return { name, columns: storage?.columns, partitionKeys: input.partitionKeys };
      });
    // Resolved, so a token (none today) hashes as its CloudFormation form, the same on every synth.
    return JSON.stringify(Stack.of(this).resolve(tables));
  }

  /** How cdk-nag prints the table ARN wildcard, for the acknowledgement. */
  private tableArnPattern(): string {
    const stack = Stack.of(this);
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    return `arn:<AWS::Partition>:glue:${region}:${account}:table/${this.catalog.databaseName}/*`;
  }

  private catalogArn(): string {
    return Stack.of(this).formatArn({ service: 'glue', resource: 'catalog' });
  }

  private databaseArn(database: string): string {
    return Stack.of(this).formatArn({ service: 'glue', resource: 'database', resourceName: database });
  }

  private tableArn(database: string, table: string): string {
    return Stack.of(this).formatArn({ service: 'glue', resource: 'table', resourceName: `${database}/${table}` });
  }
}
