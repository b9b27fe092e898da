import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Field, Schema, Table, tableToIPC } from 'apache-arrow';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { INVALID } from '../../lambdas/core/contracts/canonical-values';
import {
  COLUMN_TYPES,
  type ColumnType,
  isColumnType,
  resolveType,
  TYPE_KINDS,
  type TypeKind,
  typeKind,
} from '../../lambdas/core/contracts/column-types';
import { buildRecordBatch } from '../../lambdas/core/ingest/arrow-batch';
import { parquetFromIpc } from '../../lambdas/core/ingest/parquet-from-ipc';
import { DuckDbLake } from '../../lambdas/core/query/duckdb-lake';
import { useTempDir } from '../support/temp-dir';

/** One column type of each kind, with a value in canonical text and what DuckDB reads it as. */
const SAMPLES: Record<TypeKind | 'decimal9', { type: ColumnType; text: string; read: unknown }> = {
  string: { type: 'string', text: 'Phường Phúc Yên', read: 'Phường Phúc Yên' },
  bigint: { type: 'bigint', text: '1300000', read: 1_300_000 },
  double: { type: 'double', text: '21.6', read: 21.6 },
  decimal: { type: 'decimal(18,4)', text: '34202.5125', read: 34202.5125 },
  // A decimal of 9 digits or fewer is stored in 32 bits.
  decimal9: { type: 'decimal(9,2)', text: '-1234567.89', read: -1234567.89 },
  boolean: { type: 'boolean', text: 'true', read: true },
  date: { type: 'date', text: '2025-07-01', read: '2025-07-01' },
  timestamp: { type: 'timestamp', text: '2025-07-01T01:30:00Z', read: '2025-07-01 01:30:00' },
};

const dir = useTempDir();
const ajv = addFormats(new Ajv2020({ strict: true }));

/** Writes one column of `type` holding the parsed `text` the way the ETL does: Arrow batch → Parquet. */
function parquetOf(type: ColumnType, text: string): string {
  const { arrow, parse } = resolveType(type);
  const value = parse(text);
  expect(value).not.toBe(INVALID);
  const schema = new Schema([new Field('v', arrow, true)]);
  const ipc = tableToIPC(new Table(buildRecordBatch(schema, [type], [[value, null]], 2)), 'stream');
  const path = join(dir(), `${type.replace(/\W/g, '_')}.parquet`);
  writeFileSync(path, parquetFromIpc(ipc));
  return path;
}

describe('the column type table, against DuckDB reading the Parquet the ETL writes', () => {
  let lake: DuckDbLake;
  beforeAll(async () => {
    lake = await DuckDbLake.open('/nonexistent-lake');
  });
  afterAll(() => lake.close());

  test.each(Object.entries(SAMPLES))(
    '%s: DuckDB names the type as the table does, reads the value back, and the SQL cast of its text equals it',
    async (_kind, { type, text, read }) => {
      const facts = resolveType(type);
      const file = parquetOf(type, text);
      const described = await lake.query(`describe select v from read_parquet('${file}')`);
      expect(described.rows[0]!.column_type).toBe(facts.duckdb);
      const [stored] = (
        await lake.query(
          `select type, converted_type, precision, scale from parquet_schema('${file}') where name = 'v'`,
        )
      ).rows;
      const annotation =
        stored!.converted_type === 'DECIMAL'
          ? `DECIMAL(${stored!.precision},${stored!.scale})`
          : (stored!.converted_type as string | null);
      expect(annotation ? `${stored!.type} (${annotation})` : stored!.type).toBe(facts.parquet);
      const { rows } = await lake.query(
        `select v, v = cast(? as ${facts.sql}) as same from read_parquet('${file}') order by v nulls last`,
        [text],
      );
      expect(rows).toEqual([
        { v: read, same: true },
        { v: null, same: null },
      ]);
      expect(typeof rows[0]!.v).toBe(facts.served);
      // What the API's JSON Schema says of the column holds for the value DuckDB serves.
      const validate = ajv.compile(facts.jsonSchema);
      expect({ value: rows[0]!.v, valid: validate(rows[0]!.v) }).toEqual({ value: read, valid: true });
    },
  );

  test('every kind has a sample here, so a new kind is tried against DuckDB too', () => {
    expect(new Set(Object.values(SAMPLES).map((s) => typeKind(s.type)))).toEqual(new Set(TYPE_KINDS));
    expect(Object.keys(COLUMN_TYPES).sort()).toEqual([...TYPE_KINDS].sort());
  });
});

describe('column type names', () => {
  test('a decimal takes its precision and scale into every engine name', () => {
    expect(resolveType('decimal(12,3)')).toMatchObject({
      kind: 'decimal',
      glue: 'decimal(12,3)',
      sql: 'decimal(12,3)',
      duckdb: 'DECIMAL(12,3)',
      parquet: 'INT64 (DECIMAL(12,3))',
    });
    expect(resolveType('decimal(12,3)').parse('1.2345')).toBe(INVALID);
  });

  test.each([
    ['decimal(19,2)', false],
    ['decimal(18,19)', false],
    ['decimal', false],
    ['varchar', false],
    ['decimal(18,0)', true],
    ['timestamp', true],
  ])('%s is a column type: %s', (type, expected) => {
    expect(isColumnType(type)).toBe(expected);
  });

  test('Glue types are Hive DDL types Athena documents for CREATE TABLE', () => {
    // https://docs.aws.amazon.com/athena/latest/ug/data-types.html (DDL column types)
    const athenaDdl =
      /^(boolean|tinyint|smallint|int|bigint|double|float|string|binary|date|timestamp|decimal\(\d+,\d+\))$/;
    for (const { type } of Object.values(SAMPLES)) expect(resolveType(type).glue).toMatch(athenaDdl);
  });
});
