import { Duration, Validations } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { SOURCES, type SourceSpec } from '../../lambdas/core/feeds';
import { UNROUTED_SOURCE } from '../../lambdas/core/ingest/ingest-raw-object';
import { ETL_METRICS, metricDimensions, type EtlMetric } from '../../lambdas/core/observability/etl-metrics';
import type { Analytics } from './analytics';
import type { FeedPipeline } from './feed-pipeline';
import type { LakeStorage } from './lake-storage';
import { VpdcFunction } from './vpdc-function';

export interface MonitoringProps {
  readonly storage: LakeStorage;
  readonly pipeline: FeedPipeline;
  readonly analytics: Analytics;
  readonly metricsNamespace: string;
  readonly dashboardName: string;
  /**
   * The sources to watch, each with a late-feed alarm from its cadence.
   * @default SOURCES - every source spec
   */
  readonly sources?: readonly SourceSpec[];
  /** @default - alarms go to the topic only; subscribe to it yourself */
  readonly alarmEmail?: string;
  /** @default 30 */
  readonly logRetentionDays?: number;
}

/**
 * The operations view of the pipeline: a CloudWatch dashboard (per source: freshness, files,
 * rows accepted and rejected; ETL duration and errors; queue and DLQ depth; Athena bytes
 * scanned) and alarms to one SNS topic: a late-feed alarm per source, ETL errors, failed
 * feeds, messages in the DLQ and a stuck queue.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  readonly alarms: Record<string, Alarm> = {};
  readonly freshnessFunction: VpdcFunction;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { pipeline, storage } = props;
    const sources = props.sources ?? SOURCES;
    const metric = (name: EtlMetric, source: string, statistic = 'Sum', period = Duration.hours(1)) =>
      new Metric({
        namespace: props.metricsNamespace,
        metricName: name,
        // Exactly the dimensions the handler publishes: another set would be another metric.
        dimensionsMap: metricDimensions(name, source),
        statistic,
        period,
      });

    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: 'vpdc alarms',
      masterKey: storage.key,
      enforceSSL: true,
    });
    // CloudWatch publishes to the encrypted topic with the lake key.
    storage.key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const alarm = (alarmId: string, a: Alarm) => {
      a.addAlarmAction(new SnsAction(this.topic));
      a.addOkAction(new SnsAction(this.topic));
      this.alarms[alarmId] = a;
    };

    this.freshnessFunction = new VpdcFunction(this, 'FreshnessFunction', {
      entry: 'freshness/handler.ts',
      description: 'vpdc: days since each source last sent a feed (hourly, for the late-feed alarms)',
      metricsNamespace: props.metricsNamespace,
      memoryMb: 256,
      timeout: Duration.minutes(1),
      logRetentionDays: props.logRetentionDays,
    });
    storage.bindManifestReader(this.freshnessFunction);
    new Rule(this, 'FreshnessSchedule', {
      schedule: Schedule.rate(Duration.hours(1)),
      targets: [new LambdaFunction(this.freshnessFunction, { retryAttempts: 2 })],
    });

    for (const source of sources) {
      const limit = source.cadence.everyDays + source.cadence.graceDays;
      alarm(
        `LateFeed-${source.id}`,
        new Alarm(this, `LateFeed${pascal(source.id)}`, {
          alarmDescription: `No file from ${source.name} (${source.id}) for more than ${limit} days (expected every ${source.cadence.everyDays} days, ${source.cadence.graceDays} days grace). Nothing published counts as late.`,
          metric: metric(ETL_METRICS.daysSinceLastFeed, source.id, 'Maximum', Duration.hours(6)),
          threshold: limit,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.BREACHING,
        }),
      );
    }
    // Files that failed whole, per source, and files that named no known source or dataset.
    for (const source of [...sources.map((s) => s.id), UNROUTED_SOURCE]) {
      alarm(
        `FailedFeeds-${source}`,
        new Alarm(this, `FailedFeeds${pascal(source)}`, {
          alarmDescription: `A file under ${source} failed whole: see its failed manifest under manifests/${source}/.`,
          metric: metric(ETL_METRICS.feedsFailed, source, 'Sum', Duration.minutes(5)),
          threshold: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    alarm(
      'EtlErrors',
      pipeline.etlFunction.metricErrors({ period: Duration.minutes(5) }).createAlarm(this, 'EtlErrors', {
        alarmDescription: 'The ETL function threw: a message will be retried and may end in the DLQ.',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
    alarm(
      'DeadLetters',
      pipeline.deadLetterQueue
        .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' })
        .createAlarm(this, 'DeadLetters', {
          alarmDescription:
            'Feed messages are in the dead-letter queue: fix the cause, then run the RedriveCommand output.',
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
    );
    alarm(
      'QueueStuck',
      pipeline.queue
        .metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' })
        .createAlarm(this, 'QueueStuck', {
          alarmDescription: 'A feed has waited over an hour for the ETL.',
          threshold: 3600,
          evaluationPeriods: 3,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
    );

    const perSource = (name: EtlMetric, statistic = 'Sum', period = Duration.days(1)): IMetric[] =>
      sources.map((s) => metric(name, s.id, statistic, period).with({ label: s.id }));
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.days(35),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          '# vpdc data center\nFeeds per source, the ETL, the queues and Athena. Alarms go to the SNS topic of this stack.',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new SingleValueWidget({
        title: 'Days since last feed',
        metrics: perSource(ETL_METRICS.daysSinceLastFeed, 'Maximum', Duration.hours(6)),
        width: 24,
        height: 4,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Files received per day', left: perSource(ETL_METRICS.feedsReceived), width: 8 }),
      new GraphWidget({ title: 'Rows accepted per day', left: perSource(ETL_METRICS.rowsAccepted), width: 8 }),
      new GraphWidget({
        title: 'Rows rejected per day',
        left: perSource(ETL_METRICS.rowsRejected),
        right: perSource(ETL_METRICS.feedsFailed),
        rightYAxis: { label: 'failed files' },
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'ETL duration (ms)',
        left: [
          pipeline.etlFunction.metricDuration({ statistic: 'p50' }),
          pipeline.etlFunction.metricDuration({ statistic: 'Maximum' }),
        ],
        width: 8,
      }),
      new GraphWidget({
        title: 'ETL errors and throttles',
        left: [pipeline.etlFunction.metricErrors(), pipeline.etlFunction.metricThrottles()],
        width: 8,
      }),
      new GraphWidget({
        title: 'Queue and DLQ depth',
        left: [
          pipeline.queue.metricApproximateNumberOfMessagesVisible({ label: 'feed queue' }),
          pipeline.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ label: 'dead letters' }),
        ],
        width: 8,
      }),
    );
    const scanned = new Metric({
      namespace: 'AWS/Athena',
      metricName: 'ProcessedBytes',
      dimensionsMap: { WorkGroup: props.analytics.workGroupName },
      statistic: 'Sum',
      period: Duration.days(1),
    });
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Athena data scanned per day (GB)',
        left: [
          new MathExpression({
            expression: 'bytes / 1000000000',
            usingMetrics: { bytes: scanned },
            label: 'GB scanned',
            period: Duration.days(1),
          }),
        ],
        width: 12,
      }),
    );
    Validations.of(this.freshnessFunction).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'Invoked hourly by a schedule; a lost run is missing data, which the late-feed alarms already treat as late.',
    });
    Validations.of(this).acknowledge({
      id: 'Serverless-EventBusDLQ',
      reason:
        'The hourly freshness schedule retries twice; a missed run is missing data, which the late-feed alarms already treat as late.',
    });
  }
}

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_m, _sep, c: string) => c.toUpperCase());
}
