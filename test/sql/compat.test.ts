import { DuckDbLake } from '../../lambdas/core/query/duckdb-lake';
import { useTempDir } from '../support/temp-dir';

// Each example is the function's documented one (trino.io/docs/current/functions/datetime.html,
// and DuckDB's for strftime), run on DuckDB through sql/compat/duckdb.sql: the result Trino
// documents, as text, so the comparison does not depend on how either engine types it.
const tempDir = useTempDir('vpdc-compat-');

async function run(sql: string): Promise<string> {
  const lake = await DuckDbLake.open(tempDir());
  try {
    const { rows } = await lake.query(`select cast((${sql}) as varchar) as v`);
    return String(rows[0]!.v);
  } finally {
    lake.close();
  }
}

test.each([
  // Trino's documented examples.
  ["date_format(TIMESTAMP '2022-10-20 05:10:00', '%m-%d-%Y %H')", '10-20-2022 05'],
  ["date_add('second', 86, TIMESTAMP '2020-03-01 00:00:00')", '2020-03-01 00:01:26'],
  ["date_add('hour', 9, TIMESTAMP '2020-03-01 00:00:00')", '2020-03-01 09:00:00'],
  ["date_add('day', -1, TIMESTAMP '2020-03-01 00:00:00')", '2020-02-29 00:00:00'],
  ["from_iso8601_timestamp('2020-05-11T11:15:05.055+01:00') = TIMESTAMPTZ '2020-05-11 10:15:05.055+00'", 'true'],
  // DuckDB's strftime example, written with Trino's MySQL specifiers and Joda patterns.
  ["date_format(TIMESTAMP '1992-01-01 20:38:40', '%a, %e %M %Y - %h:%i:%s %p')", 'Wed, 1 January 1992 - 08:38:40 PM'],
  ["format_datetime(TIMESTAMP '1992-01-01 20:38:40', 'yyyy-MM-dd HH:mm:ss')", '1992-01-01 20:38:40'],
  ["format_datetime(TIMESTAMP '1992-01-01 20:38:40.123', 'dd MMM yy hh:mm:ss.SSS')", '01 Jan 92 08:38:40.123'],
  // What each function's documentation defines.
  ["day_of_week(DATE '2024-06-02')", '7'], // a Sunday: 1 (Monday) to 7 (Sunday)
  ["day_of_week(DATE '2024-06-03')", '1'],
  ["last_day_of_month(DATE '2024-02-10')", '2024-02-29'],
  ["from_unixtime(0) = TIMESTAMPTZ '1970-01-01 00:00:00+00'", 'true'],
  ["to_iso8601(DATE '2020-05-11')", '2020-05-11'],
  // DuckDB's own two-argument date_add still works beside Trino's three-argument one.
  ["date_add(DATE '2020-03-01', INTERVAL 1 DAY)", '2020-03-02 00:00:00'],
])('%s is %s', async (sql, expected) => {
  expect(await run(sql)).toBe(expected);
});
