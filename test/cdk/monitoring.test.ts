import { Match } from 'aws-cdk-lib/assertions';
import { SOURCES } from '../../lambdas/core/feeds';
import { stageWith, synthStack } from './synth-stack';

describe('Monitoring', () => {
  const { template } = synthStack(stageWith({ alarmEmail: 'noc@vinhphuc.gov.vn' }));

  test.each(SOURCES.map((s) => [s.id, s]))(
    '%s: a late-feed alarm at its cadence plus grace, missing data counting as late',
    (id, source) => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'DaysSinceLastFeed',
        Namespace: 'vpdc/dev',
        // Powertools adds the publishing function's service name to every metric.
        Dimensions: [
          { Name: 'service', Value: 'vpdc-freshness' },
          { Name: 'source', Value: id },
        ],
        Threshold: source.cadence.everyDays + source.cadence.graceDays,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'breaching',
        AlarmActions: [{ Ref: Match.stringLikeRegexp('^MonitoringAlarmTopic') }],
      });
    },
  );

  test.each([...SOURCES.map((s) => s.id), 'unrouted'])('%s: an alarm when a file fails whole', (id) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'FeedsFailed',
      Namespace: 'vpdc/dev',
      Dimensions: [
        { Name: 'service', Value: 'vpdc-etl' },
        { Name: 'source', Value: id },
      ],
      Threshold: 1,
    });
  });

  test('alarms on dead letters, ETL errors and a stuck queue', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FeedPipelineDeadLetterQueue'), 'QueueName'] },
        },
      ],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Threshold: 1,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Threshold: 3600,
    });
  });

  test('sends alarms to an encrypted, TLS-only topic with the configured e-mail subscribed', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'noc@vinhphuc.gov.vn' });
  });

  test('draws per-source freshness, files, rows, ETL, queues and Athena bytes on the dashboard', () => {
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard!.Properties.DashboardBody);
    for (const title of [
      'Days since last feed',
      'Files received per day',
      'Rows accepted per day',
      'Rows rejected per day',
      'ETL duration',
      'Queue and DLQ depth',
      'Athena data scanned',
    ])
      expect(body).toContain(title);
    expect(body).toContain('ProcessedBytes');
  });

  test('publishes freshness hourly from a scheduled function that can only read manifests', () => {
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 hour)' });
  });
});
