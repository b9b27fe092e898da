import { CfnOutput, Duration, Stack, Tags, Validations, type StackProps } from 'aws-cdk-lib';
import { AccountPrincipal, Role } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { metricsNamespace } from '../lambdas/core/observability/etl-metrics';
import type { StageConfig } from './config/stage-config';
import { Analytics } from './constructs/analytics';
import { Catalog } from './constructs/catalog';
import { DashboardSite } from './constructs/dashboard-site';
import { DatasetEvents } from './constructs/dataset-events';
import { FeedPipeline } from './constructs/feed-pipeline';
import { LakeStorage } from './constructs/lake-storage';
import { Monitoring } from './constructs/monitoring';
import { SharingApi } from './constructs/sharing-api';
import grantsJson from '../lambdas/core/sharing/grants.json';
import { parseGrantsFile } from '../lambdas/core/sharing/grants-file';

export interface DataCenterStackProps extends StackProps {
  readonly config: StageConfig;
  /** Where the views come from. @default the repository's sql/ */
  readonly sqlDir?: string;
}

/** The provincial digital data center for one stage: lake, ETL pipeline, catalog, Athena, monitoring, sharing API, dashboard. */
export class DataCenterStack extends Stack {
  readonly storage: LakeStorage;
  readonly pipeline: FeedPipeline;
  readonly datasetEvents: DatasetEvents;
  readonly catalog: Catalog;
  readonly analytics: Analytics;
  readonly monitoring: Monitoring;
  readonly sharingApi: SharingApi;
  readonly dashboard: DashboardSite;
  /** What data engineers assume to query Athena: the workgroup over curated data, nothing raw. */
  readonly analystRole: Role;

  constructor(scope: Construct, id: string, props: DataCenterStackProps) {
    super(scope, id, props);
    const { config } = props;
    const namespace = metricsNamespace(config.stage);
    Tags.of(this).add('project', 'vpdc');
    Tags.of(this).add('stage', config.stage);

    this.storage = new LakeStorage(this, 'Lake', {
      removeDataOnDestroy: config.removeDataOnDestroy,
      auditRetentionDays: config.auditRetentionDays,
      rawColdAfterDays: config.rawColdAfterDays,
      quarantineColdAfterDays: config.quarantineColdAfterDays,
      quarantineExpireDays: config.quarantineExpireDays,
      athenaResultsExpireDays: config.athenaResultsExpireDays,
      accessLogsExpireDays: config.accessLogsExpireDays,
    });
    this.pipeline = new FeedPipeline(this, 'FeedPipeline', {
      storage: this.storage,
      metricsNamespace: namespace,
      memoryMb: config.etl.memoryMb,
      timeout: Duration.seconds(config.etl.timeoutSeconds),
      maxReceiveCount: config.etl.maxReceiveCount,
      maxConcurrency: config.etl.maxConcurrency,
      logRetentionDays: config.logRetentionDays,
    });
    this.catalog = new Catalog(this, 'Catalog', {
      curatedBucket: this.storage.curatedBucket,
      auditBucket: this.storage.auditBucket,
      quarantineBucket: this.storage.quarantineBucket,
      databaseName: `vpdc_${config.stage.replace(/-/g, '_')}`,
    });
    this.analytics = new Analytics(this, 'Analytics', {
      storage: this.storage,
      catalog: this.catalog,
      metricsNamespace: namespace,
      workGroupName: `vpdc-${config.stage}`,
      bytesScannedCutoffPerQuery: config.bytesScannedCutoffPerQuery,
      sqlDir: props.sqlDir,
      removeDataOnDestroy: config.removeDataOnDestroy,
      logRetentionDays: config.logRetentionDays,
    });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      storage: this.storage,
      pipeline: this.pipeline,
      analytics: this.analytics,
      metricsNamespace: namespace,
      dashboardName: `vpdc-${config.stage}`,
      alarmEmail: config.alarmEmail,
      logRetentionDays: config.logRetentionDays,
    });
    this.datasetEvents = new DatasetEvents(this, 'DatasetEvents', {
      storage: this.storage,
      metricsNamespace: namespace,
      alarmTopic: this.monitoring.topic,
      logRetentionDays: config.logRetentionDays,
    });
    this.sharingApi = new SharingApi(this, 'SharingApi', {
      storage: this.storage,
      catalog: this.catalog,
      analytics: this.analytics,
      metricsNamespace: namespace,
      grants: parseGrantsFile(grantsJson),
      rateLimit: config.api.rateLimit,
      burstLimit: config.api.burstLimit,
      agencyRateLimit: config.api.agencyRateLimit,
      agencyBurstLimit: config.api.agencyBurstLimit,
      waf: config.api.waf,
      removeDataOnDestroy: config.removeDataOnDestroy,
      logRetentionDays: config.logRetentionDays,
    });
    this.dashboard = new DashboardSite(this, 'Dashboard', {
      api: this.sharingApi.api,
      accessLogsBucket: this.storage.accessLogsBucket,
      accessLogsExpireDays: config.accessLogsExpireDays,
      removeDataOnDestroy: config.removeDataOnDestroy,
      logRetentionDays: config.logRetentionDays,
    });
    this.analystRole = new Role(this, 'AnalystRole', {
      // Whoever the account's own IAM policies let assume it (an engineers' group, SSO).
      assumedBy: new AccountPrincipal(this.account),
      description:
        'Data engineers: queries in the vpdc workgroup over the curated lake and its views; no raw, quarantine or audit objects',
      maxSessionDuration: Duration.hours(4),
    });
    this.analytics.grantQuery(this.analystRole);
    // What `vpdc query --engine athena` and an analyst's tools need, named once here.
    const outputs: Record<string, { value: string; description: string }> = {
      AthenaWorkGroup: { value: this.analytics.workGroupName, description: 'vpdc query --engine athena --workgroup' },
      GlueDatabase: { value: this.catalog.databaseName, description: 'vpdc query --engine athena --database' },
      AnalystRoleArn: { value: this.analystRole.roleArn, description: 'assume it to query Athena' },
      RawBucket: { value: this.storage.rawBucket.bucketName, description: 'producers put feeds under raw/<source>/' },
      CuratedBucket: { value: this.storage.curatedBucket.bucketName, description: 'the curated lake (Parquet)' },
    };
    for (const [id, output] of Object.entries(outputs)) new CfnOutput(this, id, output);
    if (config.removeDataOnDestroy) {
      Validations.of(this).addWarning(
        'vpdc:removeDataOnDestroy',
        `stage ${config.stage} deletes its buckets and data with the stack (removeDataOnDestroy)`,
      );
    }
  }
}
