import { type DuckDBConnection, DuckDBInstance, type DuckDBResultReader } from '@duckdb/node-api';
import { rowsOf, type SqlRow, type SqlValue } from '../../lambdas/core/query/duckdb-rows';

/** The row-wise conversion rowsOf replaced (column types read per row), kept as the reference. */
const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|DECIMAL|DOUBLE|FLOAT)/;
function rowWiseRows(reader: DuckDBResultReader): SqlRow[] {
  const columns = reader.columnNames();
  return reader.getRowObjectsJson().map((row) => {
    const out: SqlRow = {};
    reader.columnTypes().forEach((type, i) => {
      const name = columns[i]!;
      const value = row[name] as SqlValue | undefined;
      out[name] =
        value === undefined ? null : typeof value === 'string' && NUMERIC.test(type.toString()) ? Number(value) : value;
    });
    return out;
  });
}

/** One column of every type DuckDB can answer, each with ordinary, extreme and null values. */
const EVERY_TYPE = `
  select * from (values
    (true, (-128)::tinyint, (-32768)::smallint, (-2147483648)::integer, 9007199254740993::bigint,
     170141183460469231731687303715884105727::hugeint, 255::utinyint, 65535::usmallint,
     4294967295::uinteger, 18446744073709551615::ubigint, 340282366920938463463374607431768211455::uhugeint,
     1.5::float, 'NaN'::double, 1.10::decimal(4, 2), 12345678901234567.891::decimal(38, 3),
     date '2025-12-01', timestamp '2025-12-01 08:30:00.123456', timestamptz '2025-12-01 08:30:00+07',
     time '08:30:00', interval '1 month 2 days', 'Vĩnh Phúc'::varchar, 'ab'::blob,
     'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, 'x'::enum_t, [1, 2, null]::integer[], ['a', 'b'],
     {'n': 1, 'd': 2.5::decimal(3, 1)}, map {'k': 1}, [1.5, 2.5]::double[2]),
    (false, 127::tinyint, 0::smallint, 0, (-9223372036854775808)::bigint, 0::hugeint, 0::utinyint,
     0::usmallint, 0::uinteger, 0::ubigint, 0::uhugeint, 'Infinity'::float, '-Infinity'::double,
     (-0.01)::decimal(4, 2), 0::decimal(38, 3), date '1970-01-01', timestamp '1970-01-01', timestamptz '1970-01-01 00:00:00+00',
     time '23:59:59.999999', interval '0 seconds', '', ''::blob, '00000000-0000-0000-0000-000000000000'::uuid,
     'y'::enum_t, [], [], {'n': null, 'd': null}, map {}, [0, -0.0]::double[2]),
    (null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
     null, null, null, null, null, null, null, null, null, null, null, null, null, null)
  ) as t(boolean_, tinyint_, smallint_, integer_, bigint_, hugeint_, utinyint_, usmallint_, uinteger_,
         ubigint_, uhugeint_, float_, double_, decimal_small, decimal_wide, date_, timestamp_, timestamptz_,
         time_, interval_, varchar_, blob_, uuid_, enum_, integer_list, varchar_list, struct_, map_, double_array)
`;

let connection: DuckDBConnection;
beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  connection = await db.connect();
  await connection.run(`set timezone = 'Asia/Ho_Chi_Minh'; create type enum_t as enum ('x', 'y')`);
});
afterAll(() => connection.closeSync());

test('converts a result of every column type to the same rows as the row-wise conversion did', async () => {
  const reader = await connection.runAndReadAll(EVERY_TYPE);
  const { columns, rows } = rowsOf(reader);
  expect(columns).toHaveLength(29);
  expect(rows).toEqual(rowWiseRows(reader));
  // toEqual tells NaN and -0 apart from other numbers; keep also a few values in plain sight.
  expect(rows[0]).toMatchObject({
    bigint_: 2 ** 53, // 9007199254740993 rounds to the nearest double
    ubigint_: 2 ** 64,
    uhugeint_: '340282366920938463463374607431768211455',
    double_: Number.NaN,
    decimal_small: 1.1,
    date_: '2025-12-01',
    timestamp_: '2025-12-01 08:30:00.123456',
    integer_list: [1, 2, null],
  });
  expect(Object.values(rows[2]!).every((value) => value === null)).toBe(true);
});

test('assembles rows across result chunks (DuckDB answers 2,048 rows a chunk) in order', async () => {
  const reader = await connection.runAndReadAll(
    'select i, i * 1000000000000 as big, i::decimal(10, 2) / 4 as quarter from range(5000) t(i)',
  );
  const { rows } = rowsOf(reader);
  expect(rows).toHaveLength(5000);
  expect(rows[4999]).toEqual({ i: 4999, big: 4999000000000000, quarter: 1249.75 });
  expect(rows).toEqual(rowWiseRows(reader));
});

test('a column name given twice keeps its first column, as before', async () => {
  const reader = await connection.runAndReadAll('select 1 as a, 2 as a, 3 as b');
  expect(rowsOf(reader)).toEqual({ columns: ['a', 'a', 'b'], rows: [{ a: 1, b: 3 }] });
  expect(rowsOf(reader).rows).toEqual(rowWiseRows(reader));
});
