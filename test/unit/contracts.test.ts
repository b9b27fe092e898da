import { arrowSchema } from '../../lambdas/core/contracts/arrow-schema';
import { duckdbViewSql } from '../../lambdas/core/contracts/duckdb-view';
import { glueTableColumns } from '../../lambdas/core/contracts/glue-columns';
import { DATASETS, defineDataset, getDataset } from '../../lambdas/core/contracts';

describe('dataset contracts', () => {
  test('there are the twenty-two datasets of the data center', () => {
    expect(DATASETS.map((d) => d.name).sort()).toEqual([
      'admin_dossiers',
      'data_network_connections',
      'digital_signatures',
      'document_exchange',
      'dossier_submissions',
      'eid_accounts',
      'facilities',
      'health_visits',
      'information_systems',
      'leadership_tasks',
      'lgsp_exchanges',
      'news_monitoring',
      'payment_transactions',
      'population',
      'provincial_indicators',
      'public_services',
      'school_enrollment',
      'soc_alerts',
      'telecom_bts',
      'telecom_subscribers',
      'traffic_events',
      'video_conference_endpoints',
    ]);
  });

  // The declaration rules run when a contract module loads (a broken contract fails the suite
  // before any test): these show that they refuse, and say what.
  const declaration = {
    name: 'x_data',
    version: '1.0.0',
    title: 'X data',
    description: 'a dataset for this test only',
    owner: 'test',
    fedBy: 'test',
    grain: 'one row',
    naturalKey: ['a'],
    columns: [{ name: 'a', type: 'string', description: 'column a of x' }],
  } as const;

  test.each([
    [
      'a column description under 10 characters',
      { columns: [{ name: 'a', type: 'string', description: 'short' }] },
      'columns[0].description: Too small: expected string to have >=10 characters',
    ],
    [
      'an unknown column type',
      { columns: [{ name: 'a', type: 'varchar', description: 'column a of x' }] },
      'unknown column type',
    ],
    [
      'bounds on a string column',
      { columns: [{ name: 'a', type: 'string', description: 'column a of x', min: 0 }] },
      'a: min and max apply to numeric columns only',
    ],
    [
      'an enum on a number column',
      { columns: [{ name: 'a', type: 'bigint', description: 'column a of x', enum: ['1'] }] },
      'a: enum, pattern and wardCode apply to string columns only',
    ],
  ])('a declaration with %s is refused when it loads, saying so', (_what, change, message) => {
    expect(() => defineDataset({ ...declaration, ...change } as never)).toThrow(message);
  });

  test('a well-formed declaration is accepted (the refusals above are not for any declaration)', () => {
    expect(defineDataset(declaration as never).columns.map((c) => c.name)).toEqual(['a']);
  });

  test('every dataset with a ward keeps the original code and name the feed used', () => {
    for (const contract of DATASETS.filter((d) => d.columns.some((c) => c.name === 'ward_code'))) {
      expect(contract.columns.map((c) => c.name)).toEqual(
        expect.arrayContaining(['ward_code', 'ward_code_original', 'ward_name_original']),
      );
    }
  });

  test('the applicant id is PII, kept only as a 64-hex keyed hash', () => {
    const column = getDataset('admin_dossiers').columns.find((c) => c.name === 'applicant_id_hash');
    expect(column).toMatchObject({ pii: 'keyed_hash', pattern: '[0-9a-f]{64}' });
  });

  test('a declaration whose natural key names an unknown column fails with that name', () => {
    expect(() => defineDataset({ ...declaration, naturalKey: ['nope'] } as never)).toThrow(
      'contract x_data: natural key column nope is not a column',
    );
  });

  test('a declaration may not redeclare a lineage column', () => {
    const lineage = { name: 'manifest_id', type: 'string', description: 'clashes with lineage' };
    expect(() => defineDataset({ ...declaration, naturalKey: ['period'], columns: [lineage] } as never)).toThrow(
      'manifest_id is a lineage column',
    );
  });
});

describe('derived schemas', () => {
  test.each(DATASETS.map((d) => [d.name, d]))(
    '%s: the Arrow schema has the contract columns then lineage, with their nullability',
    (_name, contract) => {
      // Each type's Arrow form is checked against DuckDB reading it, in column-types.test.ts.
      const schema = arrowSchema(contract);
      expect(schema.fields.map((f) => f.name)).toEqual([
        ...contract.columns.map((c) => c.name),
        'ingested_at',
        'manifest_id',
      ]);
      expect(schema.fields.map((f) => f.nullable)).toEqual(contract.fileColumns.map((c) => c.nullable));
    },
  );

  test('Glue columns use Hive types and put period and source in the partition keys', () => {
    const glue = glueTableColumns(getDataset('provincial_indicators'));
    expect(glue.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'indicator:string',
      'value:decimal(18,4)',
      'unit:string',
      'ingested_at:timestamp',
      'manifest_id:string',
    ]);
    expect(glue.partitionKeys.map((c) => `${c.name}:${c.type}`)).toEqual(['period:string', 'source:string']);
    expect(
      glueTableColumns(getDataset('information_systems')).columns.find((c) => c.name === 'security_level')?.type,
    ).toBe('bigint');
  });

  test('the DuckDB view reads the dataset folder with hive partitions and casts to contract types', () => {
    const sql = duckdbViewSql(getDataset('telecom_bts'), '/lake/curated', true);
    expect(sql).toContain("read_parquet('/lake/curated/telecom_bts/*/*/*.parquet', hive_partitioning = true");
    expect(sql).toContain('CAST("has_5g" AS BOOLEAN) AS "has_5g"');
    expect(sql).toContain('CAST("on_air_date" AS DATE) AS "on_air_date"');
    expect(duckdbViewSql(getDataset('telecom_bts'), '/lake/curated', false)).toContain('WHERE false');
  });
});
