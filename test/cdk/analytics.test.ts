import { Match } from 'aws-cdk-lib/assertions';
import { join } from 'node:path';
import { DATASETS } from '../../lambdas/core/contracts';
import { loadViews } from '../../lambdas/core/sql/view-files';
import { stageWith, synthStack } from './synth-stack';

const FIXTURE_SQL = join(__dirname, '..', 'fixtures', 'sql');

describe('Analytics', () => {
  const { template } = synthStack(stageWith({ bytesScannedCutoffPerQuery: 500_000_000 }), { sqlDir: FIXTURE_SQL });

  test('has a workgroup that enforces its settings: SSE-KMS results, the bytes-scanned cutoff, CloudWatch metrics', () => {
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'vpdc-dev',
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        PublishCloudWatchMetricsEnabled: true,
        BytesScannedCutoffPerQuery: 500_000_000,
        ResultConfiguration: {
          OutputLocation: Match.anyValue(),
          EncryptionConfiguration: {
            EncryptionOption: 'SSE_KMS',
            KmsKey: { 'Fn::GetAtt': [Match.stringLikeRegexp('^LakeKey'), 'Arn'] },
          },
        },
      },
    });
  });

  test('hands the views custom resource plan_targets and every SQL file, staging first, each mart after the views it reads', () => {
    const resources = Object.values(template.findResources('Custom::AthenaViews'));
    expect(resources).toHaveLength(1);
    const properties = resources[0]!.Properties;
    expect(properties.Database).toBe('vpdc_dev');
    expect(properties.WorkGroup).toBe('vpdc-dev');
    expect(JSON.parse(properties.Views)).toEqual([
      { name: 'plan_targets', sql: expect.stringContaining('from (\nvalues') },
      { name: 'stg_alpha', sql: 'select id from telecom_bts' },
      { name: 'z_detail', sql: 'select id from stg_alpha' },
      { name: 'a_summary', sql: 'select count(*) as n from z_detail' },
    ]);
    expect(JSON.parse(properties.Views)).toEqual(loadViews(FIXTURE_SQL).map(({ name, sql }) => ({ name, sql })));
  });

  test("applies the views only after every dataset's Glue table exists", () => {
    const [views] = Object.values(template.findResources('Custom::AthenaViews'));
    const tables = Object.entries(template.findResources('AWS::Glue::Table'))
      .filter(([, t]) => t.Properties.TableInput.Name !== 'audit_log')
      .map(([id]) => id);
    expect(tables).toHaveLength(DATASETS.length);
    expect(views!.DependsOn).toEqual(expect.arrayContaining(tables));
  });
});
