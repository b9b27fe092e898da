import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { FeedPipeline } from '../../lib/constructs/feed-pipeline';
import { LakeStorage } from '../../lib/constructs/lake-storage';
import { stageWith, synthStack, testApp } from './synth-stack';

describe('FeedPipeline', () => {
  const { template } = synthStack(stageWith({ etl: { memoryMb: 2048, timeoutSeconds: 300, maxReceiveCount: 4 } }));

  test('routes Object Created events of raw/ in the raw bucket through EventBridge to the feed queue, with a DLQ for the rule', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: {
          bucket: { name: [{ Ref: Match.stringLikeRegexp('^LakeRawBucket') }] },
          object: { key: [{ prefix: 'raw/' }] },
        },
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FeedPipelineFeedQueue'), 'Arn'] },
          DeadLetterConfig: Match.anyValue(),
        }),
      ],
    });
  });

  test('gives the queue six times the function timeout and a redrive to the DLQ after maxReceiveCount', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 1800,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FeedPipelineDeadLetterQueue'), 'Arn'] },
        maxReceiveCount: 4,
      },
      SqsManagedSseEnabled: true,
    });
  });

  test('runs the ETL on Node.js 24, ARM64, traced, with partial batch responses', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 2048,
      Timeout: 300,
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: Match.objectLike({
          RAW_BUCKET: Match.anyValue(),
          CURATED_BUCKET: Match.anyValue(),
          QUARANTINE_BUCKET: Match.anyValue(),
          POWERTOOLS_METRICS_NAMESPACE: 'vpdc/dev',
          // The JavaScript heap bounded to half the function's 2048 MB.
          NODE_OPTIONS: '--enable-source-maps --max-old-space-size=1024',
        }),
      },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 5,
    });
  });

  test('lets the ETL read raw/ only, write curated/, manifests/ and quarantine/ only, and use no * resource but X-Ray', () => {
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { PolicyName: Match.stringLikeRegexp('^FeedPipelineEtlFunctionRole') },
    });
    const statements = Object.values(policies).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    );
    const resourcesOf = (action: string) =>
      statements
        .filter((s) => [s.Action].flat().includes(action))
        .flatMap((s) => [s.Resource].flat())
        .map((r) => JSON.stringify(r));
    const objectPrefixes = (action: string) =>
      resourcesOf(action)
        .flatMap((r) => /\/([a-z]+)\/\*"/.exec(r)?.[1] ?? [])
        .sort();
    const buckets = (action: string) =>
      resourcesOf(action)
        .flatMap((r) => /^\{"Fn::GetAtt":\["(Lake[A-Za-z]+Bucket)[0-9A-F]{8}","Arn"\]\}$/.exec(r)?.[1] ?? [])
        .sort();
    expect(objectPrefixes('s3:GetObject*')).toEqual(['manifests', 'raw']);
    expect(buckets('s3:List*')).toEqual(['LakeCuratedBucket', 'LakeRawBucket']);
    expect(objectPrefixes('s3:PutObject')).toEqual(['curated', 'manifests', 'quarantine']);
    expect(resourcesOf('s3:PutObject').filter((r) => !/\/\*"/.test(r))).toEqual([]);
    expect(resourcesOf('s3:DeleteObject*')).toEqual([]);
    const starred = statements.filter((s) => [s.Resource].flat().includes('*'));
    expect(starred.flatMap((s) => [s.Action].flat()).sort()).toEqual([
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
  });

  test('outputs the command that moves dead letters back to the feed queue', () => {
    const outputs = template.findOutputs('*', { Value: Match.anyValue() });
    const redrive = Object.entries(outputs).find(([id]) => id.includes('RedriveCommand'))![1];
    expect(JSON.stringify(redrive.Value)).toContain('aws sqs start-message-move-task --source-arn ');
  });

  test('by default sets no concurrency limit on the ETL, neither reserved nor on the event source', () => {
    template.resourcePropertiesCountIs('AWS::Lambda::Function', { ReservedConcurrentExecutions: Match.anyValue() }, 0);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { ScalingConfig: Match.absent() });
  });
});

describe('FeedPipeline in prod', () => {
  const { template } = synthStack(stageWith({}, 'prod'));

  test('caps the ETL at 20 concurrent invocations on the SQS event source, reserving none of the account quota', () => {
    // Reserved concurrency fails the deploy in an account whose concurrency quota is low.
    template.resourcePropertiesCountIs('AWS::Lambda::Function', { ReservedConcurrentExecutions: Match.anyValue() }, 0);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FeedPipelineFeedQueue'), 'Arn'] },
      FunctionName: { Ref: Match.stringLikeRegexp('^FeedPipelineEtlFunction') },
      ScalingConfig: { MaximumConcurrency: 20 },
    });
  });
});

test.each([1, 1001])('FeedPipeline refuses maxConcurrency %p, the SQS event source takes 2..1000', (maxConcurrency) => {
  const stack = new Stack(testApp(), 'Test');
  const storage = new LakeStorage(stack, 'Lake');
  expect(
    () => new FeedPipeline(stack, 'FeedPipeline', { storage, metricsNamespace: 'vpdc/test', maxConcurrency }),
  ).toThrow(`maxConcurrency must be 2..1000, got ${maxConcurrency}`);
  // Nothing else in the stack is wrong: the same pipeline with 2 synthesizes.
  new FeedPipeline(stack, 'Valid', { storage, metricsNamespace: 'vpdc/test', maxConcurrency: 2 });
  Template.fromStack(stack).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
    ScalingConfig: { MaximumConcurrency: 2 },
  });
});
