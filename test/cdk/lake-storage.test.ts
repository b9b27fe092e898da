import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { LakeStorage } from '../../lib/constructs/lake-storage';
import { stageWith, synthStack, testApp } from './synth-stack';

function lakeOnly(props: ConstructorParameters<typeof LakeStorage>[2] = {}): Template {
  const stack = new Stack(testApp(), 'T');
  new LakeStorage(stack, 'Lake', props);
  return Template.fromStack(stack);
}

const bucketsOf = (template: Template) => template.findResources('AWS::S3::Bucket');

describe('LakeStorage', () => {
  test('creates raw, curated, quarantine, Athena results, audit and access-log buckets', () => {
    expect(
      Object.keys(bucketsOf(lakeOnly()))
        .map((id) => id.replace(/[0-9A-F]{8}$/, ''))
        .sort(),
    ).toEqual(
      [
        'LakeAccessLogsBucket',
        'LakeAthenaResultsBucket',
        'LakeAuditBucket',
        'LakeCuratedBucket',
        'LakeQuarantineBucket',
        'LakeRawBucket',
      ].sort(),
    );
  });

  test('encrypts every bucket but the access logs with one rotating customer-managed KMS key', () => {
    const template = lakeOnly();
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const keyId = Object.keys(template.findResources('AWS::KMS::Key'))[0]!;
    for (const [id, bucket] of Object.entries(bucketsOf(template))) {
      const rule =
        bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault;
      if (id.startsWith('LakeAccessLogsBucket')) expect(rule.SSEAlgorithm).toBe('AES256');
      else expect(rule).toEqual({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    }
  });

  test('blocks public access, versions every bucket and logs access of every other bucket', () => {
    for (const [id, bucket] of Object.entries(bucketsOf(lakeOnly()))) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      if (!id.startsWith('LakeAccessLogsBucket'))
        expect(bucket.Properties.LoggingConfiguration.DestinationBucketName).toEqual({
          Ref: expect.stringMatching(/^LakeAccessLogsBucket/),
        });
    }
  });

  test('denies every request without TLS on every bucket', () => {
    const template = lakeOnly();
    const policies = template.findResources('AWS::S3::BucketPolicy');
    expect(Object.keys(policies)).toHaveLength(6);
    for (const policy of Object.values(policies)) {
      expect(policy.Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      );
    }
  });

  test('locks the audit log in compliance mode for the configured days (default 1825)', () => {
    lakeOnly().hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 1825 } },
      },
    });
    lakeOnly({ auditRetentionDays: 30 }).hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 30 } } },
    });
  });

  test('moves raw and quarantine to Glacier IR, expires quarantine after 400 days and Athena results after 30 by default', () => {
    const template = lakeOnly();
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Id: 'RawToCold', Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 90 }] }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Id: 'QuarantineToColdThenExpire',
            ExpirationInDays: 400,
            Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 90 }],
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ Id: 'ExpireResults', ExpirationInDays: 30 })]),
      },
    });
    // Raw feeds never expire.
    const raw = Object.entries(bucketsOf(template)).find(([id]) => id.startsWith('LakeRawBucket'))![1];
    expect(
      raw.Properties.LifecycleConfiguration.Rules.some(
        (r: { ExpirationInDays?: number }) => r.ExpirationInDays !== undefined,
      ),
    ).toBe(false);
  });

  test('retains buckets and the key by default, destroys them only with removeDataOnDestroy, and always keeps the locked audit log', () => {
    const retained = lakeOnly();
    for (const bucket of Object.values(bucketsOf(retained))) expect(bucket.DeletionPolicy).toBe('Retain');
    retained.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
    const destroyed = lakeOnly({ removeDataOnDestroy: true });
    for (const [id, bucket] of Object.entries(bucketsOf(destroyed)))
      expect(bucket.DeletionPolicy).toBe(id.startsWith('LakeAuditBucket') ? 'Retain' : 'Delete');
  });

  test('keeps the key even with removeDataOnDestroy, as the audit log it encrypts outlives the stack', () => {
    const destroyed = lakeOnly({ removeDataOnDestroy: true });
    const auditKey = Object.values(bucketsOf(destroyed)).find((b) => b.Properties.ObjectLockEnabled)!.Properties
      .BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID;
    const [keyId, key] = Object.entries(destroyed.findResources('AWS::KMS::Key'))[0]!;
    expect(auditKey).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(key).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('keeps the key in the dev stage, whose buckets are destroyed but the audit log is not', () => {
    const { template: dev } = synthStack(stageWith({}, 'dev'));
    expect(stageWith({}, 'dev').removeDataOnDestroy).toBe(true);
    dev.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('sends raw bucket events to EventBridge', () => {
    lakeOnly().hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: { EventBridgeConfiguration: {} },
    });
  });

  test('rejects a retention that is not a positive number of days, showing the value', () => {
    expect(() => lakeOnly({ auditRetentionDays: 0 })).toThrow('auditRetentionDays must be an integer >= 1, got 0');
    expect(() => lakeOnly({ quarantineColdAfterDays: 90, quarantineExpireDays: 60 })).toThrow(
      'quarantineExpireDays must be an integer >= 91, got 60',
    );
  });

  test('the stage config drives the stack: prod keeps data, dev may destroy it', () => {
    const { template: prod } = synthStack(stageWith({}, 'prod'));
    prod.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 1825 } } },
    });
    for (const bucket of Object.values(bucketsOf(prod))) expect(bucket.DeletionPolicy).toBe('Retain');
  });
});
