import { CfnOutput, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { LakeStorage } from './lake-storage';
import { VpdcFunction } from './vpdc-function';

export interface FeedPipelineProps {
  readonly storage: LakeStorage;
  /** Powertools metrics namespace of the ETL function. */
  readonly metricsNamespace: string;
  /**
   * @default 1024
   */
  readonly memoryMb?: number;
  /**
   * The ETL function's timeout; the queue's visibility timeout is six times this.
   * @default Duration.minutes(5)
   */
  readonly timeout?: Duration;
  /**
   * Deliveries of a message before it moves to the dead-letter queue.
   * @default 3
   */
  readonly maxReceiveCount?: number;
  /**
   * Messages handed to one invocation (processed one after another, failures reported per message).
   * @default 5
   */
  readonly batchSize?: number;
  /**
   * Concurrent ETL invocations the feed queue may start (2..1000), set on the event source
   * mapping rather than as reserved concurrency: reserving takes from the account's unreserved
   * pool, and fails the deploy in an account whose concurrency quota is low.
   * @default - as many as the queue and the account's concurrency allow
   */
  readonly maxConcurrency?: number;
  /** @default 30 */
  readonly logRetentionDays?: number;
}

/**
 * Raw feed arrives → ETL: S3 "Object Created" events of the raw bucket (prefix `raw/`) go
 * through an EventBridge rule to an SQS queue, which the ETL function drains with partial
 * batch responses. A message that keeps failing moves to the dead-letter queue after
 * `maxReceiveCount` deliveries; the stack outputs the command that moves it back.
 */
export class FeedPipeline extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly etlFunction: VpdcFunction;
  /** The key of personal identifiers' keyed hashes, read by the ETL from Secrets Manager. */
  readonly piiKey: Secret;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: FeedPipelineProps) {
    super(scope, id);
    const timeout = props.timeout ?? Duration.minutes(5);
    const maxReceiveCount = props.maxReceiveCount ?? 3;
    const batchSize = props.batchSize ?? 5;
    if (!Token.isUnresolved(maxReceiveCount) && (maxReceiveCount < 1 || maxReceiveCount > 10))
      throw new Error(`maxReceiveCount must be 1..10, got ${maxReceiveCount}`);
    if (!Token.isUnresolved(batchSize) && (batchSize < 1 || batchSize > 10))
      throw new Error(`batchSize must be 1..10, got ${batchSize}`);
    const { maxConcurrency } = props;
    if (
      maxConcurrency !== undefined &&
      !Token.isUnresolved(maxConcurrency) &&
      (maxConcurrency < 2 || maxConcurrency > 1000)
    )
      throw new Error(`maxConcurrency must be 2..1000, got ${maxConcurrency}`);

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge(
      { id: 'AwsSolutions-SQS3', reason: 'This queue is itself the dead-letter queue of the feed queue.' },
      { id: 'Serverless-SQSRedrivePolicy', reason: 'This queue is itself the dead-letter queue of the feed queue.' },
    );

    this.queue = new Queue(this, 'FeedQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's guidance for Lambda consumers: at least six times the function's timeout.
      visibilityTimeout: Duration.seconds(timeout.toSeconds() * 6),
      retentionPeriod: Duration.days(14),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount },
    });

    this.rule = new Rule(this, 'RawObjectCreated', {
      description: 'A feed file landed in the raw bucket: queue it for the ETL',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [props.storage.rawBucket.bucketName] }, object: { key: [{ prefix: 'raw/' }] } },
      },
      targets: [new SqsQueue(this.queue, { deadLetterQueue: this.deadLetterQueue, retryAttempts: 10 })],
    });

    this.etlFunction = new VpdcFunction(this, 'EtlFunction', {
      entry: 'etl/handler.ts',
      description: 'vpdc ETL: a raw feed file → curated Parquet, quarantine, manifest',
      metricsNamespace: props.metricsNamespace,
      memoryMb: props.memoryMb ?? 1024,
      timeout,
      logRetentionDays: props.logRetentionDays,
      // parquet-wasm loads its wasm from beside the bundle at run time.
      bundleFiles: ['node_modules/parquet-wasm/node/parquet_wasm_bg.wasm'],
    });
    props.storage.bindIngest(this.etlFunction);
    // Personal identifiers in feeds (the one-stop system's citizen IDs) become HMAC-SHA256 with this key before anything is written.
    this.piiKey = new Secret(this, 'PiiHmacKey', {
      description: 'vpdc: the HMAC key of personal identifiers in feeds (rotating it changes every hash from then on)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.piiKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the PII hash key would make the hashes of one person differ before and after; it is rotated deliberately, with a re-hash, not on a schedule.',
    });
    this.piiKey.grantRead(this.etlFunction);
    this.etlFunction.addEnvironment('PII_KEY_SECRET_ARN', this.piiKey.secretArn);
    this.etlFunction.addEventSource(
      new SqsEventSource(this.queue, { batchSize, reportBatchItemFailures: true, maxConcurrency }),
    );
    Validations.of(this.etlFunction).acknowledge(
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          "Invoked by an SQS event source mapping, never asynchronously: failed messages go to the feed queue's dead-letter queue.",
      },
      {
        id: 'Serverless-LambdaEventSourceMappingDestination',
        reason:
          "The feed queue's redrive policy moves a failing message to the dead-letter queue after maxReceiveCount deliveries.",
      },
    );

    new CfnOutput(this, 'RedriveCommand', {
      description:
        'Moves every message of the ETL dead-letter queue back to the feed queue (run after fixing the cause)',
      value: `aws sqs start-message-move-task --source-arn ${this.deadLetterQueue.queueArn} --destination-arn ${this.queue.queueArn} --region ${Stack.of(this).region}`,
    });
  }
}
