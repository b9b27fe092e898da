import { DataType, Type } from 'apache-arrow';
import { arrowSchema } from '../../lambdas/core/contracts/arrow-schema';
import { duckdbViewSql } from '../../lambdas/core/contracts/duckdb-view';
import { glueTableColumns } from '../../lambdas/core/contracts/glue-columns';
import { DATASETS, defineDataset, getDataset } from '../../lambdas/core/contracts';

describe('dataset contracts', () => {
  test('there are the ten datasets of the data center', () => {
    expect(DATASETS.map((d) => d.name).sort()).toEqual([
      'admin_dossiers',
      'digital_signatures',
      'eid_accounts',
      'facilities',
      'information_systems',
      'population',
      'provincial_indicators',
      'public_services',
      'telecom_bts',
      'telecom_subscribers',
    ]);
  });

  test.each(DATASETS.map((d) => [d.name, d]))(
    '%s: every column is described and every key column exists',
    (_name, contract) => {
      const names = new Set([...contract.columns.map((c) => c.name), 'period']);
      for (const key of contract.naturalKey) expect(names.has(key)).toBe(true);
      for (const column of contract.columns) expect(column.description.length).toBeGreaterThanOrEqual(10);
    },
  );

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
    expect(() =>
      defineDataset({
        name: 'x_data',
        version: '1.0.0',
        title: 'X data',
        description: 'a dataset for this test only',
        owner: 'test',
        fedBy: 'test',
        grain: 'one row',
        naturalKey: ['nope'],
        columns: [{ name: 'a', type: 'string', description: 'column a of x' }],
      }),
    ).toThrow('contract x_data: natural key column nope is not a column');
  });

  test('a declaration may not redeclare a lineage column', () => {
    expect(() =>
      defineDataset({
        name: 'x_data',
        version: '1.0.0',
        title: 'X data',
        description: 'a dataset for this test only',
        owner: 'test',
        fedBy: 'test',
        grain: 'one row',
        naturalKey: ['period'],
        columns: [{ name: 'manifest_id', type: 'string', description: 'clashes with lineage' }],
      }),
    ).toThrow('manifest_id is a lineage column');
  });
});

describe('derived schemas', () => {
  const expectedArrow: Record<string, Type> = {
    string: Type.Utf8,
    bigint: Type.Int,
    double: Type.Float,
    boolean: Type.Bool,
    date: Type.Date,
    timestamp: Type.Timestamp,
  };

  test.each(DATASETS.map((d) => [d.name, d]))(
    '%s: the Arrow schema has the contract columns then lineage, typed from the contract',
    (_name, contract) => {
      const schema = arrowSchema(contract);
      expect(schema.fields.map((f) => f.name)).toEqual([
        ...contract.columns.map((c) => c.name),
        'ingested_at',
        'manifest_id',
      ]);
      contract.fileColumns.forEach((column, i) => {
        const field = schema.fields[i]!;
        expect(field.nullable).toBe(column.nullable);
        const expected = column.type.startsWith('decimal') ? Type.Decimal : expectedArrow[column.type];
        expect(DataType.isDecimal(field.type) ? Type.Decimal : field.typeId).toBe(expected);
      });
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
