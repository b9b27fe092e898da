import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { join } from 'node:path';
import { DATASETS, type DatasetContract } from '../../lambdas/core/contracts';
import { loadViews } from '../../lambdas/core/sql/view-files';
import { Analytics } from '../../lib/constructs/analytics';
import { Catalog } from '../../lib/constructs/catalog';
import { LakeStorage } from '../../lib/constructs/lake-storage';
import { allows, roleGrants } from './role-policies';
import { stageWith, synthStack, testApp } from './synth-stack';

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

  test('hands the views custom resource plan_targets, source_cadences, wards_2025 and every SQL file, staging first, each mart after the views it reads', () => {
    const resources = Object.values(template.findResources('Custom::AthenaViews'));
    expect(resources).toHaveLength(1);
    const properties = resources[0]!.Properties;
    expect(properties.Database).toBe('vpdc_dev');
    expect(properties.WorkGroup).toBe('vpdc-dev');
    expect(JSON.parse(properties.Views)).toEqual([
      { name: 'plan_targets', sql: expect.stringContaining('from (\nvalues') },
      { name: 'source_cadences', sql: expect.stringContaining('from (\nvalues') },
      { name: 'wards_2025', sql: expect.stringContaining('from (\nvalues') },
      { name: 'stg_alpha', sql: 'select id from telecom_bts' },
      { name: 'z_detail', sql: 'select id from stg_alpha' },
      { name: 'a_summary', sql: 'select count(*) as n from z_detail' },
    ]);
    expect(JSON.parse(properties.Views)).toEqual(loadViews(FIXTURE_SQL).map(({ name, sql }) => ({ name, sql })));
  });

  test("applies the views only after every dataset's Glue table exists", () => {
    const [views] = Object.values(template.findResources('Custom::AthenaViews'));
    const tables = Object.entries(template.findResources('AWS::Glue::Table'))
      .filter(([, t]) => DATASETS.some((d) => d.name === t.Properties.TableInput.Name))
      .map(([id]) => id);
    expect(tables).toHaveLength(DATASETS.length);
    expect(views!.DependsOn).toEqual(expect.arrayContaining(tables));
  });

  test('applies the views only after the ingest_manifests table exists (feed_quality_history reads it)', () => {
    const [views] = Object.values(template.findResources('Custom::AthenaViews'));
    const manifests = Object.entries(template.findResources('AWS::Glue::Table'))
      .filter(([, t]) => t.Properties.TableInput.Name === 'ingest_manifests')
      .map(([id]) => id);
    expect(manifests).toHaveLength(1);
    expect(views!.DependsOn).toEqual(expect.arrayContaining(manifests));
  });
});

describe("the views custom resource's Version, a hash of what the views depend on", () => {
  /** The Version of a stack whose catalog has `datasets` and whose views come from the fixture SQL. */
  const versionWith = (datasets: readonly DatasetContract[]): string => {
    const stack = new Stack(testApp(), 'Test', { env: { account: '111122223333', region: 'ap-southeast-1' } });
    const storage = new LakeStorage(stack, 'Lake');
    const catalog = new Catalog(stack, 'Catalog', { curatedBucket: storage.curatedBucket, datasets });
    new Analytics(stack, 'Analytics', { storage, catalog, metricsNamespace: 'vpdc/test', sqlDir: FIXTURE_SQL });
    const [views] = Object.values(Template.fromStack(stack).findResources('Custom::AthenaViews'));
    return views!.Properties.Version;
  };
  /** DATASETS with telecom_bts's columns changed by `change`. */
  const withBtsColumns = (change: (columns: DatasetContract['fileColumns']) => DatasetContract['fileColumns']) =>
    DATASETS.map((d) => (d.name === 'telecom_bts' ? { ...d, fileColumns: change(d.fileColumns) } : d));
  const original = versionWith(DATASETS);

  test('is the same on every synth of the same contracts and SQL', () => {
    expect(original).toMatch(/^[0-9a-f]{64}$/);
    expect(versionWith(DATASETS)).toBe(original);
  });

  test("changes when a contract column's type changes, though no view's SQL does", () => {
    const changed = withBtsColumns((columns) =>
      columns.map((c, i) => (i === 0 ? { ...c, type: c.type === 'bigint' ? 'string' : 'bigint' } : c)),
    );
    expect(versionWith(changed)).not.toBe(original);
  });

  test('changes when a contract gains a column', () => {
    const added = withBtsColumns((columns) => [...columns, { ...columns.at(-1)!, name: 'added_column' }]);
    expect(versionWith(added)).not.toBe(original);
  });
});

describe('the roles that run Athena', () => {
  const { template } = synthStack();
  const grants = roleGrants(template);
  const athenaRoles = [...grants].filter(([, g]) => allows(g, 'athena:StartQueryExecution'));
  const arn = (resource: string) => `arn:aws:glue:ap-southeast-1:111122223333:${resource}`;

  test('are the analysts, the views function and the API', () => {
    expect(athenaRoles.map(([id]) => id).sort()).toEqual([
      expect.stringMatching(/^AnalystRole/),
      expect.stringMatching(/^AnalyticsViewsFunctionRole/),
      expect.stringMatching(/^SharingApiApiFunctionRole/),
    ]);
  });

  test.each(['glue:GetDatabases', 'glue:GetDatabase'])(
    "%s on the catalog, as Athena's fine-grained Glue access needs for DDL and queries",
    (action) => {
      for (const [id, g] of athenaRoles) expect([id, allows(g, action, arn('catalog'))]).toEqual([id, true]);
    },
  );

  test('read the `default` database of the region and the vpdc database', () => {
    for (const [id, g] of athenaRoles) {
      expect([id, allows(g, 'glue:GetDatabase', arn('database/default'))]).toEqual([id, true]);
      expect([id, allows(g, 'glue:GetDatabase', arn('database/vpdc_dev'))]).toEqual([id, true]);
    }
  });
});
