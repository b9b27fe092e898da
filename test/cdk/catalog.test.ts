import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { DATASETS, defineDataset, getDataset } from '../../lambdas/core/contracts';
import { glueTableColumns } from '../../lambdas/core/contracts/glue-columns';
import { SOURCE_IDS } from '../../lambdas/core/feeds';
import { INGEST_MANIFESTS_TABLE } from '../../lambdas/core/ingest/lake-tables';
import { AUDIT_LOG_COLUMNS } from '../../lambdas/core/lake/audit-log-table';
import { Catalog } from '../../lib/constructs/catalog';
import { synthStack, testApp } from './synth-stack';

type GlueTable = {
  Properties: {
    TableInput: {
      Name: string;
      Parameters: Record<string, string>;
      PartitionKeys: unknown[];
      StorageDescriptor: { Columns: unknown[]; Location: unknown };
    };
  };
};

function tablesOf(template: Template): Record<string, GlueTable['Properties']['TableInput']> {
  const tables = Object.values(template.findResources('AWS::Glue::Table')) as GlueTable[];
  return Object.fromEntries(tables.map((t) => [t.Properties.TableInput.Name, t.Properties.TableInput]));
}

describe('Catalog', () => {
  const { template } = synthStack();
  const tables = tablesOf(template);

  test("has one Glue table per contract and the lake's own records, in the stage database", () => {
    expect(Object.keys(tables).sort()).toEqual(
      [...DATASETS.map((d) => d.name), 'audit_log', 'ingest_manifests', 'quarantine_rows'].sort(),
    );
    template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: { Name: 'vpdc_dev' } });
  });

  test.each(DATASETS.map((d) => [d.name]))('%s: columns and partition keys equal its contract', (name) => {
    const { columns, partitionKeys } = glueTableColumns(getDataset(name));
    expect(tables[name]!.StorageDescriptor.Columns).toEqual(
      columns.map((c) => ({ Name: c.name, Type: c.type, Comment: c.comment })),
    );
    expect(tables[name]!.PartitionKeys).toEqual(
      partitionKeys.map((c) => ({ Name: c.name, Type: c.type, Comment: c.comment })),
    );
  });

  test.each(DATASETS.map((d) => [d.name]))(
    '%s: partition projection by month and by source, no crawler needed',
    (name) => {
      expect(tables[name]!.Parameters).toMatchObject({
        classification: 'parquet',
        'projection.enabled': 'true',
        'projection.period.type': 'date',
        'projection.period.format': 'yyyy-MM',
        'projection.period.range': '2020-01,NOW',
        'projection.period.interval.unit': 'MONTHS',
        'projection.source.type': 'enum',
        'projection.source.values': SOURCE_IDS.join(','),
      });
      expect(JSON.stringify(tables[name]!.Parameters['storage.location.template'])).toContain(
        `/curated/${name}/period=\${period}/source=\${source}/`,
      );
      expect(template.findResources('AWS::Glue::Crawler')).toEqual({});
    },
  );

  test('catalogs the API audit log: JSON by day, projected, the columns of AUDIT_LOG_COLUMNS', () => {
    const audit = tables.audit_log!;
    expect(audit.StorageDescriptor.Columns).toEqual(
      AUDIT_LOG_COLUMNS.map((c) => ({ Name: c.name.toLowerCase(), Type: c.hive })),
    );
    expect(audit.Parameters).toMatchObject({
      'projection.enabled': 'true',
      'projection.day.type': 'date',
      'projection.day.format': 'yyyy/MM/dd',
    });
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Glue's projection template, not a JavaScript one.
    expect(JSON.stringify(audit.Parameters['storage.location.template'])).toContain('/audit/${day}/');
  });

  test('catalogs the manifests and the quarantine with the columns the local views have, projected over their keys', () => {
    const manifests = tables.ingest_manifests!;
    // The source is the key's folder (the partition), so not also a column.
    expect(manifests.StorageDescriptor.Columns).toEqual(
      INGEST_MANIFESTS_TABLE.columns
        .filter((c) => c.name !== 'source')
        .map((c) => ({ Name: c.name.toLowerCase(), Type: c.hive })),
    );
    expect(manifests.PartitionKeys.map((p) => (p as { Name: string }).Name)).toEqual(['source']);
    expect(manifests.Parameters['projection.source.values']?.split(',')).toEqual([...SOURCE_IDS, 'unrouted']);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Glue's projection template, not a JavaScript one.
    expect(JSON.stringify(manifests.Parameters['storage.location.template'])).toContain('/manifests/${source}/');
    const quarantine = tables.quarantine_rows!;
    expect(quarantine.PartitionKeys.map((p) => (p as { Name: string }).Name)).toEqual(['source', 'day']);
    expect(JSON.stringify(quarantine.Parameters['storage.location.template'])).toContain(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Glue's projection template, not a JavaScript one.
      '/quarantine/${source}/${day}/',
    );
    expect(quarantine.StorageDescriptor).toMatchObject({
      SerdeInfo: { SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe' },
    });
  });

  test('follows a contract change with no other edit: a new column appears in the table', () => {
    const base = getDataset('eid_accounts');
    const { fileColumns: _file, partitionColumns: _partition, ...declaration } = base;
    const changed = defineDataset({
      ...declaration,
      version: '9.9.9',
      columns: [
        ...base.columns,
        {
          name: 'level3_accounts',
          type: 'bigint',
          description: 'Accounts at a made-up level 3, for this test',
          unit: 'accounts',
          nullable: true,
        },
      ],
    });
    const stack = new Stack(testApp(), 'T');
    new Catalog(stack, 'Catalog', { curatedBucket: new Bucket(stack, 'Curated'), datasets: [changed] });
    const table = tablesOf(Template.fromStack(stack)).eid_accounts!;
    expect(table.StorageDescriptor.Columns).toContainEqual({
      Name: 'level3_accounts',
      Type: 'bigint',
      Comment: 'Accounts at a made-up level 3, for this test Unit: accounts.',
    });
    expect(table.Parameters['contract.version']).toBe('9.9.9');
  });

  test('rejects a database name Glue would refuse, showing it', () => {
    const stack = new Stack(testApp(), 'T');
    expect(
      () => new Catalog(stack, 'Catalog', { curatedBucket: new Bucket(stack, 'Curated'), databaseName: 'Vpdc-Prod' }),
    ).toThrow('databaseName must be lowercase letters, digits and _, got Vpdc-Prod');
  });
});
