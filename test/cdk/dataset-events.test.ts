import type { CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { Match } from 'aws-cdk-lib/assertions';
import { allows, roleGrants } from './role-policies';
import { synthStack } from './synth-stack';

describe('DatasetEvents', () => {
  const { stack, template } = synthStack();
  const grants = roleGrants(template);
  const logicalId = (construct: IConstruct) => stack.getLogicalId(construct.node.defaultChild as CfnElement);
  const eventsRole = grants.get(logicalId(stack.datasetEvents.node.findChild('EventsFunctionRole')))!;
  const curated = `<${logicalId(stack.storage.curatedBucket)}.Arn>`;
  const audit = `<${logicalId(stack.storage.auditBucket)}.Arn>`;

  test('the curated bucket sends its events to EventBridge, and manifests/ objects go to the events queue', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: Match.stringLikeRegexp('^LakeCuratedBucket') },
      NotificationConfiguration: { EventBridgeConfiguration: {} },
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: {
          bucket: { name: [{ Ref: Match.stringLikeRegexp('^LakeCuratedBucket') }] },
          object: { key: [{ prefix: 'manifests/' }] },
        },
      },
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DatasetEventsEventsQueue'), 'Arn'] } }),
      ],
    });
  });

  test('the function drains the queue with partial batch responses; 3 failed deliveries move a message to the DLQ, which alarms', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DatasetEventsEventsQueue'), 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DatasetEventsDeadLetterQueue'), 'Arn'] },
        maxReceiveCount: 3,
      },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DatasetEventsDeadLetterQueue'), 'QueueName'] },
        },
      ],
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^MonitoringAlarmTopic') }],
    });
  });

  test('its role reads manifests and subscriptions, writes dead letters and audit entries, and nothing more', () => {
    expect(allows(eventsRole, 's3:GetObject', `${curated}/manifests/x.json`)).toBe(true);
    expect(allows(eventsRole, 's3:GetObject', `${curated}/subscriptions/ioc/x.json`)).toBe(true);
    expect(allows(eventsRole, 's3:ListBucket', curated)).toBe(true);
    expect(allows(eventsRole, 's3:PutObject', `${curated}/subscriptions-dead-letters/ioc/s/e.json`)).toBe(true);
    expect(allows(eventsRole, 's3:PutObject', `${audit}/audit/2026/12/07/x.json`)).toBe(true);
    // A subscriber's secret or a manifest is never written by it, nor curated data read.
    expect(allows(eventsRole, 's3:PutObject', `${curated}/subscriptions/ioc/x.json`)).toBe(false);
    expect(allows(eventsRole, 's3:PutObject', `${curated}/manifests/x.json`)).toBe(false);
    expect(allows(eventsRole, 's3:GetObject', `${curated}/curated/telecom_bts/x.parquet`)).toBe(false);
    expect(allows(eventsRole, 's3:DeleteObject', `${curated}/subscriptions/ioc/x.json`)).toBe(false);
  });

  test('access requests live in a DynamoDB table with point-in-time recovery and the lake key; the API writes them, the events function only reads', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: Match.objectLike({ SSEEnabled: true, SSEType: 'KMS' }),
    });
    const table = `<${logicalId(stack.storage.accessRequestsTable)}.Arn>`;
    const apiRole = grants.get(logicalId(stack.sharingApi.node.findChild('ApiFunctionRole')))!;
    for (const action of ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:Scan'])
      expect({ action, api: allows(apiRole, action, table) }).toEqual({ action, api: true });
    expect(allows(apiRole, 'dynamodb:DeleteItem', table)).toBe(false);
    expect(allows(eventsRole, 'dynamodb:Scan', table)).toBe(true);
    expect(allows(eventsRole, 'dynamodb:PutItem', table)).toBe(false);
  });
});
