import { Field, Schema, Table, tableFromIPC, tableToIPC, makeData, RecordBatch, Struct } from 'apache-arrow';
import { arrowType } from '../../lambdas/core/contracts/arrow-schema';
import type { ColumnType } from '../../lambdas/core/contracts/column-types';
import { buildRecordBatch } from '../../lambdas/core/ingest/arrow-batch';
import { FileColumns } from '../../lambdas/core/ingest/column-builders';

/** Per type, values that reach its edges: nulls, non-ASCII text, negative and > 2^32 integers. */
const COLUMNS: { type: ColumnType; values: unknown[] }[] = [
  { type: 'string', values: ['HS2023-01', null, 'Phường Phúc Yên', '', '😀 emoji', 'x'.repeat(40)] },
  { type: 'bigint', values: [0, -1, 2 ** 40 + 7, null, -(2 ** 40) - 3, Number.MAX_SAFE_INTEGER] },
  { type: 'timestamp', values: [1_672_531_200_000, null, -86_400_000, 0, 1_796_315_219_244, 1] },
  { type: 'double', values: [21.6, null, -0.5, 0, 1e300, 3] },
  { type: 'date', values: [19_000, null, -1, 0, 20_000, 7] },
  { type: 'boolean', values: [true, false, null, true, true, false] },
  { type: 'decimal(18,4)', values: [342_025_125n, null, -1n, 0n, 10n ** 17n, 5n] },
];

function readBack(batch: RecordBatch): unknown[][] {
  const table = tableFromIPC(tableToIPC(new Table([batch]), 'stream'));
  return table.toArray().map((row) => Object.values(row.toJSON()));
}

test('rows appended to the column builders read back exactly as the values-to-Arrow path builds them', () => {
  const types = COLUMNS.map((c) => c.type);
  const schema = new Schema(types.map((type, i) => new Field(`c${i}`, arrowType(type), true)));
  const length = COLUMNS[0]!.values.length;
  const file = new FileColumns(types, types.length, 2); // room for 2 rows: every builder grows
  for (let row = 0; row < length; row++) file.appendRow(COLUMNS.map((c) => c.values[row]));
  const children = file.columns.map((column) => column.data(length));
  const built = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length, nullCount: 0, children }));
  const expected = buildRecordBatch(
    schema,
    types,
    COLUMNS.map((c) => c.values),
    length,
  );
  expect(readBack(built)).toEqual(readBack(expected));
  expect(readBack(built)[1]![0]).toBeNull();
  expect(readBack(built)[2]![0]).toBe('Phường Phúc Yên');
});

test('a lineage column filled with one value holds it on every row, after rows of its own', () => {
  const types: ColumnType[] = ['string', 'timestamp'];
  const file = new FileColumns(types, 0, 1);
  const [text, time] = file.columns as [NonNullable<(typeof file.columns)[0]>, NonNullable<(typeof file.columns)[0]>];
  text.append('a');
  text.fill('ma-nifest-é', 5);
  time.append(1);
  time.fill(1_796_315_219_244, 5);
  const schema = new Schema(types.map((type, i) => new Field(`c${i}`, arrowType(type), true)));
  const children = [text.data(6), time.data(6)];
  const batch = new RecordBatch(
    schema,
    makeData({ type: new Struct(schema.fields), length: 6, nullCount: 0, children }),
  );
  const rows = readBack(batch);
  expect(rows.map((r) => r[0])).toEqual(['a', ...Array(5).fill('ma-nifest-é')]);
  expect(rows.map((r) => Number(r[1]))).toEqual([1, ...Array(5).fill(1_796_315_219_244)]);
});

test('a reset builder starts the next file empty', () => {
  const file = new FileColumns(['string'], 1, 4);
  file.appendRow(['first file']);
  const column = file.columns[0]!;
  column.data(1);
  column.reset();
  file.appendRow(['second']);
  const schema = new Schema([new Field('c0', arrowType('string'), true)]);
  const batch = new RecordBatch(
    schema,
    makeData({ type: new Struct(schema.fields), length: 1, nullCount: 0, children: [column.data(1)] }),
  );
  expect(readBack(batch)).toEqual([['second']]);
});
