import { Annotations, CfnDeletionPolicy, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  type CfnBucket,
  BucketEncryption,
  ObjectLockRetention,
  ObjectOwnership,
  StorageClass,
  type BucketProps,
  type LifecycleRule,
} from 'aws-cdk-lib/aws-s3';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { acknowledgeS3Grants } from '../nag/acknowledge';
import type { VpdcFunction } from './vpdc-function';

export interface LakeStorageProps {
  /**
   * Delete every bucket and its objects with the stack, but the audit log (locked) and the KMS
   * key (it encrypts the audit log, which would be unreadable without it).
   * @default false - buckets and the key are RETAINed when the stack is deleted
   */
  readonly removeDataOnDestroy?: boolean;
  /**
   * Compliance-mode Object Lock retention of the audit log, in days.
   * @default 1825 - five years; nobody, root included, can delete an entry sooner
   */
  readonly auditRetentionDays?: number;
  /**
   * Days before raw feeds move to Glacier Instant Retrieval. Raw feeds never expire.
   * @default 90
   */
  readonly rawColdAfterDays?: number;
  /**
   * Days before quarantined rows move to Glacier Instant Retrieval.
   * @default 90
   */
  readonly quarantineColdAfterDays?: number;
  /**
   * Days before quarantined rows are deleted.
   * @default 400 - rejected rows are kept 400 days
   */
  readonly quarantineExpireDays?: number;
  /**
   * Days before Athena query results are deleted.
   * @default 30
   */
  readonly athenaResultsExpireDays?: number;
  /**
   * Days before S3 server access logs are deleted.
   * @default 365
   */
  readonly accessLogsExpireDays?: number;
}

/**
 * The lake's buckets: raw (feeds as received), curated (Parquet and manifests), quarantine
 * (rejected rows), Athena results, the audit log (Object Lock) and the access logs every
 * other bucket writes to. All private, TLS-only and versioned; all but the access logs
 * encrypted with one customer-managed KMS key that rotates yearly.
 */
export class LakeStorage extends Construct {
  readonly key: Key;
  readonly rawBucket: Bucket;
  readonly curatedBucket: Bucket;
  readonly quarantineBucket: Bucket;
  readonly athenaResultsBucket: Bucket;
  readonly auditBucket: Bucket;
  readonly accessLogsBucket: Bucket;
  /** Access requests (asked, approved, refused, with their history): the grants in force beside grants.json. */
  readonly accessRequestsTable: Table;

  constructor(scope: Construct, id: string, props: LakeStorageProps = {}) {
    super(scope, id);
    const removeData = props.removeDataOnDestroy ?? false;
    const auditRetentionDays = props.auditRetentionDays ?? 1825;
    const rawColdAfterDays = props.rawColdAfterDays ?? 90;
    const quarantineColdAfterDays = props.quarantineColdAfterDays ?? 90;
    const quarantineExpireDays = props.quarantineExpireDays ?? 400;
    validateDays('auditRetentionDays', auditRetentionDays, 1);
    validateDays('rawColdAfterDays', rawColdAfterDays, 30);
    validateDays('quarantineColdAfterDays', quarantineColdAfterDays, 30);
    validateDays('quarantineExpireDays', quarantineExpireDays, quarantineColdAfterDays + 1);
    const removalPolicy = removeData ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

    this.key = new Key(this, 'Key', {
      description: 'vpdc lake: raw, curated, quarantine, Athena results and audit log',
      enableKeyRotation: true,
      // Kept or not once the buckets it encrypts are known (below).
    });

    const common: BucketProps = {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy,
      autoDeleteObjects: removeData,
    };
    const noncurrent: LifecycleRule = {
      id: 'ExpireOldVersions',
      noncurrentVersionExpiration: Duration.days(30),
      abortIncompleteMultipartUploadAfter: Duration.days(7),
    };

    // Server access logs cannot be delivered to a KMS-encrypted bucket: S3-managed keys here.
    this.accessLogsBucket = new Bucket(this, 'AccessLogsBucket', {
      ...common,
      encryption: BucketEncryption.S3_MANAGED,
      lifecycleRules: [
        { id: 'ExpireAccessLogs', expiration: Duration.days(props.accessLogsExpireDays ?? 365) },
        noncurrent,
      ],
    });
    Validations.of(this.accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop.',
    });

    const encrypted = (prefix: string): BucketProps => ({
      ...common,
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: `${prefix}/`,
    });

    this.rawBucket = new Bucket(this, 'RawBucket', {
      ...encrypted('raw'),
      // The ETL listens through EventBridge (S3 → EventBridge → SQS), not bucket notifications.
      eventBridgeEnabled: true,
      lifecycleRules: [
        {
          id: 'RawToCold',
          transitions: [
            { storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(rawColdAfterDays) },
          ],
        },
        noncurrent,
      ],
    });
    this.curatedBucket = new Bucket(this, 'CuratedBucket', {
      ...encrypted('curated'),
      lifecycleRules: [noncurrent],
      // Manifests written here tell subscribers of new dataset versions (dataset-events.ts).
      eventBridgeEnabled: true,
    });
    this.quarantineBucket = new Bucket(this, 'QuarantineBucket', {
      ...encrypted('quarantine'),
      lifecycleRules: [
        {
          id: 'QuarantineToColdThenExpire',
          transitions: [
            {
              storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL,
              transitionAfter: Duration.days(quarantineColdAfterDays),
            },
          ],
          expiration: Duration.days(quarantineExpireDays),
        },
        noncurrent,
      ],
    });
    this.athenaResultsBucket = new Bucket(this, 'AthenaResultsBucket', {
      ...encrypted('athena-results'),
      lifecycleRules: [
        { id: 'ExpireResults', expiration: Duration.days(props.athenaResultsExpireDays ?? 30) },
        { ...noncurrent, noncurrentVersionExpiration: Duration.days(1) },
      ],
    });
    this.accessRequestsTable = new Table(this, 'AccessRequestsTable', {
      partitionKey: { name: 'id', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      // Every grant ever given is on record: restorable to any second of the last 35 days.
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy,
    });
    this.auditBucket = new Bucket(this, 'AuditBucket', {
      ...encrypted('audit'),
      // Always retained: locked objects cannot be deleted, so deleting the bucket would fail the
      // stack's deletion. It outlives the stack, empty once the retention has passed.
      removalPolicy: RemovalPolicy.RETAIN,
      autoDeleteObjects: false,
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(auditRetentionDays)),
    });
    // The key stays whenever data it encrypts outlives the stack (the audit log always does):
    // deleted, it would leave that data unreadable for good.
    const encryptedBuckets = [
      this.rawBucket,
      this.curatedBucket,
      this.quarantineBucket,
      this.athenaResultsBucket,
      this.auditBucket,
    ];
    const outlived = encryptedBuckets.some(
      (bucket) => (bucket.node.defaultChild as CfnBucket).cfnOptions.deletionPolicy !== CfnDeletionPolicy.DELETE,
    );
    this.key.applyRemovalPolicy(outlived ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);
    // eventBridgeEnabled makes CDK add its own deployment-time helper function at stack level.
    const notificationsHandler = Stack.of(this).node.children.find((child) =>
      child.node.id.startsWith('BucketNotificationsHandler'),
    );
    if (notificationsHandler) {
      Validations.of(notificationsHandler).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          "CDK's own bucket-notifications helper (turns on EventBridge for the raw and curated buckets at deploy time) writes only its own logs.",
      });
    }
    if (removeData) {
      Annotations.of(this.auditBucket).addInfo(
        `the audit log bucket is retained even with removeDataOnDestroy: its entries are locked for ${auditRetentionDays} day(s) (compliance mode)`,
      );
      Annotations.of(this.key).addInfo(
        'the lake key is retained even with removeDataOnDestroy: it encrypts the retained audit log',
      );
    }
  }

  /**
   * Lets the ETL function read raw feeds and write curated data, manifests and quarantine,
   * nothing else, and tells it the bucket names.
   */
  bindIngest(fn: VpdcFunction): void {
    // Put, never delete: the ETL only adds objects (replays write the same keys).
    this.rawBucket.grantRead(fn, 'raw/*');
    this.curatedBucket.grantPut(fn, 'curated/*');
    // Manifests are read too: an existing manifest means the file was ingested (replays skip).
    this.curatedBucket.grantRead(fn, 'manifests/*');
    this.curatedBucket.grantPut(fn, 'manifests/*');
    this.quarantineBucket.grantPut(fn, 'quarantine/*');
    fn.addEnvironment('RAW_BUCKET', this.rawBucket.bucketName);
    fn.addEnvironment('CURATED_BUCKET', this.curatedBucket.bucketName);
    fn.addEnvironment('QUARANTINE_BUCKET', this.quarantineBucket.bucketName);
    acknowledgeS3Grants(
      fn,
      [
        { bucket: this.rawBucket, prefix: 'raw/*' },
        { bucket: this.curatedBucket, prefix: 'curated/*' },
        { bucket: this.curatedBucket, prefix: 'manifests/*' },
        { bucket: this.quarantineBucket, prefix: 'quarantine/*' },
      ],
      'The ETL reads raw feeds and writes curated data, manifests and quarantine',
    );
  }

  /** Lets a function list and read manifests (feed freshness, status), and tells it the bucket. */
  bindManifestReader(fn: VpdcFunction): void {
    this.curatedBucket.grantRead(fn, 'manifests/*');
    fn.addEnvironment('CURATED_BUCKET', this.curatedBucket.bucketName);
    acknowledgeS3Grants(fn, [{ bucket: this.curatedBucket, prefix: 'manifests/*' }], 'Feed freshness reads manifests');
  }

  /**
   * Lets a function read the access requests, and with `write` record new ones and decisions
   * (a put: a decided request is rewritten with its history, never deleted).
   */
  bindAccessRequests(fn: VpdcFunction, options: { write: boolean }): void {
    this.accessRequestsTable.grantReadData(fn);
    if (options.write) {
      this.accessRequestsTable.grant(fn, 'dynamodb:PutItem');
      this.key.grantEncrypt(fn);
    }
    fn.addEnvironment('ACCESS_REQUESTS_TABLE', this.accessRequestsTable.tableName);
  }

  /** Read access to curated data (queries, the sharing API). */
  grantReadCurated(grantee: IGrantable): void {
    this.curatedBucket.grantRead(grantee, 'curated/*');
    acknowledgeS3Grants(grantee, [{ bucket: this.curatedBucket, prefix: 'curated/*' }], 'Queries read curated data');
  }
}

function validateDays(name: string, days: number, minimum: number): void {
  if (Token.isUnresolved(days)) return;
  if (!Number.isInteger(days) || days < minimum)
    throw new Error(`${name} must be an integer >= ${minimum}, got ${days}`);
}
