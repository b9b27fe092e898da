import { Duration, Stack, Tags, Validations, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { metricsNamespace } from '../lambdas/core/observability/etl-metrics';
import type { StageConfig } from './config/stage-config';
import { Analytics } from './constructs/analytics';
import { Catalog } from './constructs/catalog';
import { DashboardSite } from './constructs/dashboard-site';
import { FeedPipeline } from './constructs/feed-pipeline';
import { LakeStorage } from './constructs/lake-storage';
import { Monitoring } from './constructs/monitoring';
import { SharingApi } from './constructs/sharing-api';
import grantsJson from '../lambdas/core/sharing/grants.json';
import { parseGrantsFile } from '../lambdas/core/sharing/grants';

export interface DataCenterStackProps extends StackProps {
  readonly config: StageConfig;
  /** Where the views come from. @default the repository's sql/ */
  readonly sqlDir?: string;
}

/** The provincial digital data center for one stage: lake, ETL pipeline, catalog, Athena, monitoring, sharing API, dashboard. */
export class DataCenterStack extends Stack {
  readonly storage: LakeStorage;
  readonly pipeline: FeedPipeline;
  readonly catalog: Catalog;
  readonly analytics: Analytics;
  readonly monitoring: Monitoring;
  readonly sharingApi: SharingApi;
  readonly dashboard: DashboardSite;

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
    if (config.removeDataOnDestroy) {
      Validations.of(this).addWarning(
        'vpdc:removeDataOnDestroy',
        `stage ${config.stage} deletes its buckets and data with the stack (removeDataOnDestroy)`,
      );
    }
  }
}
