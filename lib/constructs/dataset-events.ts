import { Duration, Validations } from 'aws-cdk-lib';
import { ComparisonOperator, TreatMissingData, type Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeS3Grants } from '../nag/acknowledge';
import type { LakeStorage } from './lake-storage';
import { VpdcFunction } from './vpdc-function';

export interface DatasetEventsProps {
  readonly storage: LakeStorage;
  readonly metricsNamespace: string;
  /** Where the dead-letter alarm goes (the monitoring topic). */
  readonly alarmTopic: ITopic;
  /** @default 30 */
  readonly logRetentionDays?: number;
}

/**
 * Update notifications: each manifest written to the curated bucket (S3 → EventBridge) is
 * queued for the dataset-events function, which posts a signed webhook to every subscriber of
 * a dataset it gave a new version (retried, then dead-lettered under
 * `subscriptions-dead-letters/`). A message the function cannot process at all moves to the
 * queue's dead-letter queue after 3 deliveries, and an alarm says so.
 */
export class DatasetEvents extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly eventsFunction: VpdcFunction;
  readonly rule: Rule;
  readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, props: DatasetEventsProps) {
    super(scope, id);
    const { storage } = props;
    // Three attempts with waits of 1, 5 and 25 s fit in a minute per subscriber; subscribers are posted to in parallel.
    const timeout = Duration.minutes(2);
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge(
      { id: 'AwsSolutions-SQS3', reason: 'This queue is itself the dead-letter queue of the dataset-events queue.' },
      {
        id: 'Serverless-SQSRedrivePolicy',
        reason: 'This queue is itself the dead-letter queue of the dataset-events queue.',
      },
    );
    this.queue = new Queue(this, 'EventsQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(timeout.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 3 },
    });
    this.rule = new Rule(this, 'ManifestWritten', {
      description: 'A manifest was written: tell the subscribers of the datasets it changed',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [storage.curatedBucket.bucketName] },
          object: { key: [{ prefix: 'manifests/' }] },
        },
      },
      targets: [new SqsQueue(this.queue, { deadLetterQueue: this.deadLetterQueue, retryAttempts: 10 })],
    });

    this.eventsFunction = new VpdcFunction(this, 'EventsFunction', {
      entry: 'events/handler.ts',
      description:
        'vpdc dataset events: a new manifest → signed webhooks to the subscribers of the datasets it changed',
      metricsNamespace: props.metricsNamespace,
      memoryMb: 512,
      timeout,
      logRetentionDays: props.logRetentionDays,
      bundleFiles: ['sql'],
    });
    const fn = this.eventsFunction;
    storage.curatedBucket.grantRead(fn, 'manifests/*');
    storage.curatedBucket.grantRead(fn, 'subscriptions/*');
    storage.bindAccessRequests(fn, { write: false });
    storage.curatedBucket.grantPut(fn, 'subscriptions-dead-letters/*');
    storage.auditBucket.grantPut(fn, 'audit/*');
    fn.addEnvironment('CURATED_BUCKET', storage.curatedBucket.bucketName);
    fn.addEnvironment('AUDIT_BUCKET', storage.auditBucket.bucketName);
    // The served datasets (and so which datasets a manifest changes) come from the views.
    fn.addEnvironment('VPDC_SQL_DIR', '/var/task/sql');
    acknowledgeS3Grants(
      fn,
      [
        { bucket: storage.curatedBucket, prefix: 'manifests/*' },
        { bucket: storage.curatedBucket, prefix: 'subscriptions/*' },
        { bucket: storage.curatedBucket, prefix: 'subscriptions-dead-letters/*' },
        { bucket: storage.auditBucket, prefix: 'audit/*' },
      ],
      'The dataset-events function reads manifests, subscriptions and approved access requests, writes dead letters and audit entries',
    );
    fn.addEventSource(new SqsEventSource(this.queue, { batchSize: 5, reportBatchItemFailures: true }));
    Validations.of(fn).acknowledge(
      {
        id: 'Serverless-LambdaDLQ',
        reason: "Invoked by an SQS event source mapping, never asynchronously: failed messages go to the queue's DLQ.",
      },
      {
        id: 'Serverless-LambdaEventSourceMappingDestination',
        reason:
          "The events queue's redrive policy moves a failing message to the dead-letter queue after 3 deliveries.",
      },
    );

    this.deadLetterAlarm = this.deadLetterQueue
      .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' })
      .createAlarm(this, 'DeadLetters', {
        alarmDescription:
          'Manifest events could not be processed (S3 or the subscriptions unreadable): subscribers were not told of new versions.',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    this.deadLetterAlarm.addAlarmAction(new SnsAction(props.alarmTopic));
  }
}
