-- Trino functions that DuckDB lacks, as DuckDB macros: loaded before the views on DuckDB only,
-- so sql/staging and sql/marts stay plain Trino (what Athena runs).
-- approx_percentile(x, p): Trino's approximate percentile; DuckDB's exact continuous quantile.
create or replace macro approx_percentile(x, p) as quantile_cont(x, p);
-- to_unixtime(ts): seconds since the epoch, as double.
create or replace macro to_unixtime(ts) as epoch(ts);
-- date_parse(text, format): Trino's MySQL-style format; DuckDB's strptime takes the same codes used here.
create or replace macro date_parse(text, fmt) as strptime(text, fmt);
-- regexp_like(text, pattern): DuckDB's regexp_matches, which also searches anywhere in the text.
create or replace macro regexp_like(text, pattern) as regexp_matches(text, pattern);
-- approx_distinct(x): Trino's HyperLogLog count; DuckDB's exact count distinct.
create or replace macro approx_distinct(x) as count(distinct x);
-- The Trino date and time functions a data engineer reaches for (trino.io/docs, "Date and time
-- functions"), each checked against the documented examples on DuckDB (test/sql/compat.test.ts).
-- day_of_week(x): the ISO day of the week, 1 (Monday) to 7 (Sunday).
create or replace macro day_of_week(x) as isodow(x);
-- last_day_of_month(x): the last day of x's month, as a date.
create or replace macro last_day_of_month(x) as last_day(x);
-- from_unixtime(n): seconds since 1970-01-01 00:00:00 UTC as a timestamp with time zone.
create or replace macro from_unixtime(n) as to_timestamp(n);
-- from_iso8601_timestamp(text): an ISO 8601 date, optionally with time and zone (UTC when none).
create or replace macro from_iso8601_timestamp(text) as cast(text as timestamptz);
-- to_iso8601(x): x as ISO 8601 text. A date is exact; DuckDB writes a timestamp's fraction only
-- when it is not zero, where Trino always writes milliseconds.
create or replace macro to_iso8601(x) as replace(cast(x as varchar), ' ', 'T');
-- date_add(unit, value, x): Trino's three-argument form beside DuckDB's own date_add(x, interval).
-- On DuckDB a date comes back as a timestamp at midnight; Trino keeps it a date.
create or replace macro date_add(x, step) as x + step,
  (unit, value, x) as case lower(unit)
    when 'millisecond' then x + to_milliseconds(value)
    when 'second' then x + to_seconds(value)
    when 'minute' then x + to_minutes(value)
    when 'hour' then x + to_hours(value)
    when 'day' then x + to_days(value)
    when 'week' then x + to_weeks(value)
    when 'month' then x + to_months(value)
    when 'quarter' then x + to_months(3 * value)
    when 'year' then x + to_years(value)
  end;
-- date_format(x, format): MySQL format specifiers (Trino's table) rewritten as strftime's; in
-- this order so that no rewritten specifier is rewritten again. %D %U %u %V %w %X, which Trino
-- does not support either, are left as they are.
create or replace macro date_format(x, fmt) as strftime(x,
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
    fmt, '%M', '%B'), '%i', '%M'), '%h', '%I'), '%k', '%-H'), '%l', '%-I'), '%c', '%-m'), '%e', '%-d'),
    '%r', '%I:%M:%S %p'), '%s', '%S'), '%T', '%H:%M:%S'), '%W', '%A'), '%v', '%V'), '%x', '%G'));
-- format_datetime(x, pattern): Joda-Time patterns (yyyy, yy, MMMM, MMM, MM, dd, HH, hh, mm, ss,
-- SSS) rewritten as strftime's; longer runs first, and no rewritten text holds a pattern letter run.
create or replace macro format_datetime(x, pattern) as strftime(x,
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
    pattern, 'yyyy', '%Y'), 'yy', '%y'), 'MMMM', '%B'), 'MMM', '%b'), 'MM', '%m'), 'dd', '%d'),
    'HH', '%H'), 'hh', '%I'), 'mm', '%M'), 'ss', '%S'), 'SSS', '%g'));
